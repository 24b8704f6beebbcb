import { expect, openApp, test } from './support/app.js';
import { containerRow, expectRowStatus } from './support/containers.js';
import { saveScreenshot } from './support/screenshots.js';

const FILTER = 'Select containers';

test.describe('the container list', () => {
  test('shows every LXC container of the cluster and none of its QEMU VMs', async ({ page }) => {
    await openApp(page, '/containers');

    for (const name of ['web-1', 'db-1', 'staging-web', 'old-wiki', 'backup-proxy']) {
      await expect(containerRow(page, name)).toBeVisible();
    }
    await expectRowStatus(page, 'web-1', 'running');
    await expectRowStatus(page, 'old-wiki', 'stopped');
    // addresses come from the console's background reads of each config (every 15 s, bounded)
    await expect(containerRow(page, 'web-1')).toContainText('10.10.0.101', { timeout: 45_000 });
    for (const vm of ['win-build', 'opnsense']) {
      await expect(page.getByRole('link', { name: vm })).toHaveCount(0);
    }
    await saveScreenshot(page, 'containers');
  });

  test('opens a container page with its usage, configuration and task history', async ({
    page,
  }) => {
    await openApp(page, '/containers');
    await page.getByRole('link', { name: 'db-1', exact: true }).click();

    await expect(page).toHaveURL(/\/containers\/103$/);
    await expect(page.getByRole('heading', { level: 1 })).toContainText('db-1 CT 103 · pve1');
    const actions = page.getByRole('toolbar', { name: 'Container actions' });
    await expect(actions.getByRole('button', { name: 'Start', exact: true })).toBeDisabled();
    await expect(actions.getByRole('button', { name: 'Shut down' })).toBeEnabled();
    for (const heading of ['Summary', 'Configuration', 'Task history']) {
      await expect(page.getByRole('heading', { name: heading, level: 2 })).toBeVisible();
    }
    await expect(page.getByRole('meter', { name: 'Memory' })).toBeVisible();
    await expect(page.locator('pc-container-summary')).toContainText('IPv4 address10.10.0.103');
    // Live rates need two samples; the picture should show them, not the placeholder.
    await expect(page.getByText('measuring…')).toHaveCount(0, { timeout: 30_000 });
    await saveScreenshot(page, 'container-detail');
  });

  test('filters by text, by status and by tag, and clears the filters again', async ({ page }) => {
    await openApp(page, '/containers');
    const rows = page.getByRole('row').filter({ has: page.getByRole('link') });
    const total = await rows.count();
    expect(total).toBeGreaterThan(5);

    await page.getByLabel(FILTER).fill('web');
    await expect(rows).toHaveCount(3);
    for (const name of ['web-1', 'web-2', 'staging-web']) {
      await expect(containerRow(page, name)).toBeVisible();
    }

    await page.getByRole('combobox', { name: 'Status' }).click();
    await page.getByRole('option', { name: /^stopped/ }).click();
    await page.keyboard.press('Escape');
    await expect(rows).toHaveCount(1);
    await expect(containerRow(page, 'staging-web')).toBeVisible();

    await page.getByRole('button', { name: 'Clear filters' }).first().click();
    await expect(page.getByLabel(FILTER)).toHaveValue('');
    await expect(rows).toHaveCount(total);

    await containerRow(page, 'db-1').getByRole('button', { name: 'prod' }).click();
    await expect(page.getByRole('combobox', { name: 'Tags' })).toContainText('prod');
    await expect(rows).toHaveCount(4);
    await expect(containerRow(page, 'old-wiki')).toHaveCount(0);
  });

  test('reboots several selected containers in one bulk action and reports each result', async ({
    page,
  }) => {
    await openApp(page, '/containers');
    await page.getByLabel(FILTER).fill('web-');
    await expect(page.getByRole('row').filter({ has: page.getByRole('link') })).toHaveCount(2);

    await page.getByRole('checkbox', { name: 'Select all shown containers' }).check();
    const bulkBar = page.getByRole('toolbar', { name: 'Actions on the selection' });
    await expect(bulkBar).toContainText('2 selected');
    await expect(bulkBar.getByRole('button', { name: 'Start (0)' })).toBeDisabled();
    await bulkBar.getByRole('button', { name: 'Reboot (2)' }).click();

    // the plan comes first: who, allowed, what happens; nothing runs before Execute
    const review = page.getByRole('region', { name: 'Review the plan' });
    await expect(review).toContainText('reboot 2 of 2 containers?');
    for (const name of ['web-1 (101)', 'web-2 (102)']) {
      await expect(review.getByRole('row').filter({ hasText: name })).toContainText('yes');
    }
    await review.getByRole('button', { name: 'Execute plan' }).click();

    await expect(page.getByRole('heading', { name: 'reboot: 2 succeeded' })).toBeVisible({
      timeout: 30_000,
    });
    for (const name of ['web-1 (101)', 'web-2 (102)']) {
      await expect(page.getByRole('listitem').filter({ hasText: name })).toContainText('ok');
    }
    await expectRowStatus(page, 'web-1', 'running');
    await page.getByRole('button', { name: 'Dismiss results' }).click();
    await expect(page.getByRole('heading', { name: /^reboot:/ })).toBeHidden();
  });
});
