import type { Page } from '@playwright/test';
import { expect, openApp, test } from './support/app.js';
import { expectRowStatus } from './support/containers.js';
import { setConsoleTokenAcl } from './support/pve-sim.js';

const FILTER = 'Select containers';
// tag ops: monitoring (106) and backup-proxy (110), both running; the test starts them again
const OPS = ['monitoring (106)', 'backup-proxy (110)'];
/** Permissions are read once per collection cycle (2 s here) and pushed to the page. */
const NEXT_CYCLE = { timeout: 20_000 };

const shownRows = (page: Page) => page.getByRole('row').filter({ has: page.getByRole('link') });

async function selectByTag(page: Page): Promise<void> {
  await openApp(page, '/containers');
  const search = page.getByLabel(FILTER);
  await search.fill('tag:op');
  // the search box completes tag names; the list is resolved with the selector syntax
  await page.getByRole('option', { name: 'tag:ops', exact: true }).click();
  // a completed term ends with a space, ready for the next one
  await expect(search).toHaveValue('tag:ops ');
  await expect(shownRows(page)).toHaveCount(2);
  await page.getByRole('checkbox', { name: 'Select all shown containers' }).check();
}

/** Runs a power action on the selection through its plan; returns after every result is in. */
async function reviewAndExecute(page: Page, action: 'Stop' | 'Start'): Promise<void> {
  const verb = action.toLowerCase();
  const bulkBar = page.getByRole('toolbar', { name: 'Actions on the selection' });
  await bulkBar.getByRole('button', { name: `${action} (2)` }).click();

  const review = page.getByRole('region', { name: 'Review the plan' });
  await expect(review).toContainText(`${verb} 2 of 2 containers? Nothing has been sent`);
  for (const name of OPS) {
    const row = review.getByRole('row').filter({ hasText: name });
    await expect(row.getByRole('cell').nth(2)).toHaveText('yes');
    await expect(row.getByRole('cell').nth(3)).toHaveText(verb);
  }
  await review.getByRole('button', { name: 'Execute plan' }).click();
  await expect(review).toBeHidden();

  await expect(page.getByRole('heading', { name: `${verb}: 2 succeeded` })).toBeVisible({
    timeout: 30_000,
  });
  for (const name of OPS) {
    const result = page.getByRole('listitem').filter({ hasText: name });
    await expect(result).toContainText('ok');
    await expect(result).toContainText('Finished successfully');
  }
  await page.getByRole('button', { name: 'Dismiss results' }).click();
}

test.describe('plans', () => {
  test('stops the containers of a tag chosen in the search box through a reviewed plan, with per-container results', async ({
    page,
  }) => {
    await selectByTag(page);
    await reviewAndExecute(page, 'Stop');
    await expectRowStatus(page, 'monitoring', 'stopped');
    await expectRowStatus(page, 'backup-proxy', 'stopped');

    // leave the cluster as the other specs expect it, by the same flow
    await reviewAndExecute(page, 'Start');
    await expectRowStatus(page, 'monitoring', 'running');
    await expectRowStatus(page, 'backup-proxy', 'running');
  });

  test("disables a container's actions outside the token's pool, naming the missing privilege and path", async ({
    page,
  }) => {
    // the console's token may see everything but act only on the `web` pool (101, 102)
    await setConsoleTokenAcl({ '/': ['PVEAuditor'], '/pool/web': ['PVEVMAdmin'] });
    try {
      await openApp(page, '/containers/107');
      const actions = page.getByRole('toolbar', { name: 'Container actions' });
      const stop = actions.getByRole('button', { name: 'Stop', exact: true });
      await expect(stop).toBeDisabled(NEXT_CYCLE);
      // the tooltip of the disabled button, which screen readers get as its description
      await expect(
        actions
          .locator('span')
          .filter({ has: page.getByRole('button', { name: 'Stop', exact: true }) }),
      ).toHaveAccessibleDescription('The Proxmox token lacks VM.PowerMgmt on /vms/107');
      await expect(
        actions.locator('span').filter({ has: page.getByRole('button', { name: 'Delete' }) }),
      ).toHaveAccessibleDescription('The Proxmox token lacks VM.Allocate on /vms/107');

      await openApp(page, '/containers/101');
      await expect(page.getByRole('heading', { level: 1 })).toContainText('web-1');
      await expect(
        page.getByRole('toolbar', { name: 'Container actions' }).getByRole('button', {
          name: 'Stop',
          exact: true,
        }),
      ).toBeEnabled(NEXT_CYCLE);

      // a plan over the pool's edge says per container who may be touched, and why not
      await openApp(page, '/containers');
      await page.getByLabel(FILTER).fill('tag:prod');
      await expect(shownRows(page)).toHaveCount(4);
      await page.getByRole('checkbox', { name: 'Select all shown containers' }).check();
      await page
        .getByRole('toolbar', { name: 'Actions on the selection' })
        .getByRole('button', { name: 'Reboot (4)' })
        .click();
      const review = page.getByRole('region', { name: 'Review the plan' });
      await expect(review).toContainText('reboot 2 of 4 containers?');
      const web1 = review.getByRole('row').filter({ hasText: 'web-1 (101)' });
      await expect(web1.getByRole('cell').nth(2)).toHaveText('yes');
      const db1 = review.getByRole('row').filter({ hasText: 'db-1 (103)' });
      await expect(db1.getByRole('cell').nth(2)).toHaveText('no');
      await expect(db1.getByRole('cell').nth(3)).toHaveText(
        'The Proxmox token lacks VM.PowerMgmt on /vms/103',
      );
      await review.getByRole('button', { name: 'Cancel' }).click();
      await expect(review).toBeHidden();
      await expectRowStatus(page, 'db-1', 'running');
    } finally {
      await setConsoleTokenAcl(null);
    }
    // the next specs find the token as it was
    await openApp(page, '/containers/107');
    await expect(
      page.getByRole('toolbar', { name: 'Container actions' }).getByRole('button', {
        name: 'Stop',
        exact: true,
      }),
    ).toBeEnabled(NEXT_CYCLE);
  });
});

test.describe('schedules', () => {
  test('a schedule is made on the Schedules page, listed with its next run, and deleted', async ({
    page,
  }) => {
    await openApp(page, '/schedules');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Schedules');
    const form = page.getByRole('form', { name: 'New schedule' });
    await form.getByLabel('Name').fill('dev off at night');
    await form.getByLabel('Containers').fill('tag:dev');
    await form.getByLabel('Cron').fill('0 20 * * 1-5');
    await form.getByLabel('Time zone').fill('Europe/Berlin');
    await form.getByRole('button', { name: 'Create schedule' }).click();

    const row = page.getByRole('row').filter({ hasText: 'dev off at night' });
    await expect(row).toContainText('stop tag:dev');
    await expect(row).toContainText('Europe/Berlin');
    await expect(row).toContainText('not run yet');
    // the next weekday 20:00 in Berlin, shown in the browser's time zone
    await expect(row.getByRole('cell').nth(3)).toHaveText(
      /(Mon|Tue|Wed|Thu|Fri|Sat|Sun) \w+ \d+, \d\d:\d\d/,
    );

    await row.getByRole('button', { name: 'Delete' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Name').fill('dev off at night');
    await dialog.getByRole('button', { name: 'Delete schedule' }).click();
    await expect(row).toHaveCount(0);
    await expect(page.getByText('No schedules yet.')).toBeVisible();
  });
});
