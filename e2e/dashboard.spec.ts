import { expect, openApp, test } from './support/app.js';
import { saveScreenshot } from './support/screenshots.js';

test.describe('the dashboard', () => {
  test('shows container counts, cluster use, every node and the top consumers', async ({
    page,
  }) => {
    await openApp(page, '/dashboard');

    await expect(page.getByRole('heading', { name: 'Dashboard', level: 1 })).toBeVisible();
    const containers = page.getByRole('link', { name: /^Containers \d+$/ });
    await expect(containers.getByRole('status').filter({ hasText: /\d+ running$/ })).toBeVisible();
    await expect(containers.getByRole('status').filter({ hasText: /\d+ stopped$/ })).toBeVisible();
    for (const meter of ['CPU', 'Memory', 'Storage']) {
      await expect(page.getByRole('meter', { name: meter })).toBeVisible();
    }
    for (const node of ['pve1', 'pve2', 'pve3']) {
      await expect(
        page.getByRole('status').filter({ hasText: new RegExp(`${node}$`) }),
      ).toBeVisible();
    }
    await expect(page.getByRole('heading', { name: 'Top CPU' })).toBeVisible();
    await expect(page.getByRole('link', { name: 'db-1' }).first()).toBeVisible();
    await saveScreenshot(page, 'dashboard');
  });

  test('leads to the container list and to the wizard', async ({ page }) => {
    await openApp(page, '/dashboard');
    const counted = page.getByRole('link', { name: /^Containers \d+/ }).locator('.big');
    const total = (await counted.textContent())?.trim();

    await page.getByRole('main').getByRole('link', { name: 'Go to containers' }).click();
    await expect(page).toHaveURL(/\/containers$/);
    // templates included on both pages: the dashboard and the list count the same containers
    await expect(
      page.getByRole('heading', { name: `Containers (${total})`, level: 1 }),
    ).toBeVisible();

    await page
      .getByRole('navigation', { name: 'Main navigation' })
      .getByRole('link', { name: 'Dashboard' })
      .click();
    await page.getByRole('main').getByRole('link', { name: 'Create container' }).click();
    await expect(page.getByRole('heading', { name: 'Create container', level: 1 })).toBeVisible();
  });

  test('shows where the keyboard is on nav items and checkboxes', async ({ page }) => {
    await openApp(page, '/containers');
    await expect(page.getByRole('heading', { name: /^Containers/, level: 1 })).toBeVisible();

    const ringOf = (selector: string) =>
      page.evaluate((sel) => {
        const el = document.activeElement?.closest(sel);
        if (!el) return null;
        // Material draws its strong focus indicator as a ::before border on the focused host
        const host = el.matches('.mat-focus-indicator')
          ? el
          : el.querySelector('.mat-focus-indicator');
        const before = getComputedStyle(host ?? el, '::before');
        return (
          before.content !== 'none' &&
          before.display !== 'none' &&
          parseFloat(before.borderTopWidth) > 0
        );
      }, selector);
    const tabUntil = async (selector: string) => {
      for (let i = 0; i < 60; i++) {
        await page.keyboard.press('Tab');
        if (await page.evaluate((sel) => !!document.activeElement?.closest(sel), selector)) return;
      }
      throw new Error(`Tab never reached ${selector}`);
    };

    await tabUntil('.mat-mdc-nav-list .mat-mdc-list-item');
    expect(await ringOf('.mat-mdc-nav-list .mat-mdc-list-item'), 'nav item focus ring').toBe(true);
    await tabUntil('.mat-mdc-checkbox');
    expect(await ringOf('.mat-mdc-checkbox'), 'checkbox focus ring').toBe(true);
  });
});

test.describe('the dashboard on a phone', () => {
  test.use({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });

  test('fits the screen without sideways scrolling and keeps navigation behind the menu', async ({
    page,
  }) => {
    await openApp(page, '/dashboard');

    await expect(page.getByRole('link', { name: /^Containers \d+$/ })).toBeVisible();
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    expect(overflow, 'pixels the page is wider than the screen').toBeLessThanOrEqual(0);
    const nav = page.getByRole('navigation', { name: 'Main navigation' });
    await expect(nav).toBeHidden();
    await saveScreenshot(page, 'dashboard-phone');

    await page.getByRole('button', { name: 'Toggle navigation' }).click();
    await nav.getByRole('link', { name: 'Templates' }).click();
    await expect(page.getByRole('heading', { name: 'Templates', level: 1 })).toBeVisible();
    await expect(nav).toBeHidden();
  });
});
