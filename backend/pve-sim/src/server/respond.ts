import type { ServerResponse } from 'node:http';

const JSON_TYPE = 'application/json;charset=UTF-8';

/** The reason phrase may only hold visible ASCII and spaces; PVE sends the message's first line. */
function reasonPhrase(message: string): string {
  return (message.split('\n')[0] ?? '').replace(/[^\x20-\x7e]/g, '?').slice(0, 512) || 'Error';
}

export function sendData(
  res: ServerResponse,
  data: unknown,
  extra: Record<string, unknown> = {},
): void {
  sendBody(res, JSON.stringify({ ...extra, data }));
}

/** `dataJson` is the serialised value of `data`. */
export function sendDataJson(res: ServerResponse, dataJson: string): void {
  sendBody(res, `{"data":${dataJson}}`);
}

function sendBody(res: ServerResponse, body: string): void {
  res.writeHead(200, 'OK', {
    'Content-Type': JSON_TYPE,
    'Content-Length': Buffer.byteLength(body),
    Server: 'pve-api-daemon/3.0',
    'Cache-Control': 'max-age=0',
    Pragma: 'no-cache',
  });
  res.end(body);
}

/**
 * An error as libpve-http-server-perl >= 5.2 sends it: the message in the reason phrase and in
 * `message` (with its trailing newline), `errors` for parameter problems, and the connection closed.
 */
export function sendError(
  res: ServerResponse,
  status: number,
  message: string,
  errors?: Record<string, string>,
): void {
  const text = message.endsWith('\n') ? message : `${message}\n`;
  const payload: Record<string, unknown> = { data: null, message: text };
  if (errors) payload.errors = errors;
  const body = JSON.stringify(payload);
  res.writeHead(status, reasonPhrase(message), {
    'Content-Type': JSON_TYPE,
    'Content-Length': Buffer.byteLength(body),
    Server: 'pve-api-daemon/3.0',
    Connection: 'close',
  });
  res.end(body);
}
