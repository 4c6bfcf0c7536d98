import { type Browser } from '@playwright/test';
import { expect, test } from './fixtures';
import {
  controlSockets, cursorOf, DESKTOP, messageItem, newPerson, notAcrossMidnight, openDirect, openRoom, PASSWORD, PHONE, screenshot,
  sendMessage, signUp, uniqueName, waitUntilOnline,
} from './helpers';

// The conversation view as messengers have taught people to read it: one's own messages on the
// right, others' on the left, a group's name and avatar once, day separators, links, and the
// message menu behind "…" or a long press.

async function person(browser: Browser, prefix: string, viewport: { width: number; height: number }, touch = false) {
  const someone = await newPerson(browser, prefix, viewport, touch);
  await openRoom(someone.page);
  return someone;
}

const say = sendMessage;
const item = messageItem;

for (const [size, viewport] of [['desktop', DESKTOP], ['phone', PHONE]] as const) {
  test(`own messages on the right, others' on the left, grouped with one name (${size})`, async ({ browser }) => {
    const ann = await person(browser, 'ann', viewport);
    const bob = await person(browser, 'bob', viewport);
    const tag = uniqueName('g');
    const annLines = [`${tag} one`, `${tag} two`, `${tag} three`];
    await notAcrossMidnight(ann.page);
    for (const line of annLines) await say(ann.page, line);
    const reply = `${tag} reply from bob`;
    await say(bob.page, reply);
    await expect(item(ann.page, reply)).toBeVisible();

    // Alignment, from the bubbles' boxes against the list's.
    // The first bubble of a group also carries the author's name, whose random part makes its
    // width vary from run to run; so each side is checked by the gap it leaves on the other side,
    // not by a fixed share of the width.
    const log = await bob.page.getByRole('log').boundingBox();
    const theirs = await item(bob.page, annLines[0]).locator('.bubble').boundingBox();
    const mine = await item(bob.page, reply).locator('.bubble').boundingBox();
    expect(theirs!.x + theirs!.width).toBeLessThan(log!.x + log!.width - 40);
    expect(theirs!.x).toBeLessThan(log!.x + 70);
    expect(mine!.x + mine!.width).toBeGreaterThan(log!.x + log!.width - 40);
    expect(mine!.x).toBeGreaterThan(log!.x + 40);
    // One's own: no avatar, no name.
    await expect(item(bob.page, reply).locator('.avatar')).toHaveCount(0);
    await expect(item(bob.page, reply).locator('.author')).toHaveCount(0);

    // Ann's three messages are one group for Bob: her name and avatar once.
    const group = bob.page.getByRole('log').getByRole('listitem').filter({ hasText: tag }).filter({ hasNotText: 'reply' });
    await expect(group).toHaveCount(3);
    await expect(group.locator('.author')).toHaveCount(1);
    await expect(group.locator('.author')).toHaveText(ann.name);
    await expect(group.locator('.avatar')).toHaveCount(1);
    // Inside a group the bubbles sit closer than between groups.
    const first = await item(bob.page, annLines[0]).locator('.bubble').boundingBox();
    const second = await item(bob.page, annLines[1]).locator('.bubble').boundingBox();
    expect(second!.y - (first!.y + first!.height)).toBeLessThan(6);

    // A day separator; the time in the bubble with the full date on hover; the sent tick.
    await expect(bob.page.getByRole('separator', { name: 'Today' })).toBeVisible();
    // Bob had the room open while Ann wrote: read as they came, so no unread divider.
    await expect(bob.page.getByRole('separator', { name: 'Unread messages' })).toHaveCount(0);
    await expect(item(bob.page, reply).locator('time')).toHaveAttribute('title', /\d{4}, \d\d:\d\d$/);
    await expect(item(bob.page, reply).getByRole('img', { name: 'Sent' })).toBeVisible();
    // Connected: no connection banner at all.
    await expect(bob.page.locator('.link-bar')).toBeHidden();

    await screenshot(bob.page, `room-grouped-${size}`);
    await bob.page.emulateMedia({ colorScheme: 'dark' });
    await screenshot(bob.page, `room-grouped-${size}-dark`);
    await ann.context.close();
    await bob.context.close();
  });
}

test('web addresses are links that open safely; other schemes stay text', async ({ browser }) => {
  const ann = await person(browser, 'ann', DESKTOP);
  const tag = uniqueName('l');
  const text = `${tag} see https://example.org/page?x=1. and javascript:alert(1) and https://${'long'.repeat(30)}.example`;
  await say(ann.page, text);
  const message = item(ann.page, tag);
  const links = message.getByRole('link');
  await expect(links).toHaveCount(2);
  await expect(links.first()).toHaveAttribute('href', 'https://example.org/page?x=1');
  await expect(links.first()).toHaveAttribute('target', '_blank');
  await expect(links.first()).toHaveAttribute('rel', 'noopener noreferrer');
  // The long address wraps inside the bubble instead of widening the page.
  const bubble = await message.locator('.bubble').boundingBox();
  const log = await ann.page.getByRole('log').boundingBox();
  expect(bubble!.x + bubble!.width).toBeLessThanOrEqual(log!.x + log!.width + 1);
  await ann.context.close();
});

test('on a touch screen, return adds a line and a long press opens the message menu', async ({ browser }) => {
  const ann = await person(browser, 'ann', PHONE, true);
  const box = ann.page.getByRole('textbox', { name: 'Message' });
  const send = ann.page.getByRole('button', { name: 'Send' });
  await expect(send).toBeDisabled();
  await expect(box).toHaveAttribute('enterkeyhint', 'enter');
  await box.fill('line one');
  await expect(send).toBeEnabled();
  await box.press('Enter');
  await box.pressSequentially('line two');
  await expect(box).toHaveValue('line one\nline two');
  await box.fill('   ');
  await expect(send).toBeDisabled();
  // Nothing to send is not a request under way: not the busy cursor.
  expect(await cursorOf(send)).toBe('default');

  const text = `${uniqueName('t')} press me`;
  await say(ann.page, text);
  const message = item(ann.page, text);
  await expect(ann.page.getByRole('menu')).toHaveCount(0);
  const bounds = await message.locator('.bubble').boundingBox();
  const touch = { identifier: 0, clientX: bounds!.x + 10, clientY: bounds!.y + 10 };
  await message.locator('.bubble').dispatchEvent('touchstart', { touches: [touch], changedTouches: [touch] });
  await ann.page.waitForTimeout(700);
  await message.locator('.bubble').dispatchEvent('touchend', { touches: [], changedTouches: [touch] });
  await expect(message.getByRole('menu')).toBeVisible();
  // The full date and time, which a touch screen cannot hover for.
  await expect(message.getByRole('menu')).toContainText(/Sent \d+ \w+ \d{4}, \d\d:\d\d/);
  await screenshot(ann.page, 'message-menu-phone');
  await message.getByRole('menuitem', { name: 'Delete message' }).click();
  await message.getByRole('button', { name: 'Delete', exact: true }).click();
  await expect(ann.page.getByRole('log').getByText(text)).toHaveCount(0);

  // A short tap does not open it.
  const other = `${uniqueName('t')} just a tap`;
  await say(ann.page, other);
  const tapped = item(ann.page, other).locator('.bubble');
  await tapped.dispatchEvent('touchstart', { touches: [touch], changedTouches: [touch] });
  await tapped.dispatchEvent('touchend', { touches: [], changedTouches: [touch] });
  await ann.page.waitForTimeout(700);
  await expect(ann.page.getByRole('menu')).toHaveCount(0);
  await ann.context.close();
});

for (const [size, short] of [['desktop', { width: 1280, height: 600 }], ['phone', PHONE]] as const) {
  test(`a conversation opens at the first unread message, and new ones do not yank the view (${size})`, async ({ browser }) => {
  const ann = await person(browser, 'ann', short);
  const bob = await person(browser, 'bob', short);
  // From the list, which is the whole screen on a phone.
  for (const who of [ann, bob]) await who.page.goto('/');
  await openDirect(ann.page, bob.name);
  await waitUntilOnline(ann.page);
  await say(ann.page, 'read already');
  const line = bob.page.getByRole('link', { name: new RegExp(ann.name) });
  await line.click();
  await expect(item(bob.page, 'read already')).toBeVisible();
  // Away, on the list, while Ann writes.
  await bob.page.goto('/');
  await waitUntilOnline(bob.page);

  const tag = uniqueName('u');
  // Numbered with two digits: a message's text runs into its time in the item's text.
  for (let i = 1; i <= 25; i++) await say(ann.page, `${tag} unread ${String(i).padStart(2, '0')}`);
  await expect(line).toContainText('25 unread');
  await line.click();
  const divider = bob.page.getByRole('separator', { name: 'Unread messages' });
  await expect(divider).toBeInViewport();
  const dividerBox = await divider.boundingBox();
  const firstUnread = await item(bob.page, `${tag} unread 01`).boundingBox();
  expect(firstUnread!.y).toBeGreaterThan(dividerBox!.y);
  await expect(item(bob.page, `${tag} unread 25`)).not.toBeInViewport();
  await screenshot(bob.page, `unread-divider-${size}`);

  // Reading further up, a new message waits behind "↓ N new" instead of pulling the view down.
  const jump = bob.page.getByRole('button', { name: /new, go to the newest/ });
  await expect(jump).toBeVisible();
  await jump.click();
  await expect(item(bob.page, `${tag} unread 25`)).toBeInViewport();
  await expect(jump).toHaveCount(0);
  await bob.page.getByRole('log').evaluate((log) => { log.closest('.messages')!.scrollTop = 0; });
  await say(ann.page, `${tag} while scrolled up`);
  await expect(jump).toHaveText('↓ 1 new');
  await expect(item(bob.page, `${tag} while scrolled up`)).not.toBeInViewport();
  await jump.click();
  await expect(item(bob.page, `${tag} while scrolled up`)).toBeInViewport();
  await bob.page.emulateMedia({ colorScheme: 'dark' });
  await screenshot(bob.page, `direct-${size}-dark`);
  await bob.page.goto('/');
  await expect(line).toBeVisible();
  await screenshot(bob.page, `list-${size}-dark`);
  await ann.context.close();
  await bob.context.close();
});
}

test('the connection bar shows only while the socket is down', async ({ browser }) => {
  const context = await browser.newContext({ viewport: PHONE });
  const sockets = await controlSockets(context);
  const page = await context.newPage();
  await signUp(page, uniqueName('kim'));
  await openRoom(page);
  await waitUntilOnline(page);
  const bar = page.locator('.link-bar');
  await expect(bar).toBeHidden();

  await sockets.cut();
  await expect(bar).toHaveText('Offline, messages will be sent when you are back');
  await expect(bar).toBeVisible();
  // Faded in after a second, so that a quick reconnect shows nothing; then seen.
  await expect(bar).toHaveCSS('opacity', '1');
  // Under the header, where it hides neither the conversation's name nor its buttons.
  const header = await page.locator('.chat-header').boundingBox();
  const barBox = await bar.boundingBox();
  expect(barBox!.y, 'the bar starts below the header').toBeGreaterThanOrEqual(header!.y + header!.height);
  await screenshot(page, 'offline-bar-phone');

  sockets.restore();
  await waitUntilOnline(page);
  await expect(bar).toBeHidden();
  await context.close();
});

test('a message the server refuses says "Not sent" with why, and can be retried or discarded', async ({ browser }) => {
  const ann = await person(browser, 'ann', PHONE);
  const bob = await person(browser, 'bob', PHONE);
  await ann.page.goto('/');
  await openDirect(ann.page, bob.name);
  await waitUntilOnline(ann.page);
  await say(ann.page, 'still there?');

  // Bob deletes his account while Ann's conversation is open: the server refuses what she
  // writes next (for real; rate limits, by contrast, are waited out and resent by the client).
  await bob.page.goto('/settings');
  const form = bob.page.locator('form.danger-zone');
  await form.getByLabel('Current password').fill(PASSWORD);
  await form.getByLabel('I understand').check();
  await form.getByRole('button', { name: 'Delete my account' }).click();
  await expect(bob.page.getByRole('heading', { name: 'Create your account' })).toBeVisible();

  const text = `${uniqueName('n')} hello?`;
  await ann.page.getByRole('textbox', { name: 'Message' }).fill(text);
  await ann.page.getByRole('button', { name: 'Send' }).click();
  const failed = item(ann.page, text);
  const retry = failed.getByRole('button', { name: 'Not sent. Tap to retry' });
  await expect(retry).toBeVisible();
  await expect(failed).toContainText('deleted their account');
  await screenshot(ann.page, 'not-sent-phone');
  await retry.click();
  await expect(retry).toBeVisible();
  await failed.getByRole('button', { name: 'Discard' }).click();
  await expect(ann.page.getByRole('log').getByText(text)).toHaveCount(0);
  await ann.context.close();
  await bob.context.close();
});
