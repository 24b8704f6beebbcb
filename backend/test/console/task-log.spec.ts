import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startConsole, type ConsoleHarness } from '../support/console-harness.js';

let h: ConsoleHarness;

// tasks take their realistic time, so a start's log is still empty while it runs
beforeAll(async () => {
  h = await startConsole({ sim: { speed: 1 } });
});
afterAll(async () => {
  await h?.stop();
});

describe('the log of a task that has not written yet', () => {
  it("is empty, not PVE's 'no content' placeholder, and never cached as line 1", async () => {
    const started = await h.post('/api/containers/108/start');
    expect(started.status, started.text).toBe(202);
    const running = await h.get(`/api/tasks/${encodeURIComponent(started.body.upid)}`);
    expect(running.status, running.text).toBe(200);
    expect(running.body.status).toBe('running');
    expect(running.body.log).toEqual([]);
    expect(running.body.logTotal).toBe(0);

    const done = await h.waitForTask(started.body.upid);
    expect(done.ok).toBe(true);
    expect(done.log).toEqual([{ n: 1, t: 'TASK OK' }]);
    expect(done.logTotal).toBe(1);
  });
});
