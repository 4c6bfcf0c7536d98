import { type Page } from '@playwright/test';
import { pieceWasm } from './build-files';
import { expect, test } from './fixtures';
import { opacityOf, openRoom, screenshot, signUp, uniqueName, waitUntilOnline } from './helpers';

/** A real JPEG drawn by the browser: wide, with a blue top and an orange bottom. */
async function drawnPhoto(page: Page, width = 1200, height = 800): Promise<Buffer> {
  const dataUrl = await page.evaluate(([w, h]) => {
    const canvas = document.createElement('canvas');
    canvas.width = w;
    canvas.height = h;
    const g = canvas.getContext('2d')!;
    g.fillStyle = '#2a64c8';
    g.fillRect(0, 0, w, h);
    g.fillStyle = '#f0a020';
    g.fillRect(0, h * 0.6, w, h * 0.4);
    return canvas.toDataURL('image/jpeg', 0.9);
  }, [width, height]);
  return Buffer.from(dataUrl.split(',')[1], 'base64');
}

async function attach(page: Page, buffer: Buffer) {
  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: 'Attach image' }).click();
  await (await chooser).setFiles({ name: 'photo.jpg', mimeType: 'image/jpeg', buffer });
}

test('an attached image reaches the other browser live and opens full screen', async ({ browser }) => {
  const ann = await (await browser.newContext()).newPage();
  const bob = await (await browser.newContext()).newPage();
  await signUp(ann, uniqueName('ann'));
  await signUp(bob, uniqueName('bob'));
  await openRoom(ann);
  await openRoom(bob);
  await waitUntilOnline(ann);
  await waitUntilOnline(bob);

  // A preview first, which can be cancelled.
  await attach(ann, await drawnPhoto(ann));
  await expect(ann.getByRole('img', { name: 'The image to send' })).toBeVisible();
  // An image goes without words: its Send is ready, and looks it.
  const send = ann.getByRole('button', { name: 'Send' });
  await expect(send).toBeEnabled();
  await expect.poll(opacityOf(send)).toBe('1');
  await ann.getByRole('button', { name: 'Cancel' }).click();
  await expect(ann.getByRole('img', { name: 'The image to send' })).toHaveCount(0);

  await attach(ann, await drawnPhoto(ann));
  const caption = `sunset ${Date.now()}`;
  await ann.getByRole('textbox', { name: 'Message' }).fill(caption);
  await ann.getByRole('button', { name: 'Send' }).click();
  await expect(ann.getByRole('img', { name: 'The image to send' })).toHaveCount(0);
  await expect(ann.getByRole('log').getByRole('button', { name: `Open image: ${caption}` })).toBeVisible();

  // Bob sees the thumbnail without reloading; its box had its size before it loaded.
  // The thumbnail is the picture inside the button that opens it.
  const thumb = bob.getByRole('log').getByRole('button', { name: `Open image: ${caption}` }).locator('img');
  await expect(thumb).toBeVisible();
  await expect(thumb).toHaveAttribute('width', '400');
  await expect(thumb).toHaveAttribute('height', /^26[67]$/);
  await expect.poll(() => thumb.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(400);
  await screenshot(bob, 'image-desktop');

  await bob.getByRole('button', { name: `Open image: ${caption}` }).click();
  const dialog = bob.getByRole('dialog', { name: 'Image' });
  await expect(dialog).toBeVisible();
  const full = dialog.getByRole('img');
  await expect.poll(() => full.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(1200);
  await screenshot(bob, 'image-full-view-desktop');
  await bob.keyboard.press('Escape');
  await expect(dialog).toHaveCount(0);

  // A file that is not an image is refused with a clear error, and nothing is sent.
  const chooser = ann.waitForEvent('filechooser');
  await ann.getByRole('button', { name: 'Attach image' }).click();
  await (await chooser).setFiles({ name: 'evil.png', mimeType: 'image/png', buffer: Buffer.from('<html><script>alert(1)</script>') });
  await ann.getByRole('button', { name: 'Send' }).click();
  await expect(ann.getByRole('alert').filter({ hasText: 'not a picture' })).toBeVisible();
  await ann.getByRole('button', { name: 'Cancel' }).click();

  // Dropping an image file onto the conversation attaches it too.
  const photo = (await drawnPhoto(ann, 300, 200)).toString('base64');
  await ann.getByRole('region', { name: 'Everyone' }).evaluate((pane, base64) => {
    const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
    const transfer = new DataTransfer();
    transfer.items.add(new File([bytes], 'dropped.jpg', { type: 'image/jpeg' }));
    pane.dispatchEvent(new DragEvent('drop', { dataTransfer: transfer, bubbles: true, cancelable: true }));
  }, photo);
  await expect(ann.getByRole('img', { name: 'The image to send' })).toBeVisible();
  await ann.getByRole('button', { name: 'Send' }).click();
  await expect(bob.getByRole('log').getByRole('button', { name: /Open image: image from ann_/ })).toHaveCount(1);

  // So does pasting one into the message box.
  await ann.getByRole('textbox', { name: 'Message' }).evaluate((box, base64) => {
    const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
    const transfer = new DataTransfer();
    transfer.items.add(new File([bytes], 'pasted.jpg', { type: 'image/jpeg' }));
    box.dispatchEvent(new ClipboardEvent('paste', { clipboardData: transfer, bubbles: true, cancelable: true }));
  }, photo);
  await expect(ann.getByRole('img', { name: 'The image to send' })).toBeVisible();
  await ann.getByRole('textbox', { name: 'Message' }).fill('pasted');
  await ann.getByRole('button', { name: 'Send' }).click();
  await expect(bob.getByRole('log').getByRole('button', { name: 'Open image: pasted' })).toBeVisible();
});

// The viewer is drawn by the panes' piece of the wasm (fetched in the background once the page is
// alive). Without it, the image is offered in a tab of its own; with it, it opens over the page.
test('an image opens over the page once the viewer\'s piece can be had, and in a tab of its own before', async ({ browser }) => {
  // Without the service worker, which would answer the piece from its cache.
  const context = await browser.newContext({ serviceWorkers: 'block' });
  await context.route(pieceWasm('pane_page'), (route) => route.abort('internetdisconnected'));
  const ann = await context.newPage();
  await signUp(ann, uniqueName('ann'));
  await openRoom(ann);
  await waitUntilOnline(ann);
  await attach(ann, await drawnPhoto(ann, 300, 200));
  const caption = `no viewer ${Date.now()}`;
  await ann.getByRole('textbox', { name: 'Message' }).fill(caption);
  await ann.getByRole('button', { name: 'Send' }).click();
  const open = ann.getByRole('log').getByRole('button', { name: `Open image: ${caption}` });
  await expect(open).toBeVisible();

  await open.click();
  const offer = ann.getByRole('alert').filter({ hasText: 'The viewer could not be loaded' });
  await expect(offer.getByRole('link', { name: 'open the image' })).toHaveAttribute('href', /\/media\//);
  await screenshot(ann, 'image-viewer-missing-desktop');
  await open.click();
  await expect(offer).toHaveCount(0);
  await context.unroute(pieceWasm('pane_page'));
  await open.click();
  await expect(ann.getByRole('dialog', { name: 'Image' })).toBeVisible();
  await ann.keyboard.press('Escape');
  await expect(ann.getByRole('dialog', { name: 'Image' })).toHaveCount(0);
  await context.close();
});

test('a conversation with images on a phone', async ({ browser }) => {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true });
  const page = await context.newPage();
  await signUp(page, uniqueName('pip'));
  await openRoom(page);
  await waitUntilOnline(page);
  await attach(page, await drawnPhoto(page, 900, 1200));
  await page.getByRole('textbox', { name: 'Message' }).fill('tall one');
  await expect(page.getByRole('img', { name: 'The image to send' })).toBeVisible();
  await screenshot(page, 'attach-preview-phone');
  await page.getByRole('button', { name: 'Send' }).click();
  await expect(page.getByRole('log').getByRole('button', { name: 'Open image: tall one' })).toBeVisible();
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  await screenshot(page, 'images-phone');
  await page.getByRole('button', { name: 'Open image: tall one' }).tap();
  await expect(page.getByRole('dialog', { name: 'Image' })).toBeVisible();
  await screenshot(page, 'image-full-view-phone');
  await page.getByRole('dialog', { name: 'Image' }).tap();
  await expect(page.getByRole('dialog', { name: 'Image' })).toHaveCount(0);
});
