import type { Locator, Page } from '@playwright/test';
import { expect, openApp, test } from './support/app.js';

// monitoring (CT 106, running on pve3) is powered by no other spec; the terminal only reads it.
const NAME = 'monitoring';
const VMID = 106;

function terminal(page: Page): Locator {
  return page.getByRole('region', { name: `Terminal of ${NAME}` });
}

/** The terminal's rendered rows as text (xterm.js's DOM renderer draws each row as a div). */
function screen(page: Page): Locator {
  return terminal(page).locator('.xterm-rows');
}

async function run(page: Page, command: string): Promise<void> {
  await page.keyboard.type(command);
  await page.keyboard.press('Enter');
}

test('the Console tab opens a shell in the container: hostname answers its name, and the window size reaches it', async ({
  page,
}) => {
  await openApp(page, `/containers/${VMID}`);
  await expect(page.getByRole('heading', { level: 1 })).toContainText(NAME);
  await page.getByRole('tab', { name: 'Console' }).click();

  const console = page.getByRole('toolbar', { name: `Console of ${NAME}` });
  await expect(console.getByRole('status')).toContainText('Connected', { timeout: 20_000 });
  await expect(screen(page)).toContainText(`root@${NAME}:~#`);

  await terminal(page).click();
  await run(page, 'hostname');
  await expect
    .poll(() => screen(page).innerText())
    .toMatch(new RegExp(`# hostname\\s*\\n${NAME}\\s*\\n`));

  // Without the resize frame the shell would still think it is 80x24.
  await run(page, 'stty size');
  const sttySize = /# stty size\s*\n(\d+) (\d+)/;
  await expect.poll(() => screen(page).innerText()).toMatch(sttySize);
  const [rows, cols] = sttySize
    .exec(await screen(page).innerText())!
    .slice(1)
    .map(Number);
  expect(cols).toBeGreaterThan(80);
  expect(rows).toBeGreaterThan(0);
});

test('the console pops out into its own window and reconnects there after exit', async ({
  page,
}) => {
  await openApp(page, `/containers/${VMID}`);
  await page.getByRole('tab', { name: 'Console' }).click();
  const popupPromise = page.waitForEvent('popup');
  await page.getByRole('button', { name: 'Open in new window' }).click();
  const popup = await popupPromise;
  await expect(popup).toHaveURL(new RegExp(`/containers/${VMID}/console$`));
  await expect(popup.getByRole('navigation')).toHaveCount(0);
  const bar = popup.getByRole('toolbar', { name: `Console of ${NAME}` });
  await expect(bar.getByRole('status')).toContainText('Connected', { timeout: 20_000 });
  await expect(screen(popup)).toContainText(`root@${NAME}:~#`);

  await terminal(popup).click();
  await run(popup, 'exit');
  await expect(popup.getByRole('alert')).toContainText('The session ended');
  await bar.getByRole('button', { name: 'Reconnect' }).click();
  await expect(bar.getByRole('status')).toContainText('Connected', { timeout: 20_000 });
  await expect(popup.getByRole('alert')).toHaveCount(0);
  await popup.close();
});
