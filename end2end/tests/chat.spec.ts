import type { Browser, BrowserContext, Page } from '@playwright/test';
import { expect, test } from './fixtures';
import {
  controlSockets,
  messageItem,
  newPerson,
  openDirect,
  openRoom,
  screenshot,
  sendMessage,
  signUp,
  uniqueName,
  waitUntilOnline,
} from './helpers';

test('a message sent by one user appears for another without reloading', async ({ browser }) => {
  const annContext = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const bobContext = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const ann = await annContext.newPage();
  const bob = await bobContext.newPage();
  const annName = uniqueName('ann');
  const bobName = uniqueName('bob');
  await signUp(ann, annName);
  await signUp(bob, bobName);
  await openRoom(ann);
  await openRoom(bob);
  await waitUntilOnline(ann);
  await waitUntilOnline(bob);

  const hello = `Hello from ${annName} <b>not bold</b>`;
  await ann.getByRole('textbox', { name: 'Message' }).fill(hello);
  await ann.getByRole('button', { name: 'Send' }).click();
  await expect(bob.getByRole('log').getByText(hello)).toBeVisible();
  await expect(ann.getByRole('log').getByText(hello)).toHaveCount(1);
  await expect(ann.getByRole('img', { name: 'Sending' })).toHaveCount(0);

  // Enter sends; Shift+Enter makes a new line instead.
  const box = bob.getByRole('textbox', { name: 'Message' });
  await box.fill(`Hi ${annName}`);
  await box.press('Shift+Enter');
  await box.pressSequentially('second line');
  await box.press('Enter');
  await expect(ann.getByRole('log').getByText(`Hi ${annName}\nsecond line`)).toBeVisible();
  await expect(box).toHaveValue('');

  await screenshot(ann, 'chat-desktop');
  await annContext.close();
  await bobContext.close();
});

test('an empty or too long message gets a clear error and is not sent', async ({ page }) => {
  await signUp(page, uniqueName('cat'));
  await openRoom(page);
  await waitUntilOnline(page);
  const box = page.getByRole('textbox', { name: 'Message' });
  await box.press('Enter');
  await expect(page.getByRole('alert')).toHaveText('Type a message first.');
  await box.fill('x'.repeat(4001));
  await page.getByRole('button', { name: 'Send' }).click();
  await expect(page.getByRole('alert')).toContainText('at most 4,000 characters');
  await expect(page.getByRole('img', { name: 'Sending' })).toHaveCount(0);
});

test('messages survive a reload exactly once', async ({ page }) => {
  await signUp(page, uniqueName('dan'));
  await openRoom(page);
  await waitUntilOnline(page);
  const text = `kept ${uniqueName('msg')}`;
  await page.getByRole('textbox', { name: 'Message' }).fill(text);
  await page.getByRole('button', { name: 'Send' }).click();
  await expect(page.getByRole('img', { name: 'Sending' })).toHaveCount(0);
  await page.reload();
  await waitUntilOnline(page);
  await expect(page.getByRole('log').getByText(text)).toHaveCount(1);
});

// Safari on a phone throws away a tab it has not shown for a while and loads it again when it is
// looked at; a message begun in it must not be lost (src/stopped_notice.rs keeps it).
test('a message begun and not sent survives the page being hidden and loaded again', async ({ page }) => {
  await signUp(page, uniqueName('eli'));
  await openRoom(page);
  await waitUntilOnline(page);
  const box = page.getByRole('textbox', { name: 'Message' });
  const unsent = `begun ${uniqueName('msg')}`;
  await box.fill(unsent);
  // Kept when the page is hidden (the last moment a discarded page runs), forgotten when it is
  // shown again alive. Headless pages are never hidden, so the page is told it is.
  const kept = () => page.evaluate(() => sessionStorage.getItem('parley-draft'));
  const seen = (state: string) =>
    page.evaluate((state) => {
      Object.defineProperty(document, 'visibilityState', { value: state, configurable: true });
      document.dispatchEvent(new Event('visibilitychange'));
      // The browser's own state again, for the reload's events below.
      delete (document as { visibilityState?: string }).visibilityState;
    }, state);
  await seen('hidden');
  expect(await kept()).toContain(unsent);
  await seen('visible');
  expect(await kept()).toBeNull();

  // Loaded again: the words are back in the box, and they send.
  await page.reload();
  await waitUntilOnline(page);
  await expect(box).toHaveValue(unsent);
  await page.getByRole('button', { name: 'Send' }).click();
  await expect(page.getByRole('img', { name: 'Sending' })).toHaveCount(0);
  await expect(box).toHaveValue('');
  // Once sent, a reload brings back nothing.
  await page.reload();
  await waitUntilOnline(page);
  await expect(page.getByRole('log').getByText(unsent)).toHaveCount(1);
  await expect(box).toHaveValue('');
});

/** Ann signed up in `annContext` (its sockets routed as the test needs), online, in a direct
 * conversation with Bob. */
async function annWritingToBob(browser: Browser, annContext: BrowserContext) {
  const ann = await annContext.newPage();
  const annName = uniqueName('ann');
  await signUp(ann, annName);
  const bob = await newPerson(browser, 'bob');
  await openDirect(ann, bob.name);
  await waitUntilOnline(ann);
  return { ann, annName, bob };
}

// The bar promises that messages sent offline go when the network is back; a phone may reload
// the tab before then (Safari discards tabs it has not shown for a while).
test('messages sent offline survive a reload and arrive once', async ({ browser }) => {
  const annContext = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const sockets = await controlSockets(annContext);
  const { ann, annName, bob } = await annWritingToBob(browser, annContext);
  const box = ann.getByRole('textbox', { name: 'Message' });
  const send = async (text: string) => {
    await box.fill(text);
    await ann.getByRole('button', { name: 'Send' }).click();
    await expect(messageItem(ann, text).getByRole('img', { name: 'Sending' })).toBeVisible();
  };
  const kept = () => ann.evaluate(() => sessionStorage.getItem('parley-outbox'));

  // Sent offline in the open conversation, then reloaded before the network is back.
  await sockets.cut();
  const open = `open ${uniqueName('m')}`;
  await send(open);
  await ann.reload();
  await expect(messageItem(ann, open).getByRole('img', { name: 'Sending' })).toBeVisible();
  expect(await kept(), 'taken out of storage by the load').toBeNull();
  await screenshot(ann, 'kept-outbox-after-reload-desktop');

  // Sent offline, then another conversation opened and the page reloaded there: the message
  // waits for a conversation that is not open.
  const other = `other ${uniqueName('m')}`;
  await send(other);
  await openRoom(ann);
  await ann.reload();
  await expect(ann.getByRole('heading', { name: 'Everyone' })).toBeVisible();

  sockets.restore();
  await waitUntilOnline(ann);
  await ann.getByRole('link', { name: new RegExp(bob.name) }).click();
  for (const text of [open, other]) {
    await expect(messageItem(ann, text).locator('.tick[aria-label="Sent"]')).toBeVisible();
  }
  await bob.page.getByRole('link', { name: new RegExp(annName) }).click();
  for (const text of [open, other]) {
    await expect(messageItem(bob.page, text)).toHaveCount(1);
  }
  // Stored once: a reload shows each once, and nothing is pending.
  await ann.reload();
  await waitUntilOnline(ann);
  for (const text of [open, other]) await expect(messageItem(ann, text)).toHaveCount(1);
  await expect(ann.getByRole('img', { name: 'Sending' })).toHaveCount(0);
  // A page loaded without the chat (here settings) forgets what a page had kept.
  await ann.goto('/settings');
  await ann.evaluate(() => sessionStorage.setItem('parley-outbox', '[]'));
  await ann.reload();
  await expect(ann.getByRole('button', { name: 'Log out' })).toBeVisible();
  expect(await kept()).toBeNull();
  await annContext.close();
  await bob.context.close();
});

/**
 * Watches the open conversation for `text` on every change of the page, in this load and the
 * ones after it; the function returned tells the most copies it ever held at once.
 */
async function mostCopies(page: Page, text: string): Promise<() => Promise<number>> {
  const watch = (text: string) => {
    const w = window as unknown as { mostCopies?: Record<string, number> };
    const most = (w.mostCopies ??= {});
    most[text] = 0;
    new MutationObserver(() => {
      const items = [...document.querySelectorAll('[role="log"] li')];
      most[text] = Math.max(most[text], items.filter((li) => li.textContent?.includes(text)).length);
    }).observe(document, { childList: true, subtree: true, characterData: true });
  };
  await page.addInitScript(watch, text);
  await page.evaluate(watch, text);
  return () =>
    page.evaluate((text) => (window as unknown as { mostCopies: Record<string, number> }).mostCopies[text], text);
}

// The server stored Ann's message, and the connection dropped before its acknowledgement came
// back. After the reconnect the tab sends it again (the server stores nothing twice) and learns
// what it missed: the message must not show twice even for the moment between the two. Nor
// after a reload while the network is still gone, where the page holds the stored copy and the
// tab its kept one.
test('a message whose acknowledgement was lost shows once, even for a moment', async ({ browser }) => {
  const annContext = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  let loseNextAck = false;
  let refusing = false;
  await annContext.routeWebSocket(/\/ws$/, (page) => {
    if (refusing) {
      void page.close({ code: 1012 });
      return;
    }
    const server = page.connectToServer();
    server.onMessage((frame) => {
      if (loseNextAck && String(frame).startsWith('{"type":"ack"')) {
        loseNextAck = false;
        void server.close();
        void page.close();
        return;
      }
      page.send(frame);
    });
  });
  const { ann, annName, bob } = await annWritingToBob(browser, annContext);
  await sendMessage(ann, 'before');
  await bob.page.getByRole('link', { name: new RegExp(annName) }).click();

  const text = `lost ack ${uniqueName('m')}`;
  const copiesOfText = await mostCopies(ann, text);
  loseNextAck = true;
  await ann.getByRole('textbox', { name: 'Message' }).fill(text);
  await ann.getByRole('button', { name: 'Send' }).click();
  await expect(messageItem(ann, text).locator('.tick[aria-label="Sent"]')).toBeVisible();
  expect(loseNextAck, 'the acknowledgement was lost').toBe(false);
  await expect(messageItem(bob.page, text)).toHaveCount(1);
  expect(await copiesOfText()).toBe(1);

  // Lost again, the network stays away, and the page is loaded again meanwhile.
  const kept = `kept ${uniqueName('m')}`;
  const copiesOfKept = await mostCopies(ann, kept);
  loseNextAck = true;
  refusing = true;
  await ann.getByRole('textbox', { name: 'Message' }).fill(kept);
  await ann.getByRole('button', { name: 'Send' }).click();
  await expect(ann.locator('.link-bar')).toHaveAttribute('data-link', 'offline');
  await ann.reload();
  await expect(ann.locator('.link-bar')).toHaveAttribute('data-link', 'offline');
  await expect(messageItem(ann, kept).locator('.tick[aria-label="Sent"]')).toBeVisible();
  refusing = false;
  await waitUntilOnline(ann);
  await expect(messageItem(bob.page, kept)).toHaveCount(1);
  await expect(messageItem(ann, kept)).toHaveCount(1);
  await expect(ann.getByRole('img', { name: 'Sending' })).toHaveCount(0);
  expect(await copiesOfKept(), 'the most copies while offline after the reload, and after').toBe(1);
  await annContext.close();
  await bob.context.close();
});

// Bob opens the conversation; its page is read on the server before Ann's message is stored,
// and reaches his tab only after that message's frame did, when there was no open
// conversation for the frame to go into. The message must still show once it is open.
test('a message that arrives while a conversation opens is shown in it', async ({ browser }) => {
  const ann = await newPerson(browser, 'ann');
  const bob = await newPerson(browser, 'bob');
  await openDirect(ann.page, bob.name);
  await sendMessage(ann.page, 'before it opened');
  const inList = bob.page.getByRole('link', { name: new RegExp(ann.name) });
  await expect(inList).toContainText('before it opened');

  let release = () => {};
  const released = new Promise<void>((resolve) => (release = resolve));
  let read = () => {};
  const pageRead = new Promise<void>((resolve) => (read = resolve));
  await bob.page.route(/\/api\/chat\/conversation\?/, async (route) => {
    const response = await route.fetch();
    read();
    await released;
    await route.fulfill({ response });
  });
  await inList.click();
  await pageRead;
  await sendMessage(ann.page, 'while it opened');
  await expect(inList).toContainText('while it opened');
  release();

  const log = bob.page.getByRole('log');
  await expect(log.getByText('before it opened')).toBeVisible();
  await expect(log.getByText('while it opened')).toHaveCount(1);
  await ann.context.close();
  await bob.context.close();
});

// Bob's list is rendered on the server and his socket opens a moment later: a message sent in
// between reaches neither. His list must still show it once he is connected.
test('a message sent while a page loads shows in its list', async ({ browser }) => {
  const ann = await newPerson(browser, 'ann');
  const bob = await newPerson(browser, 'bob');
  await openDirect(ann.page, bob.name);
  await sendMessage(ann.page, 'before the page loaded');

  let release = () => {};
  const released = new Promise<void>((resolve) => (release = resolve));
  let asked = () => {};
  const socketAsked = new Promise<void>((resolve) => (asked = resolve));
  await bob.context.routeWebSocket(/\/ws$/, async (socket) => {
    asked();
    await released;
    socket.connectToServer();
  });
  await bob.page.goto('/');
  const inList = bob.page.getByRole('link', { name: new RegExp(ann.name) });
  await expect(inList).toContainText('before the page loaded');
  await socketAsked;
  await sendMessage(ann.page, 'while the page loaded');
  release();
  await waitUntilOnline(bob.page);
  await expect(inList).toContainText('while the page loaded');
  await ann.context.close();
  await bob.context.close();
});
