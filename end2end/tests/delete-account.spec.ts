import { expect, test } from '@playwright/test';
import { PASSWORD, signUp, uniqueName } from './helpers';

test('deleting the account needs the password and the box, then signs out for good', async ({ page }) => {
  const name = uniqueName('del');
  await signUp(page, name);
  await page.goto('/settings');
  const form = page.locator('form.danger-zone');
  await form.getByLabel('Current password').fill('not my password');
  await form.getByLabel('I understand').check();
  await form.getByRole('button', { name: 'Delete my account' }).click();
  await expect(form.getByText('That is not your current password.')).toBeVisible();

  await form.getByLabel('Current password').fill(PASSWORD);
  await form.getByRole('button', { name: 'Delete my account' }).click();
  await expect(page.getByRole('heading', { name: 'Create your account' })).toBeVisible();

  await page.goto('/login');
  await page.getByLabel('Username').fill(name);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Log in' }).click();
  await expect(page.getByRole('alert')).toContainText('Wrong username or password');
});
