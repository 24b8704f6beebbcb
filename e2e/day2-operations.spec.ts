import type { Page } from '@playwright/test';
import { expect, openApp, test } from './support/app.js';
import {
  confirmByName,
  containerRow,
  expectTaskSucceeded,
  taskPanel,
} from './support/containers.js';

// dev-sandbox (CT 111, stopped, tag dev) is used by no other spec
const NAME = 'dev-sandbox';
const VMID = 111;

test('tags, cores and disk of a container change through the UI, and a snapshot is taken, rolled back to and deleted', async ({
  page,
}) => {
  test.slow();
  await test.step('its tags are edited inline in the list, showing what Proxmox stores', () =>
    editTagsInList(page));
  await test.step('its cores change in the Settings tab', () => setCores(page, '3'));
  await test.step('its root disk grows by 1 GiB, followed to the task end', () => growDisk(page));
  await test.step('a snapshot is taken, then cores change, then it is rolled back to', () =>
    snapshotAndRollback(page));
  await test.step('the snapshot is deleted', () => deleteSnapshot(page));
});

async function editTagsInList(page: Page): Promise<void> {
  await openApp(page, '/containers');
  const row = containerRow(page, NAME);
  await row.getByRole('button', { name: 'Edit tags' }).click();
  const input = row.getByRole('textbox', { name: 'Tags' });
  await input.fill('dev, E2E');
  await expect(row).toContainText('Stored as: dev, e2e');
  await input.press('Enter');
  await expect(row.getByRole('button', { name: 'e2e', exact: true })).toBeVisible();
  await expect(row.getByRole('button', { name: 'dev', exact: true })).toBeVisible();
}

async function openTab(page: Page, tab: string): Promise<void> {
  await page.getByRole('tab', { name: tab }).click();
}

async function setCores(page: Page, cores: string): Promise<void> {
  await openApp(page, `/containers/${VMID}`);
  await expect(page.getByRole('heading', { level: 1 })).toContainText(NAME);
  await openTab(page, 'Settings');
  const form = page.getByRole('form', { name: 'Resources' });
  await form.getByLabel('Cores', { exact: true }).fill(cores);
  await form.getByRole('button', { name: 'Save' }).click();
  await expect(form.getByRole('status')).toHaveText('Saved and applied.');
  await expect(form.getByLabel('Cores', { exact: true })).toHaveValue(cores);
}

async function growDisk(page: Page): Promise<void> {
  const form = page.getByRole('form', { name: 'Root disk' });
  const before = Number(/(\d+)G/.exec((await form.locator('strong').textContent()) ?? '')?.[1]);
  await form.getByLabel('Grow by or to').fill('+1G');
  await form.getByRole('button', { name: 'Resize' }).click();
  await expectTaskSucceeded(taskPanel(page, `Resize disk of ${NAME}`));
  await expect(form.locator('strong')).toHaveText(`${before + 1}G`);
}

async function snapshotAndRollback(page: Page): Promise<void> {
  await openTab(page, 'Snapshots');
  const take = page.getByRole('form', { name: 'Take a snapshot' });
  await take.getByLabel('Name').fill('e2e-snap');
  await take.getByLabel('Description (optional)').fill('before the cores change');
  await take.getByRole('button', { name: 'Take snapshot' }).click();
  await expectTaskSucceeded(taskPanel(page, `Snapshot ${NAME}`));
  const tree = page.getByRole('list', { name: 'Snapshot tree' });
  await expect(tree.getByRole('listitem').filter({ hasText: 'e2e-snap' })).toContainText(
    'before the cores change',
  );
  await expect(tree.getByRole('listitem').last()).toContainText('Now');

  await setCoresOnOpenPage(page, '4');
  await openTab(page, 'Snapshots');
  await tree
    .getByRole('listitem')
    .filter({ hasText: 'e2e-snap' })
    .getByRole('button', { name: 'Roll back' })
    .click();
  await expect(page.getByRole('dialog')).toContainText('is lost');
  await confirmByName(page, 'e2e-snap', 'Roll back');
  await expectTaskSucceeded(taskPanel(page, `Roll back ${NAME}`));
  await openTab(page, 'Settings');
  await expect(
    page.getByRole('form', { name: 'Resources' }).getByLabel('Cores', { exact: true }),
  ).toHaveValue('3');
}

async function setCoresOnOpenPage(page: Page, cores: string): Promise<void> {
  await openTab(page, 'Settings');
  const form = page.getByRole('form', { name: 'Resources' });
  await form.getByLabel('Cores', { exact: true }).fill(cores);
  await form.getByRole('button', { name: 'Save' }).click();
  await expect(form.getByRole('status')).toHaveText('Saved and applied.');
}

async function deleteSnapshot(page: Page): Promise<void> {
  await openTab(page, 'Snapshots');
  const tree = page.getByRole('list', { name: 'Snapshot tree' });
  await tree
    .getByRole('listitem')
    .filter({ hasText: 'e2e-snap' })
    .getByRole('button', { name: 'Delete' })
    .click();
  await confirmByName(page, 'e2e-snap', 'Delete snapshot');
  await expectTaskSucceeded(taskPanel(page, `Delete snapshot of ${NAME}`));
  await expect(tree.getByRole('listitem').filter({ hasText: 'e2e-snap' })).toHaveCount(0);
}
