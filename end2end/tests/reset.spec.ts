import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PASSWORD, expectConversationList, logOut, signUp, uniqueName } from './helpers';

/** The reset link emailed to `address`, from the outbox the server writes to without SMTP. */
async function resetLinkFor(address: string): Promise<string> {
  const dataDir = process.env.PARLEY_DATA_DIR;
  if (!dataDir) throw new Error('PARLEY_DATA_DIR must name the server’s data directory');
  const outbox = join(dataDir, 'outbox');
  let link = '';
  await expect
    .poll(() => {
      let files: string[] = [];
      try { files = readdirSync(outbox); } catch { return ''; }
      for (const file of files.filter((name) => name.endsWith('.eml'))) {
        const text = readFileSync(join(outbox, file), 'utf8')
          .replace(/=\r?\n/g, '')
          .replace(/=3D/g, '=');
        if (text.includes(`To: ${address}`)) {
          link = text.match(/https?:\/\/\S+\/reset-password\?token=[0-9a-f]+/)?.[0] ?? '';
        }
      }
      return link;
    }, { timeout: 10_000 })
    .not.toBe('');
  return link;
}

test('a forgotten password is reset through the emailed link, which works once', async ({ browser }) => {
  const old = await (await browser.newContext()).newPage();
  const name = uniqueName('rae');
  await signUp(old, name);

  const page = await (await browser.newContext()).newPage();
  await page.goto('/login');
  await page.getByRole('link', { name: 'Forgot password?' }).click();
  await page.getByLabel('Email').fill(`${name}@example.org`);
  await page.getByRole('button', { name: 'Send reset link' }).click();
  await expect(page.getByRole('heading', { name: 'Check your email' })).toBeVisible();

  const link = await resetLinkFor(`${name}@example.org`);
  const path = new URL(link).pathname + new URL(link).search;
  await page.goto(path);
  await page.getByLabel('New password').fill('short');
  await page.getByRole('button', { name: 'Set new password' }).click();
  await expect(page.getByRole('alert')).toBeVisible();
  await page.getByLabel('New password').fill('my new long secret');
  await page.getByRole('button', { name: 'Set new password' }).click();
  await expect(page.getByRole('heading', { name: 'Log in' })).toBeVisible();
  await expect(page.getByText('Your password is changed')).toBeVisible();

  await page.getByLabel('Username').fill(name);
  await page.getByLabel('Password').fill('my new long secret');
  await page.getByRole('button', { name: 'Log in' }).click();
  await expectConversationList(page);

  // The session from before the reset is over.
  // The server closes that tab's socket too, and the app may be leaving for the login page by
  // itself while the reload starts (Chromium then answers "not attached to an active page"),
  // or while the visit made instead starts (Playwright: "interrupted by another navigation to
  // /login"). Which one wins does not matter: the tab must end on the login page, which it
  // cannot while its session still works.
  await old.reload().catch(() => old.goto('/').catch(() => undefined));
  await expect(old.getByRole('heading', { name: 'Log in' })).toBeVisible();

  // The link worked once.
  const again = await (await browser.newContext()).newPage();
  await again.goto(path);
  await again.getByLabel('New password').fill('a third secret here');
  await again.getByRole('button', { name: 'Set new password' }).click();
  await expect(again.getByRole('alert')).toContainText('invalid, already used or expired');
  await again.goto('/login');
  await again.getByLabel('Username').fill(name);
  await again.getByLabel('Password').fill(PASSWORD);
  await again.getByRole('button', { name: 'Log in' }).click();
  await expect(again.getByRole('alert')).toContainText('Wrong username or password');
});

// Without scripts the browser posts the reset form itself, and the server answers a failure by
// sending it back to the page that posted it (its Referer, which the site's `same-origin`
// referrer policy gives it) with the error.
test.describe('with JavaScript disabled', () => {
  test.use({ javaScriptEnabled: false });

  /** Signs `name` up, logs out and asks for a reset link; returns the link's path. */
  async function resetPathFor(page: Page, name: string): Promise<string> {
    await signUp(page, name);
    await logOut(page);
    await page.goto('/forgot-password');
    await page.getByLabel('Email').fill(`${name}@example.org`);
    await page.getByRole('button', { name: 'Send reset link' }).click();
    await expect(page.getByRole('heading', { name: 'Check your email' })).toBeVisible();
    const link = new URL(await resetLinkFor(`${name}@example.org`));
    return link.pathname + link.search;
  }

  test('the reset form still works', async ({ page }) => {
    const name = uniqueName('ria');
    await page.goto(await resetPathFor(page, name));
    await page.getByLabel('New password').fill('set without scripts');
    await page.getByRole('button', { name: 'Set new password' }).click();
    await expect(page.getByText('Your password is changed')).toBeVisible();
    await page.getByLabel('Username').fill(name);
    await page.getByLabel('Password').fill('set without scripts');
    await page.getByRole('button', { name: 'Log in' }).click();
    await expectConversationList(page);
  });

  test('a bad password or a used link says so', async ({ page }) => {
    const path = await resetPathFor(page, uniqueName('rob'));
    await page.goto(path);
    await page.getByLabel('New password').fill('short');
    await page.getByRole('button', { name: 'Set new password' }).click();
    await expect(page.getByRole('alert')).toBeVisible();
    await expect(page.getByRole('heading', { name: 'Choose a new password' })).toBeVisible();
    await page.getByLabel('New password').fill('set without scripts');
    await page.getByRole('button', { name: 'Set new password' }).click();
    await expect(page.getByText('Your password is changed')).toBeVisible();
    await page.goto(path);
    await page.getByLabel('New password').fill('a third secret here');
    await page.getByRole('button', { name: 'Set new password' }).click();
    await expect(page.getByRole('alert')).toContainText('invalid, already used or expired');
  });
});
