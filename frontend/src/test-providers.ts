import { provideHttpClient } from '@angular/common/http';
import { provideHttpClientTesting } from '@angular/common/http/testing';
import { EnvironmentProviders, Provider } from '@angular/core';

// Every generated API service needs HttpClient; specs stub the services they exercise, and any
// other request lands in the testing backend instead of the network.
const providers: (Provider | EnvironmentProviders)[] = [
  provideHttpClient(),
  provideHttpClientTesting(),
];
export default providers;
