/** One property in a PVE JSON schema, as apidoc.json spells it (Perl booleans arrive as 0/1). */
export interface PropertySchema {
  type?: string | string[];
  description?: string;
  optional?: number | boolean;
  format?: string | Record<string, PropertySchema>;
  enum?: unknown[];
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  default?: unknown;
  default_key?: number | boolean;
  alias?: string;
  keyAlias?: string;
  requires?: string | Record<string, unknown>;
  properties?: Record<string, PropertySchema>;
  additionalProperties?: number | boolean | PropertySchema;
  items?: PropertySchema;
  [key: string]: unknown;
}

export interface ParamSchema {
  type?: string;
  additionalProperties?: number | boolean;
  properties?: Record<string, PropertySchema>;
}

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'DELETE';

export interface ApiEndpoint {
  path: string;
  method: HttpMethod;
  name: string;
  allowtoken: boolean;
  protected: boolean;
  proxyto?: string;
  permissions?: unknown;
  parameters: ParamSchema;
  returns: unknown;
}

export type MatchResult =
  | { kind: 'ok'; endpoint: ApiEndpoint; pathParams: Record<string, string> }
  | { kind: 'no-such-path' }
  | { kind: 'method-not-allowed'; path: string };

export interface ApiSchema {
  match(method: string, path: string): MatchResult;
  endpoints(): ApiEndpoint[];
}

export type ValidationResult =
  | { ok: true; values: Record<string, unknown> }
  | { ok: false; errors: Record<string, string> };

export type PropertyStringResult =
  | { ok: true; values: Record<string, unknown> }
  | { ok: false; error: string };

/** Parameter name -> message, built up like PVE's `add_error`. */
export type ErrorMap = Record<string, string>;
