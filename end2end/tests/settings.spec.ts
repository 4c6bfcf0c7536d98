import { expect, test } from '@playwright/test';
import { PASSWORD, signUp, uniqueName, waitUntilOnline } from './helpers';

test('changing the password signs out the other session at once', async ({ browser }) => {
  const laptop = await (await browser.newContext()).newPage();
  const phone = await (await browser.newContext()).newPage();
  const name = uniqueName('joy');
  await signUp(laptop, name);
  await phone.goto('/login');
  await phone.getByLabel('Username').fill(name);
  await phone.getByLabel('Password').fill(PASSWORD);
  await phone.getByRole('button', { name: 'Log in' }).click();
  await waitUntilOnline(phone);

  await laptop.getByRole('link', { name }).click();
  await expect(laptop.getByRole('heading', { name: 'Settings' })).toBeVisible();
  await laptop.locator('#password-current-password').fill('not my password');
  await laptop.getByLabel('New password').fill('a brand new secret');
  await laptop.getByRole('button', { name: 'Change password' }).click();
  await expect(laptop.getByText('That is not your current password.')).toBeVisible();

  await laptop.locator('#password-current-password').fill(PASSWORD);
  await laptop.getByRole('button', { name: 'Change password' }).click();
  await expect(laptop.getByRole('status').filter({ hasText: 'Saved.' })).toBeVisible();

  // The other session's socket is closed, and it finds itself signed out.
  await expect(phone.getByRole('heading', { name: 'Log in' })).toBeVisible({ timeout: 15_000 });
  // This one carries on.
  await laptop.getByRole('link', { name: '‹ Back to chats' }).click();
  await waitUntilOnline(laptop);
});
