import { expect, test } from './fixtures';
import { logOut, newPerson, PHONE, screenshot } from './helpers';

// Installable: the manifest and its icons, and the service worker that opens the app without
// a network (the last conversation list, marked offline), forgetting it on logging out.

test('the manifest names the app and its icons', async ({ page, request }) => {
  await page.goto('/login');
  await expect(page.locator('link[rel="manifest"]')).toHaveAttribute('href', '/manifest.webmanifest');
  await expect(page.locator('link[rel="apple-touch-icon"]')).toHaveAttribute('href', '/icons/apple-touch-icon.png');
  const manifest = await (await request.get('/manifest.webmanifest')).json();
  expect(manifest).toMatchObject({ name: 'Parley', display: 'standalone', start_url: '/' });
  const purposes = manifest.icons.map((icon: { purpose?: string }) => icon.purpose ?? 'any');
  expect(purposes).toContain('maskable');
  for (const icon of manifest.icons) {
    const response = await request.get(icon.src);
    expect(response.status(), icon.src).toBe(200);
    expect(response.headers()['content-type']).toBe('image/png');
    // The PNG's own size, from its header, is the size the manifest says.
    const png = await response.body();
    expect(`${png.readUInt32BE(16)}x${png.readUInt32BE(20)}`).toBe(icon.sizes);
  }
});

test('without a network the app opens on the last list, until logging out', async ({ browser }) => {
  const ann = await newPerson(browser, 'ann', PHONE);
  await ann.page.evaluate(() => navigator.serviceWorker.ready);
  // The first page was loaded before the worker ran; this load goes through it.
  await ann.page.reload();
  await expect(ann.page.locator('.link-bar')).toHaveAttribute('data-link', 'online');

  // Without the browser's own cache too, so what runs offline is what the worker kept: the
  // list page and every file it names (the wasm comes in several).
  const cdp = await ann.context.newCDPSession(ann.page);
  await cdp.send('Network.clearBrowserCache');
  await ann.context.setOffline(true);
  await ann.page.reload();
  await expect(ann.page.getByRole('navigation', { name: 'Conversations' })).toBeVisible();
  await expect(ann.page.getByRole('link', { name: /Everyone/ })).toBeVisible();
  await expect(ann.page.locator('.link-bar')).toHaveAttribute('data-link', 'offline');
  await expect(ann.page.locator('.link-bar')).toContainText('Offline');
  // The bar fades in after a second (a quick reconnect shows nothing); the picture waits for it.
  await ann.page.waitForTimeout(1300);
  await screenshot(ann.page, 'offline-list-phone');

  await ann.context.setOffline(false);
  await ann.page.reload();
  await logOut(ann.page);
  await ann.context.setOffline(true);
  await ann.page.goto('/').catch(() => {});
  await expect(ann.page.getByRole('heading', { name: 'Parley is offline' })).toBeVisible();
  await expect(ann.page.getByRole('navigation', { name: 'Conversations' })).toHaveCount(0);
});
