import { expect, test } from './fixtures';
import { PHONE, messageItem, newPerson, openRoom, screenshot, sendMessage, uniqueName, waitUntilOnline } from './helpers';

// The browser's wasm turns a panic into a trap with no message (src/stopped_notice.rs); the
// page must then say that it stopped rather than look alive and drop what is typed into it.

/**
 * Makes the page's own wasm panic for real: the app's `hydrate()` called a second time, over a
 * page it has already hydrated, panics, and the panic traps (`RuntimeError: unreachable`).
 */
async function panicTheWasm(page: import('@playwright/test').Page): Promise<void> {
  await page.evaluate(async () => {
    const link = document.querySelector<HTMLLinkElement>('link[rel="modulepreload"][href*="/pkg/parley."]');
    if (!link) throw new Error('no module preload for the app in the page');
    const app = await import(link.href);
    app.hydrate();
  });
}

test('a page whose wasm stopped says so, and Reload brings back a working app with the words typed', async ({ browser }) => {
  const ann = await newPerson(browser, 'ann', PHONE, true);
  const errors: string[] = [];
  ann.page.on('pageerror', (error) => errors.push(`${error.name}: ${error.message}`));
  await openRoom(ann.page);
  // The page has other alerts (the composer's errors): the notice is the one that says this.
  const notice = ann.page.getByRole('alert').filter({ hasText: 'Parley stopped working because of an error.' });
  await expect(notice).toHaveCount(0);
  const box = ann.page.getByRole('textbox', { name: 'Message' });
  const unsent = `typed, not yet sent ${uniqueName('m')}`;
  await box.fill(unsent);

  await panicTheWasm(ann.page);
  await expect(notice).toBeVisible();
  expect(errors).toContain('RuntimeError: unreachable');
  await screenshot(ann.page, 'stopped-phone');

  await notice.getByRole('button', { name: 'Reload' }).click();
  await expect(ann.page.getByRole('heading', { name: 'Everyone' })).toBeVisible();
  await waitUntilOnline(ann.page);
  await expect(notice).toHaveCount(0);
  // The notice covered the composer: its words came back with the page, and they send.
  await expect(box).toHaveValue(unsent);
  await ann.page.getByRole('button', { name: 'Send' }).click();
  await expect(messageItem(ann.page, unsent).locator('.tick[aria-label="Sent"]')).toBeVisible();
  const text = `after the reload ${uniqueName('m')}`;
  await sendMessage(ann.page, text);
  await expect(messageItem(ann.page, text)).toBeVisible();
  await ann.context.close();
});

test("an error that is not the wasm's leaves the page alone", async ({ page }) => {
  await page.goto('/login');
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  // Thrown from a task of its own, as an extension's or a failed fetch's error would be; the
  // second task runs after the page's error handlers have seen the first.
  await page.evaluate(
    () =>
      new Promise<void>((resolve) => {
        setTimeout(() => {
          throw new Error('not from the wasm');
        });
        setTimeout(resolve);
      }),
  );
  expect(errors).toEqual(['not from the wasm']);
  await expect(page.getByRole('alert').filter({ hasText: 'Parley stopped' })).toHaveCount(0);
  await expect(page.getByRole('heading', { name: 'Log in' })).toBeVisible();
});
