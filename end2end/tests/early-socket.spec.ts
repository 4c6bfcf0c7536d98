import { expect, test } from './fixtures';
import { controlSockets, messageItem, newPerson, openDirect, personWithHeldWasm, sendMessage, waitUntilOnline } from './helpers';
import type { Browser, BrowserContext, Page } from '@playwright/test';

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

/**
 * Bob writes to ann; ann, whose wasm is held back, opens their conversation, and her page's
 * early socket is open. `beforeVisit` runs on her context before the visit (init scripts).
 */
async function annOpensBobsMessageWithHeldWasm(
  browser: Browser,
  beforeVisit: (context: BrowserContext) => Promise<void> = async () => {},
) {
  const bob = await newPerson(browser, 'bob');
  const ann = await personWithHeldWasm(browser);
  await openDirect(bob.page, ann.name);
  await sendMessage(bob.page, 'hi ann');
  const sockets: string[] = [];
  ann.page.on('websocket', (socket) => sockets.push(socket.url()));
  await beforeVisit(ann.context);

  await ann.page.goto(new URL(bob.page.url()).pathname, { waitUntil: 'commit' });
  await expect.poll(async () => (await early(ann.page))?.state, { message: 'open while the wasm is held' })
    .toBe(1); // OPEN
  await expect.poll(() => ann.held(), { message: 'the wasm asked for, and held' }).toBeGreaterThan(0);
  return { bob, ann, sockets };
}

test('a chat page connects before its wasm comes, and the wasm reads what came meanwhile', async ({ browser }) => {
  const { bob, ann, sockets } = await annOpensBobsMessageWithHeldWasm(browser);
  // The link is up: no "Connecting…" to flash away once the page is alive.
  await expect(ann.page.locator('.link-bar')).toBeHidden();
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

test('a frame that comes while the page hydrates is read, not left with the page\'s script', async ({ browser }) => {
  // Whether a frame comes between the wasm's first look at the early socket and its takeover
  // is a matter of milliseconds. To make it certain, the page's global gets a getter: once the
  // test arms it, the first read of the global (the wasm's) sends the socket a frame the test
  // kept back, right after the read, as the server would.
  const keepBack = (context: BrowserContext) => context.addInitScript(() => {
    const w = window as unknown as { parleyEarlySocket?: Early; parleyKeptBack?: string };
    let early: Early | undefined;
    Object.defineProperty(window, 'parleyEarlySocket', {
      configurable: true,
      set(value: Early) { early = value; },
      get() {
        const frame = w.parleyKeptBack;
        if (frame && early) {
          w.parleyKeptBack = undefined;
          const socket = early.socket;
          setTimeout(() => socket.dispatchEvent(new MessageEvent('message', { data: frame })), 0);
        }
        return early;
      },
    });
  });

  const { bob, ann } = await annOpensBobsMessageWithHeldWasm(browser, keepBack);
  await bob.page.getByRole('textbox', { name: 'Message' }).pressSequentially('how are');
  await expect.poll(async () => (await early(ann.page))?.frames).toContain('"typing"');
  // Said once (bob typed for less than 3 s), so the kept-back copy is the only one.
  const keptBack = await ann.page.evaluate(() => {
    const w = window as unknown as { parleyEarlySocket: Early; parleyKeptBack?: string };
    const frames = w.parleyEarlySocket.frames;
    const at = frames.findIndex((frame) => frame.includes('"typing"'));
    const [frame] = frames.splice(at, 1);
    w.parleyKeptBack = frame;
    return frame;
  });
  expect(keptBack).toContain('"typing":true');

  ann.release();
  await waitUntilOnline(ann.page);
  await expect(ann.page.locator('.typing-line')).toHaveText(`${bob.name} is typing…`);
  expect(await ann.page.evaluate(() => (window as { parleyKeptBack?: string }).parleyKeptBack), 'sent')
    .toBeUndefined();
  await ann.context.close();
  await bob.context.close();
});

test('an early socket that closed before the wasm came is replaced, and nothing is missed', async ({ browser }) => {
  const { bob, ann, sockets } = await annOpensBobsMessageWithHeldWasm(browser);
  await ann.page.evaluate(() => (window as unknown as { parleyEarlySocket: Early }).parleyEarlySocket.socket.close());
  await expect.poll(async () => (await early(ann.page))?.state).toBe(3); // CLOSED
  // Now it is down, and the bar says so.
  await expect(ann.page.locator('.link-bar')).toHaveText('Connecting…');
  await expect(ann.page.locator('.link-bar')).toBeVisible();
  // Sent while ann's page had no socket: it reaches her by the catch-up of the new one.
  await sendMessage(bob.page, 'are you there?');

  ann.release();
  await waitUntilOnline(ann.page);
  await expect(messageItem(ann.page, 'are you there?')).toHaveCount(1);
  await expect(messageItem(ann.page, 'hi ann')).toHaveCount(1);
  await sendMessage(ann.page, 'yes');
  await expect(messageItem(bob.page, 'yes')).toBeVisible();
  expect(sockets, 'the early one, then the driver\'s own').toHaveLength(2);
  await ann.context.close();
  await bob.context.close();
});

test('once the wasm holds the early socket, its closing shows in the bar as any other', async ({ browser }) => {
  let sockets!: Awaited<ReturnType<typeof controlSockets>>;
  const { bob, ann } = await annOpensBobsMessageWithHeldWasm(browser, async (context) => {
    sockets = await controlSockets(context);
  });
  const bar = ann.page.locator('.link-bar');
  await expect(bar).toBeHidden();
  ann.release();
  await waitUntilOnline(ann.page);
  expect(await early(ann.page), 'taken over by the wasm').toBeUndefined();

  await sockets.cut();
  // The page's mark that its socket is up goes with the socket, whoever holds it by then.
  await expect(ann.page.locator('html')).not.toHaveAttribute('data-early-socket');
  await expect(bar).toBeVisible();
  sockets.restore();
  await waitUntilOnline(ann.page);
  await expect(bar).toBeHidden();
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
