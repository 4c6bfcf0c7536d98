import { type Page } from '@playwright/test';
import { expect, test } from './fixtures';
import {
  expectConversationList, messageItem, openRoom, screenshot, sendMessage, signUp, uniqueName, waitUntilOnline,
} from './helpers';

// An iPhone-sized screen (390x844) with touch.
test.use({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 });

async function expectNoHorizontalScroll(page: Page): Promise<void> {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);
}

async function expectTappable(page: Page, name: string): Promise<void> {
  const box = await page.getByRole('button', { name, exact: true }).boundingBox();
  expect(box, `${name} is on screen`).not.toBeNull();
  expect(box!.height).toBeGreaterThanOrEqual(44);
  expect(box!.width).toBeGreaterThanOrEqual(44);
}

/**
 * Every text field shown is at least 16 px: Safari on an iPhone zooms the page into a smaller
 * one when it is focused, and does not zoom back out.
 */
async function expectNoZoomingFields(page: Page): Promise<void> {
  const small = await page.evaluate(() =>
    [...document.querySelectorAll('input, textarea')]
      .filter((field) => !['hidden', 'checkbox', 'radio', 'file'].includes(field.getAttribute('type') ?? ''))
      .filter((field) => (field as HTMLElement).offsetParent !== null)
      .filter((field) => parseFloat(getComputedStyle(field).fontSize) < 16)
      .map((field) => `${field.getAttribute('aria-label') ?? field.getAttribute('name')}: ${getComputedStyle(field).fontSize}`));
  expect(small, `fields under 16 px on ${page.url()}`).toEqual([]);
}

test('login, sign-up and chat fit a phone screen', async ({ page }) => {
  await page.goto('/login');
  await expectNoHorizontalScroll(page);
  await expectTappable(page, 'Log in');
  await screenshot(page, 'login-phone');

  await page.goto('/signup');
  await expectNoHorizontalScroll(page);
  await expectTappable(page, 'Sign up');
  await screenshot(page, 'signup-phone');

  const name = uniqueName('ivy');
  await signUp(page, name);
  await waitUntilOnline(page);
  const settings = await page.getByRole('link', { name: `Settings for ${name}` }).boundingBox();
  expect(settings!.width).toBeGreaterThanOrEqual(44);
  expect(settings!.height).toBeGreaterThanOrEqual(44);
  await openRoom(page);
  // Full screen: the list is gone until Back.
  await expect(page.getByRole('navigation', { name: 'Conversations' })).toBeHidden();
  const long = `A long word that must wrap: ${'x'.repeat(120)}`;
  await page.getByRole('textbox', { name: 'Message' }).fill(long);
  await page.getByRole('button', { name: 'Send' }).click();
  await expect(page.getByRole('log').getByText(long)).toBeVisible();
  await expectNoHorizontalScroll(page);
  await expectTappable(page, 'Send');
  await expect(page.getByRole('textbox', { name: 'Message' })).toBeInViewport();
  await page.getByRole('textbox', { name: 'Message' }).focus();
  await screenshot(page, 'chat-phone');

  await page.getByRole('link', { name: 'Back to conversations' }).click();
  await expectConversationList(page);
  await expect(page.getByRole('link', { name: /Everyone/ })).toContainText('You: A long word');
  await expectNoHorizontalScroll(page);
});

test('no text field is small enough for Safari to zoom into it', async ({ page }) => {
  for (const path of ['/login', '/signup', '/forgot-password']) {
    await page.goto(path);
    await expectNoZoomingFields(page);
  }
  await signUp(page, uniqueName('zed'));
  await waitUntilOnline(page);
  await expectNoZoomingFields(page);
  await openRoom(page);
  const text = `${uniqueName('z')} sized`;
  await sendMessage(page, text);
  const message = messageItem(page, text);
  await message.getByRole('button', { name: 'Message actions' }).click();
  await expect(message.getByRole('textbox', { name: 'Another emoji' })).toBeVisible();
  await expectNoZoomingFields(page);
  await message.getByRole('menuitem', { name: 'Edit message' }).click();
  await expect(page.getByRole('textbox', { name: 'Edit message' })).toBeVisible();
  await expectNoZoomingFields(page);
  for (const path of ['/settings', '/new-group', '/search']) {
    await page.goto(path);
    await expectNoZoomingFields(page);
  }
});
