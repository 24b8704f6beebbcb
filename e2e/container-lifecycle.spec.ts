import type { Page } from '@playwright/test';
import { expect, openApp, test } from './support/app.js';
import {
  confirmByName,
  containerRow,
  expectRowStatus,
  expectTaskSucceeded,
  taskPanel,
} from './support/containers.js';
import { saveScreenshot } from './support/screenshots.js';

const hostname = `e2e-${Date.now().toString(36)}`;

test('a container created through the wizard can be stopped and started from the list, then stopped, started and deleted from its page', async ({
  page,
}) => {
  test.slow();
  const vmid = await test.step('the wizard creates it and follows the task to its end', () =>
    createThroughWizard(page));
  await test.step('a bulk Stop on the list stops it and a bulk Start starts it', () =>
    stopAndStartFromList(page));
  await test.step('its page stops it once the name is typed, then starts it', () =>
    stopAndStartFromDetail(page, vmid));
  await test.step('its page deletes it, and the list no longer shows it', () =>
    deleteFromDetail(page));
});

/** Walks every step of the wizard; returns the VMID of the new container. */
async function createThroughWizard(page: Page): Promise<string> {
  await openApp(page, '/containers/new');
  const debian = page.getByRole('article').filter({
    has: page.getByRole('heading', { name: 'Debian 12 (bookworm)' }),
  });
  await debian.getByRole('button', { name: 'Use this template' }).click();
  await expect(debian.getByRole('button', { name: 'Selected' })).toBeVisible();
  await saveScreenshot(page, 'create-wizard');
  await nextStep(page, 'Template');

  const resources = page.getByRole('tabpanel', { name: 'Name & resources' });
  await resources.getByLabel('Hostname').fill(hostname);
  await expect(resources.getByText(/available/i)).toBeVisible();
  await nextStep(page, 'Name & resources');
  await nextStep(page, 'Network');

  const access = page.getByRole('tabpanel', { name: 'Access' });
  await access.getByLabel('Root password').fill('e2e-root-pass');
  await access.getByLabel('Repeat password').fill('e2e-root-pass');
  await nextStep(page, 'Access');
  await nextStep(page, 'Advanced', 'Review');

  const review = page.getByRole('tabpanel', { name: 'Review' });
  await expect(review).toContainText(hostname);
  await review.getByRole('button', { name: 'Create container' }).click();

  const open = page.getByRole('link', { name: /^Open CT \d+$/ });
  await expect(open).toBeVisible({ timeout: 60_000 });
  await expect(page.getByText('Finished successfully')).toBeVisible();
  return /\d+/.exec((await open.textContent()) ?? '')![0];
}

async function nextStep(page: Page, step: string, button = 'Next'): Promise<void> {
  // exact: a template card's 'Use this template: TurnKey Nextcloud' also contains 'Next'
  await page
    .getByRole('tabpanel', { name: step })
    .getByRole('button', { name: button, exact: true })
    .click();
}

async function stopAndStartFromList(page: Page): Promise<void> {
  await openApp(page, '/containers');
  await page.getByLabel('Select containers').fill(hostname);
  // a fresh CT has no name in Proxmox until its next status round: the search finds it after that
  await expectRowStatus(page, hostname, 'running');
  await expect(page.getByRole('row'), 'the header and this container only').toHaveCount(2);

  await containerRow(page, hostname).getByRole('checkbox').check();
  const bulkBar = page.getByRole('toolbar', { name: 'Actions on the selection' });
  await expect(bulkBar).toContainText('1 selected');
  await bulkBar.getByRole('button', { name: 'Stop (1)' }).click();
  await page
    .getByRole('region', { name: 'Review the plan' })
    .getByRole('button', { name: 'Execute plan' })
    .click();
  await expect(page.getByRole('heading', { name: 'stop: 1 succeeded' })).toBeVisible({
    timeout: 30_000,
  });
  await expectRowStatus(page, hostname, 'stopped');

  await bulkBar.getByRole('button', { name: 'Start (1)' }).click();
  await page
    .getByRole('region', { name: 'Review the plan' })
    .getByRole('button', { name: 'Execute plan' })
    .click();
  await expect(page.getByRole('heading', { name: 'start: 1 succeeded' })).toBeVisible({
    timeout: 30_000,
  });
  await expectRowStatus(page, hostname, 'running');
}

async function stopAndStartFromDetail(page: Page, vmid: string): Promise<void> {
  await page.getByRole('link', { name: hostname, exact: true }).click();
  await expect(page).toHaveURL(new RegExp(`/containers/${vmid}$`));
  await expect(page.getByRole('heading', { level: 1 })).toContainText(`${hostname} CT ${vmid}`);
  const actions = page.getByRole('toolbar', { name: 'Container actions' });
  const status = page.getByRole('main').getByRole('status').first();

  await actions.getByRole('button', { name: 'Stop', exact: true }).click();
  await confirmByName(page, hostname, 'Stop now');
  await expectTaskSucceeded(taskPanel(page, `Stop ${hostname}`));
  await expect(status).toContainText('stopped');

  await actions.getByRole('button', { name: 'Start', exact: true }).click();
  await expectTaskSucceeded(taskPanel(page, `Start ${hostname}`));
  await expect(status).toContainText('running');
  await page.getByRole('button', { name: 'Dismiss' }).click();
  await expect(page.getByRole('button', { name: 'Dismiss' })).toBeHidden();
}

async function deleteFromDetail(page: Page): Promise<void> {
  await page
    .getByRole('toolbar', { name: 'Container actions' })
    .getByRole('button', { name: 'Delete' })
    .click();
  await confirmByName(page, hostname, 'Delete');
  await expect(page).toHaveURL(/\/containers$/, { timeout: 30_000 });
  await page.getByLabel('Select containers').fill(hostname);
  await expect(page.getByText('No container matches these filters.')).toBeVisible();
}
