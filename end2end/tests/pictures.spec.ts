import { type Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { openRoom, screenshot, signUp, uniqueName, waitUntilOnline } from './helpers';

/** A real PNG, drawn by the browser itself: a red square with a blue stripe. */
async function drawnPng(page: Page): Promise<Buffer> {
  const dataUrl = await page.evaluate(() => {
    const canvas = document.createElement('canvas');
    canvas.width = 300;
    canvas.height = 200;
    const g = canvas.getContext('2d')!;
    g.fillStyle = '#d01818';
    g.fillRect(0, 0, 300, 200);
    g.fillStyle = '#1830d0';
    g.fillRect(0, 150, 300, 50);
    return canvas.toDataURL('image/png');
  });
  return Buffer.from(dataUrl.split(',')[1], 'base64');
}

async function choosePicture(page: Page, name: string, mimeType: string, buffer: Buffer) {
  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: 'Change picture' }).click();
  await (await chooser).setFiles({ name, mimeType, buffer });
}

test('a new profile picture shows in the other person’s chat; a bad file is refused', async ({ browser }) => {
  const ann = await (await browser.newContext()).newPage();
  const bob = await (await browser.newContext()).newPage();
  const annName = uniqueName('ann');
  await signUp(ann, annName);
  await signUp(bob, uniqueName('bob'));
  await openRoom(bob);
  await waitUntilOnline(bob);

  await ann.getByRole('link', { name: annName }).click();
  await expect(ann.getByRole('heading', { name: 'Settings' })).toBeVisible();
  await expect(ann.getByRole('button', { name: 'Remove picture' })).toHaveCount(0);

  // HTML dressed up as a PNG gets a clear error.
  await choosePicture(ann, 'cat.png', 'image/png', Buffer.from('<!DOCTYPE html><script>alert(1)</script>'));
  await expect(ann.getByRole('alert')).toContainText('not a picture');

  await choosePicture(ann, 'me.png', 'image/png', await drawnPng(ann));
  await expect(ann.getByRole('status').filter({ hasText: 'Picture changed.' })).toBeVisible();
  const avatar = ann.locator('.picture-settings img.avatar');
  await expect(avatar).toHaveAttribute('src', /\/media\/pictures\/[0-9a-f]{32}\/256\.jpg$/);
  await expect(ann.getByRole('button', { name: 'Remove picture' })).toBeVisible();
  await screenshot(ann, 'settings-picture-desktop');

  // Ann says something; Bob sees it live with her picture beside it.
  await ann.getByRole('link', { name: '‹ Back to chats' }).click();
  await openRoom(ann);
  await waitUntilOnline(ann);
  const hello = `with my new face ${Date.now()}`;
  await ann.getByRole('textbox', { name: 'Message' }).fill(hello);
  await ann.getByRole('button', { name: 'Send' }).click();
  const message = bob.getByRole('log').getByRole('listitem').filter({ hasText: hello });
  await expect(message).toBeVisible();
  const picture = message.locator('img.avatar');
  await expect(picture).toHaveAttribute('src', /\/media\/pictures\/[0-9a-f]{32}\/64\.jpg$/);
  // The image really loaded (a broken one has no natural width).
  await expect.poll(() => picture.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(64);
  await screenshot(bob, 'room-with-picture-desktop');

  // Removing it goes back to the initials.
  await ann.goto('/settings');
  await ann.getByRole('button', { name: 'Remove picture' }).click();
  await expect(ann.locator('.picture-settings span.avatar')).toBeVisible();
});

test('the settings page fits a phone', async ({ browser }) => {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true });
  const page = await context.newPage();
  const name = uniqueName('pia');
  await signUp(page, name);
  await page.goto('/settings');
  await choosePicture(page, 'me.png', 'image/png', await drawnPng(page));
  await expect(page.getByRole('status').filter({ hasText: 'Picture changed.' })).toBeVisible();
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  await screenshot(page, 'settings-phone');
});
