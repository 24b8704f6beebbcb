/** The few parts of node-oidc-provider the tests use (the package ships no types). */
declare module 'oidc-provider' {
  import type { IncomingMessage, ServerResponse } from 'node:http';

  interface Account {
    accountId: string;
    claims: () => Record<string, unknown>;
  }

  export default class Provider {
    constructor(
      issuer: string,
      configuration: {
        clients: Record<string, unknown>[];
        claims?: Record<string, string[]>;
        cookies?: { keys: string[] };
        features?: Record<string, unknown>;
        findAccount: (ctx: unknown, id: string) => Account | undefined;
      },
    );
    callback(): (req: IncomingMessage, res: ServerResponse) => void;
  }
}
