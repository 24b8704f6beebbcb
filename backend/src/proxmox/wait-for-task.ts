import { ProxmoxError } from './proxmox.errors.js';
import type { TaskSummary } from './proxmox.types.js';

export interface WaitForTaskOptions {
  /** delay between status polls; PVE tasks are usually polled every 1-2 s */
  intervalMs?: number;
  /** give up (ProxmoxError 'timeout') after this long; the task itself keeps running */
  timeoutMs?: number;
  signal?: AbortSignal;
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(signal?.reason instanceof Error ? signal.reason : new Error('aborted'));
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/** Polls until the task is stopped and returns that final status (check exitstatus for success). */
export async function waitForTask(
  poll: () => Promise<TaskSummary>,
  { intervalMs = 1_000, timeoutMs = 10 * 60_000, signal }: WaitForTaskOptions,
): Promise<TaskSummary> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    signal?.throwIfAborted();
    const task = await poll();
    if (task.status === 'stopped') {
      return task;
    }
    const left = deadline - Date.now();
    if (left <= 0) {
      throw new ProxmoxError('timeout', `task ${task.upid} still running after ${timeoutMs} ms`);
    }
    await sleep(Math.min(intervalMs, left), signal);
  }
}
