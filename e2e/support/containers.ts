import { expect, type Locator, type Page } from '@playwright/test';

/** The list row of one container, found by its name link. */
export function containerRow(page: Page, name: string): Locator {
  return page.getByRole('row').filter({ has: page.getByRole('link', { name, exact: true }) });
}

/** Waits until the list or detail page shows this status for the container. */
export async function expectRowStatus(page: Page, name: string, status: string): Promise<void> {
  await expect(containerRow(page, name).getByRole('status')).toContainText(status, {
    timeout: 30_000,
  });
}

/**
 * The progress panel of a task, found by its title (e.g. "Reboot dns-1"), which says when the
 * task has ended and how.
 */
export function taskPanel(page: Page, title: string): Locator {
  return page
    .locator('section')
    .filter({ has: page.getByRole('heading', { name: title, exact: true }) })
    .last();
}

export async function expectTaskSucceeded(panel: Locator): Promise<void> {
  await expect(panel).toContainText('Finished successfully', { timeout: 30_000 });
}

/** Confirms a dangerous action in the dialog that asks to type the container's name. */
export async function confirmByName(page: Page, name: string, action: string): Promise<void> {
  const dialog = page.getByRole('dialog');
  const confirm = dialog.getByRole('button', { name: action, exact: true });
  await expect(confirm).toBeDisabled();
  await dialog.getByLabel('Name').fill(name);
  await confirm.click();
  await expect(dialog).toBeHidden();
}
