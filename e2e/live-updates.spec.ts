import type { Request } from '@playwright/test';
import { expect, openApp, test } from './support/app.js';
import { containerRow, expectRowStatus } from './support/containers.js';

/** The reads the UI polls when its event stream is not healthy. */
const POLLED = /\/api\/(containers|nodes|status|dashboard|tasks)(\?|$)/;
/** Longer than the list's poll interval (10 s), so a poll would have shown in the log. */
const WATCH_MS = 12_000;

test.describe('live updates', () => {
  test('a container started through the API shows as running in an open list, with no reload and no poll', async ({
    page,
  }) => {
    const stream = page.waitForRequest((r) => new URL(r.url()).pathname === '/api/events');
    await openApp(page, '/containers');
    await stream;
    const list = (await (await page.request.get('/api/containers')).json()) as {
      items: { vmid: number; name: string; status: string }[];
    };
    // a stopped container on a node that answers (the other specs may have started some)
    const target = list.items.find((ct) => ct.status === 'stopped');
    expect(target, 'a stopped container to start').toBeDefined();
    await expectRowStatus(page, target!.name, 'stopped');

    const polls: string[] = [];
    const navigations: string[] = [];
    page.on('request', (r: Request) => {
      if (POLLED.test(new URL(r.url()).pathname + new URL(r.url()).search)) polls.push(r.url());
    });
    page.on('framenavigated', (f) => {
      if (f === page.mainFrame()) navigations.push(f.url());
    });

    const watchFrom = Date.now();
    const me = (await (await page.request.get('/api/auth/me')).json()) as { csrfToken: string };
    const started = await page.request.post(`/api/containers/${target!.vmid}/start`, {
      headers: { 'X-CSRF-Token': me.csrfToken },
      data: {},
    });
    expect(started.status(), await started.text()).toBe(202);

    await expect(containerRow(page, target!.name).getByRole('status')).toContainText('running', {
      timeout: 20_000,
    });
    // keep watching for a whole poll interval: a poll would show in the log by then
    await page.waitForTimeout(Math.max(0, watchFrom + WATCH_MS - Date.now()));
    expect(navigations, 'no reload').toEqual([]);
    expect(polls, 'no poll request while the stream is healthy').toEqual([]);

    // leave the cluster as the other specs expect it
    const stopped = await page.request.post(`/api/containers/${target!.vmid}/stop`, {
      headers: { 'X-CSRF-Token': me.csrfToken },
      data: {},
    });
    expect(stopped.status()).toBe(202);
    await expectRowStatus(page, target!.name, 'stopped');
  });
});
