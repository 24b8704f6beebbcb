import { expect, openApp, test } from './support/app.js';
import { expectTaskSucceeded, taskPanel } from './support/containers.js';
import { saveScreenshot } from './support/screenshots.js';

test.describe('the templates page', () => {
  test('lists the curated templates and what each node storage holds', async ({ page }) => {
    await openApp(page, '/templates');

    await expect(page.getByRole('heading', { name: 'Templates', level: 1 })).toBeVisible();
    await expect(page.getByRole('heading', { name: 'Debian 12 (bookworm)' })).toBeVisible();
    for (const node of ['pve1', 'pve2', 'pve3']) {
      await expect(page.getByRole('heading', { name: `${node} / local` })).toBeVisible();
    }
    await expect(
      page.getByRole('listitem').filter({ hasText: 'debian-12-standard_12.12-1_amd64.tar.zst' }),
    ).toHaveCount(3);
    await saveScreenshot(page, 'templates');
  });

  test('downloads a missing template to the chosen storage and shows the new copy', async ({
    page,
  }) => {
    test.slow();
    await openApp(page, '/templates');
    const target = page.getByRole('region', { name: 'Download target' });
    await expect(target.getByRole('combobox', { name: 'Node' })).toContainText('pve1');
    const card = page.getByRole('article').filter({
      has: page.getByRole('heading', { name: 'Ubuntu 22.04 LTS' }),
    });
    await expect(card).toContainText('Not downloaded yet');

    await card.getByRole('button', { name: 'Download to pve1/local' }).click();
    await expectTaskSucceeded(taskPanel(page, 'Download to pve1/local'));
    await expect(card).toContainText('pve1/local');
    await expect(
      page.getByRole('listitem').filter({ hasText: /ubuntu-22\.04-standard/ }),
    ).toHaveCount(1);
  });
});

test.describe('the tasks page', () => {
  test('lists a task started in the console, filters by status and shows its log', async ({
    page,
  }) => {
    await openApp(page, '/containers/107');
    await expect(page.getByRole('heading', { level: 1 })).toContainText('dns-1');
    await page
      .getByRole('toolbar', { name: 'Container actions' })
      .getByRole('button', { name: 'Reboot' })
      .click();
    await expectTaskSucceeded(taskPanel(page, 'Reboot dns-1'));

    await page
      .getByRole('navigation', { name: 'Main navigation' })
      .getByRole('link', { name: 'Tasks' })
      .click();
    await expect(page.getByRole('heading', { name: 'Tasks', level: 1 })).toBeVisible();
    const reboot = page.getByRole('row').filter({ hasText: 'Reboot 107' }).first();
    await expect(reboot).toBeVisible();

    await page.getByRole('radio', { name: 'failed' }).click();
    await expect(reboot).toBeHidden();
    await page.getByRole('radio', { name: 'ok' }).click();
    await expect(reboot).toBeVisible();
    await page.getByLabel('Filter by type, guest, node, user or error').fill('107');
    await expect(page.getByRole('row').filter({ hasText: 'Reboot 101' })).toHaveCount(0);

    await reboot.click();
    await expect(page).toHaveURL(/[?&]upid=/);
    const log = taskPanel(page, 'Reboot 107 on pve1');
    await expectTaskSucceeded(log);
    await expect(log.getByRole('log', { name: 'Task log' })).toBeVisible();
    await saveScreenshot(page, 'tasks');
  });
});
