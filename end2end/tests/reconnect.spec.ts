import type { BrowserContext, Page } from '@playwright/test';
import { MAIN_WASM, releaseTakesAway, updatedNotice } from './build-files';
import { expect, test } from './fixtures';
import { controlSockets, openRoom, PHONE, sendMessage, signUp, uniqueName, waitUntilOnline } from './helpers';

// The socket coming back. After a drop it reconnects with a backoff that grows to 30 s, so a
// restarted server is not met by everyone at once; a phone back from a tunnel, or a tab looked
// at again, must not wait that out. And a page whose server came back with another build (a
// release) says so.

/** A signed-up person on a phone, connected, whose sockets the test can cut. */
async function personWithSockets(context: BrowserContext): Promise<{ page: Page; sockets: Awaited<ReturnType<typeof controlSockets>> }> {
  const sockets = await controlSockets(context);
  const page = await context.newPage();
  await signUp(page, uniqueName('ann'));
  await waitUntilOnline(page);
  return { page, sockets };
}

/**
 * Cuts the socket with the page's time held still, so its reconnect waits for good: only what
 * `wake` does can bring it back. Then checks that it did, and that the socket works.
 */
async function reconnectsOn(context: BrowserContext, wake: (page: Page) => Promise<void>): Promise<void> {
  const { page, sockets } = await personWithSockets(context);
  await page.clock.install();
  await page.clock.pauseAt(Date.now() + 60_000);
  const link = page.locator('.link-bar');
  await sockets.cut();
  await expect(link).not.toHaveAttribute('data-link', 'online');
  sockets.restore();
  await page.waitForTimeout(500); // its time stands still: the reconnect stays where it is
  await expect(link).not.toHaveAttribute('data-link', 'online');
  await wake(page);
  await expect(link, 'back without waiting out the backoff').toHaveAttribute('data-link', 'online');
  await page.clock.resume();
  await openRoom(page);
  await sendMessage(page, 'sent once the socket was back');
}

test('the network coming back reconnects the socket at once', async ({ browser }) => {
  const context = await browser.newContext({ viewport: PHONE });
  await reconnectsOn(context, async () => {
    await context.setOffline(true);
    await context.setOffline(false);
  });
  await context.close();
});

// The headless browser cannot hide a tab; the event is the one the browser sends (it bubbles).
test('a tab looked at again reconnects the socket at once', async ({ browser }) => {
  const context = await browser.newContext({ viewport: PHONE });
  await reconnectsOn(context, (page) => page.evaluate(() => {
    document.dispatchEvent(new Event('visibilitychange', { bubbles: true }));
  }));
  await context.close();
});

// A socket that died while the phone slept, or as it changed networks: the browser still calls
// it open (half-open), and only the heartbeat would find it silent, a minute or more later,
// while the chat shows "online" and receives nothing. Waking checks it.
test('a tab looked at again replaces a socket that stopped answering', async ({ browser }) => {
  const context = await browser.newContext({ viewport: PHONE });
  let connections = 0;
  let silenced = -1;
  await context.routeWebSocket(/\/ws$/, (socket) => {
    const connection = connections++;
    const server = socket.connectToServer();
    socket.onMessage((frame) => { if (connection !== silenced) server.send(frame); });
    server.onMessage((frame) => { if (connection !== silenced) socket.send(frame); });
  });
  const page = await context.newPage();
  await signUp(page, uniqueName('ann'));
  await waitUntilOnline(page);
  await openRoom(page);
  silenced = connections - 1;
  await page.evaluate(() => {
    document.dispatchEvent(new Event('visibilitychange', { bubbles: true }));
  });
  // Its ping goes unanswered for 5 s; the heartbeat alone would take over 35 s more.
  await expect.poll(() => connections, { message: 'a new socket', timeout: 15_000 }).toBe(silenced + 2);
  await waitUntilOnline(page);
  await sendMessage(page, 'sent on the socket that replaced the silent one');
  await context.close();
});

// The server restarted with a new build: the page's own files are gone from it.
test('a page whose socket comes back to a new release says so', async ({ browser }) => {
  const context = await browser.newContext({ viewport: PHONE, serviceWorkers: 'block' });
  const { page, sockets } = await personWithSockets(context);
  const notice = updatedNotice(page);
  await expect(notice, 'not for the first connection').toHaveCount(0);
  const releaseOver = await releaseTakesAway(context, (request) => MAIN_WASM.test(request.url()));
  await sockets.cut();
  sockets.restore();
  await expect(notice).toBeVisible();
  await releaseOver();
  await notice.getByRole('button', { name: 'Reload' }).click();
  await waitUntilOnline(page);
  await expect(notice).toHaveCount(0);
  await context.close();
});
