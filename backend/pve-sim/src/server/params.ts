import type { IncomingMessage } from 'node:http';

export type WireParams = Record<string, string | string[]>;

const MAX_BODY = 1024 * 1024;

export async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY) throw new Error('request body too large');
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

export function fromSearchParams(search: URLSearchParams): WireParams {
  const out: WireParams = {};
  for (const [key, value] of search) {
    const prev = out[key];
    out[key] = prev === undefined ? value : Array.isArray(prev) ? [...prev, value] : [prev, value];
  }
  return out;
}

function wire(value: unknown): string {
  if (typeof value === 'boolean') return value ? '1' : '0';
  return typeof value === 'object' && value !== null ? JSON.stringify(value) : String(value);
}

/** Form bodies as PVE reads them; JSON bodies are flattened to the same wire strings. */
export function parseBody(body: string, contentType: string | undefined): WireParams {
  if (!body) return {};
  if (contentType?.startsWith('application/json')) {
    const parsed = JSON.parse(body) as Record<string, unknown>;
    const out: WireParams = {};
    for (const [k, v] of Object.entries(parsed)) out[k] = Array.isArray(v) ? v.map(wire) : wire(v);
    return out;
  }
  return fromSearchParams(new URLSearchParams(body));
}
