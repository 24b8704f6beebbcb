import type { Locator, Page } from '@playwright/test';
import { expect, openApp, test } from './support/app.js';
import { containerRow } from './support/containers.js';
import { setProxmoxDown } from './support/pve-sim.js';

// The console polls its connection every 15 s and its pages every 10-15 s: allow a few rounds.
const UI_POLLS = { timeout: 40_000 };

function connectionBanner(page: Page): Locator {
  return page.locator('pc-connection-banner').getByRole('alert');
}

/** The age badge of the page, when it says the data shown is old. */
function staleBadge(page: Page): Locator {
  return page.getByRole('main').locator('pc-stale-badge', { hasText: /stale( data| ·)/ });
}

/**
 * Moves inside the app rather than reloading it: a fresh load asks for the token's permissions,
 * which only Proxmox can answer (503 while it is down), and the browser logs that as an error.
 */
async function navigateTo(page: Page, item: string): Promise<void> {
  await page.getByLabel('Main navigation').getByRole('link', { name: item }).click();
  await expect(page.getByRole('heading', { name: item, level: 1 })).toBeVisible();
}

test.describe('offline mode', () => {
  // Other specs share the simulated cluster: it must be back up whatever happened here.
  test.afterEach(async () => {
    await setProxmoxDown(false);
  });

  test('says Proxmox is unreachable, marks cached data stale and disables actions until it answers again', async ({
    page,
  }) => {
    test.setTimeout(180_000);
    // Opened while online, so the console has this container's details cached for the outage.
    await openApp(page, '/containers/103');
    const actions = page.getByRole('toolbar', { name: 'Container actions' });
    const shutDown = actions.getByRole('button', { name: 'Shut down' });
    await expect(shutDown).toBeEnabled();
    await navigateTo(page, 'Dashboard');
    await expect(connectionBanner(page)).toHaveCount(0);

    await setProxmoxDown(true);

    const banner = connectionBanner(page);
    await expect(banner).toBeVisible(UI_POLLS);
    await expect(banner).toContainText(
      /Proxmox is unreachable since \d\d:\d\d — changes are paused/,
    );
    await expect(banner).toContainText('Showing cached data until Proxmox answers again');
    await expect(banner).toContainText('Proxmox last answered');
    await expect(staleBadge(page)).toBeVisible(UI_POLLS);

    await navigateTo(page, 'Containers');
    await expect(containerRow(page, 'db-1')).toBeVisible();
    await expect(staleBadge(page)).toBeVisible(UI_POLLS);

    await page.getByRole('link', { name: 'db-1', exact: true }).click();
    await expect(staleBadge(page)).toBeVisible(UI_POLLS);
    await expect(shutDown).toBeDisabled();
    // The tooltip of the disabled button, which screen readers get as its description.
    await expect(
      actions.locator('span').filter({ has: page.getByRole('button', { name: 'Shut down' }) }),
    ).toHaveAccessibleDescription('Proxmox cannot be reached: actions are disabled');

    // The wizard stops at its first step, saying why, instead of at Create after five steps.
    await navigateTo(page, 'Dashboard');
    await page.getByRole('main').getByRole('link', { name: 'Create container' }).click();
    await expect(page.getByRole('heading', { name: 'Create container', level: 1 })).toBeVisible();
    await expect(
      page.getByRole('status').filter({ hasText: 'creating a container is paused' }),
    ).toContainText(/Proxmox is unreachable since \d\d:\d\d/);
    await expect(page.getByRole('button', { name: 'Next', exact: true }).first()).toBeDisabled();
    await page.goBack();
    await page.goBack();
    await expect(shutDown).toBeDisabled();

    await setProxmoxDown(false);

    await expect(banner).toBeHidden(UI_POLLS);
    await expect(staleBadge(page)).toBeHidden(UI_POLLS);
    await expect(shutDown).toBeEnabled();
    await navigateTo(page, 'Containers');
    await expect(containerRow(page, 'db-1')).toBeVisible();
    await expect(staleBadge(page)).toHaveCount(0);
  });
});
