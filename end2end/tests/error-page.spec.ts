import { expect, test } from './fixtures';
import { newPerson, PHONE, screenshot, waitUntilOnline } from './helpers';

// An error a browser navigates to is a page that says what happened (src/server/error_pages.rs),
// not the JSON the app's own requests get. The fixtures' guard fails the test if the page's
// policy (no script; one inline style) blocked anything.
test('a link to an image that is gone shows a page that says so and leads back to the chats', async ({ browser }) => {
  const ann = await newPerson(browser, 'ann', PHONE);
  const gone = await ann.page.goto('/media/images/0123456789abcdef0123456789abcdef/full.jpg');
  expect(gone?.status()).toBe(404);
  await expect(ann.page.getByRole('heading', { name: 'Parley' })).toBeVisible();
  await expect(ann.page.getByText('That was not found. It may have been deleted, or it is not shared with you.')).toBeVisible();
  // Its style applies under its policy: the text keeps a readable measure.
  expect(await ann.page.evaluate(() => getComputedStyle(document.body).maxWidth)).toBe('512px');
  await screenshot(ann.page, 'error-page-phone');
  await ann.page.getByRole('link', { name: 'Go to your chats' }).click();
  await waitUntilOnline(ann.page);
  await expect(ann.page.getByRole('link', { name: /Everyone/ })).toBeVisible();
});

test('someone signed out is led from an error page to logging in', async ({ browser }) => {
  const page = await (await browser.newContext({ viewport: PHONE })).newPage();
  const gone = await page.goto('/media/images/0123456789abcdef0123456789abcdef/full.jpg');
  expect(gone?.status()).toBeGreaterThanOrEqual(400);
  await expect(page.getByRole('link', { name: 'Go to your chats' })).toHaveCount(0);
  await page.getByRole('link', { name: 'Log in to Parley' }).click();
  await expect(page.getByRole('heading', { name: 'Log in' })).toBeVisible();
});
