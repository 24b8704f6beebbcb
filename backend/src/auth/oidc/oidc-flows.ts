import { randomSecret } from '../auth-crypto.js';

/** What the callback needs to finish a sign-in the login route started. */
export interface OidcFlow {
  state: string;
  nonce: string;
  codeVerifier: string;
  redirectUri: string;
  expiresAt: number;
}

export const FLOW_TTL_MS = 10 * 60_000;
const MAX_FLOWS = 1_000;

/**
 * Sign-ins under way, keyed by a random id the browser holds in a cookie, so a callback only
 * finishes the flow its own browser started (no login CSRF). Each is used once and expires after
 * ten minutes; the oldest go first when full, so anonymous calls cannot grow it without bound.
 * In memory: a restart only makes people click the button again.
 */
export class OidcFlows {
  private readonly flows = new Map<string, OidcFlow>();

  add(flow: Omit<OidcFlow, 'expiresAt'>, now = Date.now()): string {
    for (const [id, f] of this.flows) if (f.expiresAt <= now) this.flows.delete(id);
    while (this.flows.size >= MAX_FLOWS) this.flows.delete(this.flows.keys().next().value!);
    const id = randomSecret();
    this.flows.set(id, { ...flow, expiresAt: now + FLOW_TTL_MS });
    return id;
  }

  /** The flow, removed (single use); undefined when unknown or expired. */
  take(id: string | undefined, now = Date.now()): OidcFlow | undefined {
    if (!id) return undefined;
    const flow = this.flows.get(id);
    this.flows.delete(id);
    return flow && flow.expiresAt > now ? flow : undefined;
  }
}
