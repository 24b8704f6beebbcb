import { Agent, fetch } from 'undici';
import { startPveSim, type PveSimHandle, type PveSimOptions } from '../../pve-sim/src/index.js';
import { getApiSchema } from '../../pve-sim/src/schema/index.js';
import { validateReturns } from '../support/apidoc-returns.js';

export const ROOT_TOKEN = {
  tokenId: 'root@pam!test',
  secret: '0f2c54b1-9a1d-4c7e-8b55-6f1e2d3c4b5a',
};

export interface ApiResponse {
  status: number;
  statusText: string;
  body: { data: unknown; errors?: Record<string, string>; message?: string; total?: number };
  headers: Headers;
}

export type Auth =
  | { token: string }
  | { ticket: string; csrf?: string }
  | { authorization: string }
  | null;

/** An HTTPS client that trusts only the simulator's own certificate (no global TLS changes). */
export class SimClient {
  private readonly agent: Agent;

  constructor(
    private readonly sim: PveSimHandle,
    private readonly auth: Auth = { token: `${ROOT_TOKEN.tokenId}=${ROOT_TOKEN.secret}` },
    ca: string = sim.certificate,
  ) {
    this.agent = new Agent({ connect: { ca } });
  }

  withAuth(auth: Auth): SimClient {
    return new SimClient(this.sim, auth);
  }

  async request(
    method: string,
    path: string,
    params: Record<string, string | number> = {},
  ): Promise<ApiResponse> {
    const search = new URLSearchParams(
      Object.entries(params).map(([k, v]): [string, string] => [k, String(v)]),
    );
    const isQuery = method === 'GET' || method === 'DELETE';
    const qs = isQuery && search.toString() ? `?${search.toString()}` : '';
    const headers: Record<string, string> = {};
    if (this.auth && 'token' in this.auth) headers.Authorization = `PVEAPIToken=${this.auth.token}`;
    if (this.auth && 'authorization' in this.auth) headers.Authorization = this.auth.authorization;
    if (this.auth && 'ticket' in this.auth) {
      headers.Cookie = `PVEAuthCookie=${encodeURIComponent(this.auth.ticket)}`;
      if (this.auth.csrf) headers.CSRFPreventionToken = this.auth.csrf;
    }
    if (!isQuery) headers['Content-Type'] = 'application/x-www-form-urlencoded';
    const res = await fetch(`${this.sim.url}/api2/json${path}${qs}`, {
      method,
      headers,
      body: isQuery ? undefined : search.toString(),
      dispatcher: this.agent,
    });
    const body = (await res.json()) as ApiResponse['body'];
    if (res.status === 200) assertReturnsSchema(method, path, body.data);
    return {
      status: res.status,
      statusText: res.statusText,
      body,
      headers: res.headers as unknown as Headers,
    };
  }

  get(path: string, params?: Record<string, string | number>): Promise<ApiResponse> {
    return this.request('GET', path, params);
  }

  post(path: string, params?: Record<string, string | number>): Promise<ApiResponse> {
    return this.request('POST', path, params);
  }

  /** Polls a task until it stops; returns its final status object. */
  async waitTask(upid: string, timeoutMs = 10_000): Promise<Record<string, unknown>> {
    const node = upid.split(':')[1];
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const res = await this.get(`/nodes/${node}/tasks/${encodeURIComponent(upid)}/status`);
      const data = res.body.data as Record<string, unknown>;
      if (data.status === 'stopped') return data;
      if (Date.now() > deadline) throw new Error(`task ${upid} still running`);
      await new Promise((r) => setTimeout(r, 20));
    }
  }

  close(): Promise<void> {
    return this.agent.close();
  }
}

/** Every successful answer any pve-sim test receives must fit the endpoint's `returns` schema. */
function assertReturnsSchema(method: string, path: string, data: unknown): void {
  const match = getApiSchema().match(method, path);
  if (match.kind !== 'ok') throw new Error(`200 for ${method} ${path}, which is not in the schema`);
  const problems = validateReturns(match.endpoint, data);
  if (problems.length)
    throw new Error(`${method} ${path} broke its returns schema: ${problems.join('; ')}`);
}

export async function startTestSim(
  options: PveSimOptions = {},
): Promise<{ sim: PveSimHandle; api: SimClient }> {
  const sim = await startPveSim({
    port: 0,
    speed: 0,
    authFailDelayMs: 50,
    // pveproxy's 59x for an unreachable node at once; the faults spec sets a delay itself
    proxyTimeoutMs: 0,
    controlPort: false,
    tokens: [{ ...ROOT_TOKEN, privsep: false }],
    ...options,
  });
  return { sim, api: new SimClient(sim) };
}
