import { expect, test } from './fixtures';
import { newPerson, openDirect, personWithHeldWasm, sendMessage, waitUntilOnline } from './helpers';
import type { Page } from '@playwright/test';

// A signed-in chat page opens its socket while its wasm downloads, and the wasm takes it over
// with the frames that came meanwhile (src/chat/early_socket.rs).

type Early = { socket: WebSocket; frames: string[] };

/** The socket the page opened before its wasm, as the page's script left it. */
function early(page: Page) {
  return page.evaluate(() => {
    const kept = (window as unknown as { parleyEarlySocket?: Early }).parleyEarlySocket;
    return kept && { state: kept.socket.readyState, frames: kept.frames.join('\n') };
  });
}

test('a chat page connects before its wasm comes, and the wasm reads what came meanwhile', async ({ browser }) => {
  const bob = await newPerson(browser, 'bob');
  const ann = await personWithHeldWasm(browser);
  await openDirect(bob.page, ann.name);
  await sendMessage(bob.page, 'hi ann');
  const direct = new URL(bob.page.url()).pathname;
  const sockets: string[] = [];
  ann.page.on('websocket', (socket) => sockets.push(socket.url()));

  await ann.page.goto(direct, { waitUntil: 'commit' });
  await expect.poll(async () => (await early(ann.page))?.state, { message: 'open while the wasm is held' })
    .toBe(1); // OPEN
  expect(ann.held()).toBeGreaterThan(0);
  // A typing frame is said once and never caught up on: only the kept frames can bring it.
  await bob.page.getByRole('textbox', { name: 'Message' }).pressSequentially('how are');
  await expect.poll(async () => (await early(ann.page))?.frames).toContain('"typing"');

  ann.release();
  await waitUntilOnline(ann.page);
  await expect(ann.page.locator('.typing-line')).toHaveText(`${bob.name} is typing…`);
  expect(await early(ann.page), 'taken over by the wasm').toBeUndefined();
  await sendMessage(ann.page, 'fine, and you?');
  expect(sockets, 'one socket: the page\'s own, taken over').toHaveLength(1);
  await ann.context.close();
  await bob.context.close();
});

test('pages without the chat, and visitors without a session, open no socket early', async ({ browser }) => {
  const visitor = await browser.newPage();
  await visitor.goto('/login');
  expect(await early(visitor)).toBeUndefined();
  await visitor.close();

  const ann = await newPerson(browser, 'ann');
  await ann.page.goto('/settings');
  await expect(ann.page.getByRole('heading', { name: 'Settings' })).toBeVisible();
  expect(await early(ann.page)).toBeUndefined();
  await ann.context.close();
});
