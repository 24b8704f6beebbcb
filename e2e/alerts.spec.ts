import { createHmac } from 'node:crypto';
import { type IncomingHttpHeaders, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Page } from '@playwright/test';
import { expect, openApp, test } from './support/app.js';
import { expectTaskSucceeded, taskPanel } from './support/containers.js';
import { crashGuest } from './support/pve-sim.js';

// The collector runs every 2 s here; the alerts page reads again every 15 s.
const UI_POLLS = { timeout: 40_000 };
const VMID = 106;
const NAME = 'monitoring';
const SECRET = 'e2e-hmac-secret';

interface Delivery {
  headers: IncomingHttpHeaders;
  raw: string;
  body: { event: string; rule: string; subject: { vmid?: number } };
}

/** A local receiver standing in for the webhook's server; it keeps every request it gets. */
async function startReceiver(): Promise<{ url: string; got: Delivery[]; close: () => void }> {
  const got: Delivery[] = [];
  const server = createServer((req, res) => {
    let raw = '';
    req.on('data', (chunk: Buffer) => (raw += chunk.toString()));
    req.on('end', () => {
      got.push({ headers: req.headers, raw, body: JSON.parse(raw) as Delivery['body'] });
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/hook`, got, close: () => server.close() };
}

async function pick(page: Page, field: string, option: string): Promise<void> {
  await page.getByLabel(field, { exact: true }).click();
  await page.getByRole('option', { name: option }).click();
}

async function startAgain(page: Page): Promise<void> {
  await page.goto(`/containers/${VMID}`);
  const actions = page.getByRole('toolbar', { name: 'Container actions' });
  await actions.getByRole('button', { name: 'Start', exact: true }).click();
  await expectTaskSucceeded(taskPanel(page, `Start ${NAME}`));
}

test('a webhook channel and a rule made in the UI: a CT crashing outside the console fires, is sent signed, and resolves once it runs again', async ({
  page,
}) => {
  test.setTimeout(240_000);
  const receiver = await startReceiver();
  let crashed = false;
  try {
    await openApp(page, '/alerts/channels');
    const form = page.getByRole('form', { name: 'New channel' });
    await form.getByLabel('Name').fill('e2e hook');
    await form.getByLabel('URL').fill(receiver.url);
    await form.getByLabel('Signing secret (optional)').fill(SECRET);
    await form.getByRole('button', { name: 'Create channel' }).click();
    const channel = page.getByRole('listitem').filter({ hasText: 'e2e hook' });
    await expect(channel).toContainText('secret set (never shown)');
    await expect(page.getByRole('main')).not.toContainText(SECRET);
    await channel.getByRole('button', { name: 'Test' }).click();
    await expect(channel.getByRole('status').last()).toHaveText('Test message delivered.');
    expect(receiver.got.map((d) => d.body.event)).toEqual(['alert.test']);

    await page
      .getByRole('navigation', { name: 'Alert pages' })
      .getByRole('link', { name: 'Rules' })
      .click();
    const rule = page.getByRole('form', { name: 'New rule' });
    await rule.getByLabel('Name').fill('monitoring down');
    await pick(page, 'Fires when', 'A running CT stops and nothing explains it');
    await pick(page, 'Scope', 'CT ids');
    await rule.getByLabel('CT ids (101,102)').fill(String(VMID));
    await rule.getByLabel('For minutes').fill('0');
    await pick(page, 'Severity', 'Critical');
    await page.getByLabel('Channels', { exact: true }).click();
    await page.getByRole('option', { name: 'e2e hook (webhook)' }).click();
    await page.keyboard.press('Escape');
    await rule.getByRole('button', { name: 'Create rule' }).click();
    await expect(page.locator('[data-rule="monitoring down"]')).toContainText(
      `critical · container-down · CTs ${VMID} · to e2e hook`,
    );

    await crashGuest(VMID);
    crashed = true;
    await page
      .getByRole('navigation', { name: 'Alert pages' })
      .getByRole('link', { name: 'Alerts' })
      .click();
    const firing = page
      .getByRole('list', { name: 'Alerts' })
      .getByRole('listitem')
      .filter({ hasText: 'monitoring down' });
    await expect(firing).toContainText(`CT ${VMID} (${NAME})`, UI_POLLS);
    await expect(firing).toContainText('firing');
    await expect(firing).toContainText('nothing the console, a plan or Proxmox did explains it');
    await expect(page.getByRole('link', { name: /alerts? firing/ })).toBeVisible(UI_POLLS);

    await expect
      .poll(() => receiver.got.find((d) => d.body.rule === 'monitoring down'), UI_POLLS)
      .toBeTruthy();
    const sent = receiver.got.find((d) => d.body.rule === 'monitoring down')!;
    expect(sent.body).toMatchObject({ event: 'alert.firing', subject: { vmid: VMID } });
    const mac = createHmac('sha256', SECRET).update(sent.raw).digest('hex');
    expect(sent.headers['x-proxicloud-signature']).toBe(`sha256=${mac}`);

    await startAgain(page);
    crashed = false;
    await expect
      .poll(
        () =>
          receiver.got.some(
            (d) => d.body.rule === 'monitoring down' && d.body.event === 'alert.resolved',
          ),
        UI_POLLS,
      )
      .toBe(true);
  } finally {
    if (crashed) await startAgain(page);
    receiver.close();
  }
});
