import type { Server } from 'node:http';
import type { Socket } from 'node:net';

/** Deeper JSON than this is refused before parsing: the API's bodies are at most 3 levels deep. */
export const MAX_JSON_DEPTH = 32;

/** An error body-parser turns into a 400 (it copies `status`). */
class BodyTooDeepError extends Error {
  readonly status = 400;
  readonly expose = true;
  readonly type = 'entity.too.deep';
}

/**
 * body-parser `verify` hook: counts bracket nesting in the raw bytes (skipping strings), so a
 * body like [[[[...]]]] cannot exhaust the stack of the parser or the DTO transformer.
 */
export function refuseDeepJson(_req: unknown, _res: unknown, buf: Buffer): void {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < buf.length; i++) {
    const c = buf[i];
    if (inString) {
      if (c === 0x5c) i++;
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x5b || c === 0x7b) {
      if (++depth > MAX_JSON_DEPTH) {
        throw new BodyTooDeepError(`JSON body is nested deeper than ${MAX_JSON_DEPTH} levels`);
      }
    } else if (c === 0x5d || c === 0x7d) depth--;
  }
}

const STATUS_LINES: Record<string, [number, string, string]> = {
  HPE_HEADER_OVERFLOW: [431, 'Request Header Fields Too Large', 'Request headers or URL too long'],
};

/**
 * Node answers protocol errors (e.g. a URL over the header limit) with an empty body; answer them
 * in the API's error shape instead, so every 4xx says what was wrong.
 */
export function answerClientErrors(server: Server): void {
  server.on('clientError', (error: NodeJS.ErrnoException, socket: Socket) => {
    if (!socket.writable) return void socket.destroy();
    const [status, text, message] = STATUS_LINES[error.code ?? ''] ?? [
      400,
      'Bad Request',
      'Malformed HTTP request',
    ];
    const body = JSON.stringify({ statusCode: status, message, error: text });
    socket.end(
      `HTTP/1.1 ${status} ${text}\r\nContent-Type: application/json; charset=utf-8\r\n` +
        `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
    );
  });
}
