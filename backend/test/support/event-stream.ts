/** One server-sent event as a client sees it: its name (`message` when none) and parsed data. */
export interface SseEvent<T = any> {
  type: string;
  data: T;
}

export interface EventStream {
  status: number;
  events: SseEvent[];
  /** resolves when the server ends the stream (not when close() aborts it) */
  ended: Promise<void>;
  /** the first event (already received or still to come) that matches, or a timeout error */
  next<T = any>(type: string, match?: (data: T) => boolean, timeoutMs?: number): Promise<T>;
  close(): void;
}

function parseBlock(block: string): SseEvent | undefined {
  let type = 'message';
  const data: string[] = [];
  for (const line of block.split('\n')) {
    if (line.startsWith('event:')) type = line.slice(6).trim();
    else if (line.startsWith('data:')) data.push(line.slice(5).trimStart());
  }
  return data.length ? { type, data: JSON.parse(data.join('\n')) } : undefined;
}

/** Opens a text/event-stream with fetch and collects its events until the server or close() ends it. */
export async function openEventStream(
  url: string,
  headers: Record<string, string>,
): Promise<EventStream> {
  const abort = new AbortController();
  const res = await fetch(url, { headers, signal: abort.signal });
  const events: SseEvent[] = [];
  const waiters = new Set<() => void>();
  let ended: Promise<void> = Promise.resolve();
  if (res.ok && res.body && res.headers.get('content-type')?.startsWith('text/event-stream')) {
    const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
    ended = (async () => {
      let buffer = '';
      try {
        for (;;) {
          const { value, done } = await reader.read();
          if (done) return;
          buffer += value;
          const blocks = buffer.split('\n\n');
          buffer = blocks.pop() ?? '';
          for (const block of blocks) {
            const event = parseBlock(block);
            if (event) events.push(event);
          }
          for (const wake of waiters) wake();
        }
      } catch {
        await new Promise<void>(() => undefined); // aborted by close(): never "ended by the server"
      }
    })();
  } else {
    await res.body?.cancel();
  }
  return {
    status: res.status,
    events,
    ended,
    close: () => abort.abort(),
    next<T>(type: string, match: (data: T) => boolean = () => true, timeoutMs = 10_000) {
      const find = () =>
        events.find((e) => e.type === type && match(e.data as T))?.data as T | undefined;
      return new Promise<T>((resolve, reject) => {
        const check = (): void => {
          const found = find();
          if (found === undefined) return;
          cleanup();
          resolve(found);
        };
        const timer = setTimeout(() => {
          cleanup();
          reject(new Error(`no '${type}' event matched within ${timeoutMs} ms`));
        }, timeoutMs);
        const cleanup = (): void => {
          clearTimeout(timer);
          waiters.delete(check);
        };
        waiters.add(check);
        check();
      });
    },
  };
}

/** Resolves true if the promise settles within ms, false otherwise. */
export async function settlesWithin(promise: Promise<unknown>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<boolean>((r) => (timer = setTimeout(() => r(false), ms)));
  try {
    return await Promise.race([promise.then(() => true), timeout]);
  } finally {
    clearTimeout(timer);
  }
}
