import { expect, test } from './fixtures';
import { PASSWORD, expectConversationList, logOut, openRoom, screenshot, signUp, uniqueName } from './helpers';

test('sign-up shows a clear error for each bad field and for a taken name', async ({ page }) => {
  const name = uniqueName('eve');
  await signUp(page, name);
  await logOut(page);
  await expect(page.getByRole('heading', { name: 'Log in' })).toBeVisible();

  await page.goto('/signup');
  await page.getByLabel('Username').fill(name.toUpperCase());
  await page.getByLabel('Email').fill(`other_${name}@example.org`);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign up' }).click();
  await expect(page.getByText('That username is taken.')).toBeVisible();

  await page.getByLabel('Username').fill(uniqueName('fin'));
  await page.getByLabel('Password').fill('short');
  // The browser's own minimum-length check is not used, so the server's message shows.
  await page.getByRole('button', { name: 'Sign up' }).click();
  await expect(page.getByText('Password must be at least 8 characters long.')).toBeVisible();
});

test('a wrong password gets one message, then the right one logs in', async ({ page }) => {
  const name = uniqueName('gil');
  await signUp(page, name);
  await logOut(page);
  await page.getByLabel('Username').fill(name);
  await page.getByLabel('Password').fill('not the password');
  await page.getByRole('button', { name: 'Log in' }).click();
  await expect(page.getByRole('alert')).toHaveText('Wrong username or password.');
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Log in' }).click();
  await expectConversationList(page);
});

test.describe('with JavaScript disabled', () => {
  test.use({ javaScriptEnabled: false });

  test('signing up, logging in and sending still work', async ({ page }) => {
    const name = uniqueName('hal');
    await signUp(page, name);
    await logOut(page);
    await expect(page.getByRole('heading', { name: 'Log in' })).toBeVisible();

    await page.getByLabel('Username').fill(name);
    await page.getByLabel('Password').fill('not the password');
    await page.getByRole('button', { name: 'Log in' }).click();
    await expect(page.getByText('Wrong username or password.')).toBeVisible();

    await page.getByLabel('Username').fill(name);
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Log in' }).click();
    await expectConversationList(page);
    await openRoom(page);

    const text = `no script ${name}`;
    await page.getByRole('textbox', { name: 'Message' }).fill(text);
    await page.getByRole('button', { name: 'Send' }).click();
    await expect(page.getByRole('log').getByText(text)).toHaveCount(1);
    await screenshot(page, 'chat-no-javascript');
  });
});
