import { expect, test } from './fixtures';
import { PASSWORD, openDirect, screenshot, signUp, uniqueName } from './helpers';

test('deleting the account needs the password and the box, then it is gone for everyone', async ({ browser }) => {
  const page = await (await browser.newContext()).newPage();
  const bob = await (await browser.newContext()).newPage();
  const name = uniqueName('del');
  const bobName = uniqueName('bob');
  await signUp(page, name);
  await signUp(bob, bobName);

  // A private word with Bob first.
  await openDirect(page, bobName);
  await page.getByRole('textbox', { name: 'Message' }).fill('goodbye soon');
  await page.getByRole('button', { name: 'Send' }).click();
  await expect(bob.getByRole('link', { name: new RegExp(name) })).toContainText('goodbye soon');

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

  // Bob's list shows a deleted user; the conversation can be read but not written in.
  await bob.reload();
  await expect(bob.getByRole('link', { name: /Deleted user/ })).not.toContainText('unread');
  await bob.getByRole('link', { name: /Deleted user/ }).click();
  await expect(bob.getByRole('heading', { name: 'Deleted user' })).toBeVisible();
  await expect(bob.getByRole('note')).toContainText('deleted their account');
  await expect(bob.getByRole('textbox', { name: 'Message' })).toHaveCount(0);
  await expect(bob.getByRole('log').getByText('goodbye soon')).toHaveCount(0);
  await screenshot(bob, 'deleted-user-desktop');
});
