import { expect, test } from './fixtures';
import {
  logIn,
  PASSWORD,
  screenshot,
  screenshotPath,
  signUp,
  uniqueName,
  waitUntilOnline,
} from './helpers';

test('changing the password signs out the other session at once', async ({ browser }) => {
  const laptop = await (await browser.newContext()).newPage();
  const phone = await (await browser.newContext()).newPage();
  const name = uniqueName('joy');
  await signUp(laptop, name);
  await logIn(phone, name);

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

test('another session is listed by device and signed out from settings', async ({ browser }) => {
  const laptop = await (await browser.newContext()).newPage();
  const phone = await (
    await browser.newContext({
      viewport: { width: 390, height: 844 },
      userAgent:
        'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1',
    })
  ).newPage();
  const name = uniqueName('kim');
  await signUp(laptop, name);
  await logIn(phone, name);

  await laptop.goto('/settings');
  const sessions = laptop.getByRole('region', { name: "Where you're signed in" });
  await expect(sessions.getByText('This device')).toBeVisible();
  await expect(sessions.getByText('Safari on iPhone')).toBeVisible();
  await laptop.screenshot({ path: screenshotPath('sessions-desktop'), fullPage: true });
  await sessions.getByRole('button', { name: 'Sign out Safari on iPhone' }).click();
  await expect(sessions.getByText('Safari on iPhone')).toHaveCount(0);
  // The phone's socket closes and it finds itself signed out.
  await expect(phone.getByRole('heading', { name: 'Log in' })).toBeVisible({ timeout: 15_000 });
});

test('the theme is chosen per device: light, dark, or as the system says', async ({ browser }) => {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, colorScheme: 'dark' });
  const page = await context.newPage();
  await signUp(page, uniqueName('theo'));
  await page.goto('/settings');
  const background = () => page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  const dark = 'rgb(18, 22, 29)';
  const light = 'rgb(244, 246, 250)';
  const theme = page.getByRole('group', { name: 'Theme' });
  // Nothing chosen: the system's dark scheme.
  await expect(theme.getByRole('button', { name: 'System' })).toHaveAttribute('aria-pressed', 'true');
  expect(await background()).toBe(dark);

  await theme.getByRole('button', { name: 'Light' }).click();
  await expect(theme.getByRole('button', { name: 'Light' })).toHaveAttribute('aria-pressed', 'true');
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'light');
  expect(await background()).toBe(light);
  await page.reload();
  expect(await background()).toBe(light);
  await expect(page.getByRole('group', { name: 'Theme' }).getByRole('button', { name: 'Light' })).toHaveAttribute('aria-pressed', 'true');

  await page.getByRole('group', { name: 'Theme' }).getByRole('button', { name: 'Dark' }).click();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await page.emulateMedia({ colorScheme: 'light' });
  expect(await background()).toBe(dark);
  await screenshot(page, 'settings-dark-phone');

  await page.getByRole('group', { name: 'Theme' }).getByRole('button', { name: 'System' }).click();
  await expect(page.locator('html')).not.toHaveAttribute('data-theme', /./);
  expect(await background()).toBe(light);
  await context.close();
});
