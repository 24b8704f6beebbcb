import type { Locator, Page } from '@playwright/test';
import { expect, openApp, test } from './support/app.js';
import { confirmByName, expectTaskSucceeded, taskPanel } from './support/containers.js';

// old-wiki (CT 109, stopped, on pve3) is backed up by no other spec; the test deletes the
// container it restores and the archive it made, so the cluster ends as it began
const NAME = 'old-wiki';
const VMID = 109;
const NOTES = 'e2e {{vmid}} archive';
const RENDERED_NOTES = `e2e ${VMID} archive`;

test('a container is backed up and restored into a new container through the UI, each followed to its task result', async ({
  page,
}) => {
  test.slow();
  await test.step('the Backups tab backs it up, followed to the task end', () => backUp(page));
  await test.step('the Backups page lists the new archive', () => listedOnBackupsPage(page));
  const vmid = await test.step('the archive is restored into a new container', () =>
    restoreAsNew(page));
  await test.step('the restored container appears in the list', () => inList(page, vmid));
  await test.step('the restored container is deleted again', () => deleteRestored(page, vmid));
  await test.step('the archive is deleted, followed to the task end', () => deleteArchive(page));
});

function archiveItem(page: Page): Locator {
  return page
    .getByRole('list', { name: 'Backups' })
    .getByRole('listitem')
    .filter({ hasText: RENDERED_NOTES });
}

async function openBackupsTab(page: Page): Promise<void> {
  await openApp(page, `/containers/${VMID}`);
  await expect(page.getByRole('heading', { level: 1 })).toContainText(NAME);
  await page.getByRole('tab', { name: 'Backups' }).click();
}

async function backUp(page: Page): Promise<void> {
  await openBackupsTab(page);
  const form = page.getByRole('form', { name: 'Back up now' });
  await form.getByLabel('Notes').fill(NOTES);
  await form.getByRole('button', { name: 'Back up now' }).click();
  await expectTaskSucceeded(taskPanel(page, `Back up ${NAME}`));
  await expect(archiveItem(page)).toContainText('local');
}

async function listedOnBackupsPage(page: Page): Promise<void> {
  await openApp(page, '/backups');
  const all = page.getByRole('region', { name: 'All backups' });
  await all.getByLabel('CT id').fill(String(VMID));
  const row = all.getByRole('row').filter({ hasText: RENDERED_NOTES });
  await expect(row).toHaveCount(1);
  await expect(row.getByRole('link', { name: String(VMID), exact: true })).toBeVisible();
}

async function restoreAsNew(page: Page): Promise<number> {
  await openBackupsTab(page);
  await archiveItem(page).getByRole('button', { name: 'Restore as new' }).click();
  await expectTaskSucceeded(taskPanel(page, `Restore a backup of ${NAME}`));
  const restored = page.getByRole('status').filter({ hasText: 'Restoring into CT' });
  const text = (await restored.textContent()) ?? '';
  const vmid = Number(/Restoring into CT (\d+)/.exec(text)?.[1]);
  expect(vmid, text).toBeGreaterThanOrEqual(100);
  expect(vmid, 'a new container, not the source').not.toBe(VMID);
  return vmid;
}

/** The list row of a container found by its id (a restored CT has the same name as its source). */
function rowOf(page: Page, vmid: number): Locator {
  return page
    .getByRole('row')
    .filter({ has: page.getByRole('cell', { name: String(vmid), exact: true }) });
}

async function inList(page: Page, vmid: number): Promise<void> {
  await openApp(page, '/containers');
  await expect(rowOf(page, vmid)).toHaveCount(1, { timeout: 30_000 });
  // PVE (and pve-sim) lists a CT created since the last status round as unknown without a
  // name; the next round names it after the archive's hostname
  await expect(rowOf(page, vmid).getByRole('link', { name: NAME, exact: true })).toBeVisible({
    timeout: 30_000,
  });
  await expect(rowOf(page, vmid).getByRole('status')).toContainText('stopped');
}

async function deleteRestored(page: Page, vmid: number): Promise<void> {
  await rowOf(page, vmid).getByRole('link', { name: NAME, exact: true }).click();
  await expect(page).toHaveURL(new RegExp(`/containers/${vmid}$`));
  await expect(page.getByRole('heading', { level: 1 })).toContainText(`CT ${vmid}`);
  await page
    .getByRole('toolbar', { name: 'Container actions' })
    .getByRole('button', { name: 'Delete' })
    .click();
  await confirmByName(page, NAME, 'Delete');
  await expect(page).toHaveURL(/\/containers$/, { timeout: 30_000 });
  await expect(rowOf(page, vmid)).toHaveCount(0, { timeout: 30_000 });
}

async function deleteArchive(page: Page): Promise<void> {
  await openBackupsTab(page);
  await archiveItem(page).getByRole('button', { name: 'Delete' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Delete backup' }).click();
  await expectTaskSucceeded(taskPanel(page, `Delete a backup of ${NAME}`));
  await expect(archiveItem(page)).toHaveCount(0);
}
