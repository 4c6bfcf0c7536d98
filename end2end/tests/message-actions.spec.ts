import { type Browser, type Locator, type Page } from '@playwright/test';
import { expect, test } from './fixtures';
import {
  controlSockets, DESKTOP, messageItem, newPerson, openDirect, PHONE, screenshot, sendMessage, signUp, uniqueName,
  waitUntilOnline,
} from './helpers';

// Editing and reacting, live in every member's tab, and what a tab that was away missed (a
// deletion, an edit, a reaction) reaching it when it comes back, without a reload.

const person = newPerson;
const say = sendMessage;
const item = messageItem;

/**
 * Ann and Bob, each in a browser context of their own, with Ann's open on their conversation
 * (`annTouch`: Ann's screen takes taps).
 */
async function annWritingToBob(browser: Browser, viewport = DESKTOP, annTouch = false) {
  const ann = await person(browser, 'ann', viewport, annTouch);
  const bob = await person(browser, 'bob', viewport);
  await openDirect(ann.page, bob.name);
  return { ann, bob };
}

/** All of `popup` is inside the messages' scroll box, where nothing cuts it off. */
async function expectInsideScrollBox(page: Page, popup: Locator) {
  const [box, shown] = [await page.locator('.messages').boundingBox(), await popup.boundingBox()];
  expect(shown!.y).toBeGreaterThanOrEqual(box!.y);
  expect(shown!.y + shown!.height).toBeLessThanOrEqual(box!.y + box!.height);
  expect(shown!.x).toBeGreaterThanOrEqual(box!.x);
  expect(shown!.x + shown!.width).toBeLessThanOrEqual(box!.x + box!.width);
}

async function openMenu(message: Locator): Promise<Locator> {
  await message.hover();
  await message.getByRole('button', { name: 'Message actions' }).click();
  const menu = message.getByRole('menu');
  await expect(menu).toBeVisible();
  return menu;
}

test('a tab that was away gets the deletion, the edit and the reaction it missed', async ({ browser }) => {
  const ann = await person(browser, 'ann', DESKTOP);
  // Bob's sockets go through the test, so it can really close them (a phone that slept) and
  // keep them closed while Ann changes things.
  const bobContext = await browser.newContext({ viewport: PHONE });
  const sockets = await controlSockets(bobContext);
  const bobPage = await bobContext.newPage();
  const bobName = uniqueName('bob');
  await signUp(bobPage, bobName);
  await waitUntilOnline(bobPage);

  await openDirect(ann.page, bobName);
  const tag = uniqueName('away');
  const [first, second, third] = [`${tag} first`, `${tag} second`, `${tag} third`];
  for (const text of [first, second, third]) await say(ann.page, text);
  await openDirect(bobPage, ann.name);
  await expect(item(bobPage, third)).toBeVisible();

  await bobContext.setOffline(true);
  await sockets.cut();
  await expect(bobPage.locator('.link-bar')).not.toHaveAttribute('data-link', 'online');

  // Ann deletes the first, corrects the second, reacts to the third.
  const menu = await openMenu(item(ann.page, first));
  await menu.getByRole('menuitem', { name: 'Delete message' }).click();
  await item(ann.page, tag).getByRole('button', { name: 'Delete', exact: true }).click();
  await expect(ann.page.getByRole('log').getByText(first)).toHaveCount(0);
  await (await openMenu(item(ann.page, second))).getByRole('menuitem', { name: 'Edit message' }).click();
  const editor = ann.page.getByRole('textbox', { name: 'Edit message' });
  await editor.fill(`${tag} second, corrected`);
  await editor.press('Enter');
  await expect(item(ann.page, `${tag} second, corrected`).locator('.edited')).toBeVisible();
  await (await openMenu(item(ann.page, third))).getByRole('menuitem', { name: 'React with 👍' }).click();
  await expect(item(ann.page, third).getByRole('button', { name: /^👍 1/ })).toBeVisible();

  // Still the old state on Bob's screen while he is away.
  await expect(item(bobPage, first)).toBeVisible();

  sockets.restore();
  await bobContext.setOffline(false);
  await waitUntilOnline(bobPage);
  await expect(bobPage.getByRole('log').getByText(first)).toHaveCount(0);
  await expect(bobPage.getByRole('log').getByText('Message deleted')).toHaveCount(1);
  await expect(item(bobPage, `${tag} second, corrected`)).toHaveCount(1);
  await expect(item(bobPage, `${tag} second, corrected`).locator('.edited')).toHaveText('edited');
  await expect(item(bobPage, third).getByRole('button', { name: `👍 1: ${ann.name}` })).toBeVisible();
  await expect(bobPage.getByRole('log').getByRole('listitem').filter({ hasText: tag })).toHaveCount(2);
  await screenshot(bobPage, 'caught-up-after-away-phone');
  await ann.context.close();
  await bobContext.close();
});

for (const [size, viewport] of [['desktop', DESKTOP], ['phone', PHONE]] as const) {
  test(`reactions and edits show live in the other tab (${size})`, async ({ browser }) => {
    const { ann, bob } = await annWritingToBob(browser, viewport);
    const text = `${uniqueName('r')} lunch at noon?`;
    await say(ann.page, text);
    await openDirect(bob.page, ann.name);

    // Bob reacts from the menu; Ann joins by pressing the chip, then adds one she typed.
    await (await openMenu(item(bob.page, text))).getByRole('menuitem', { name: 'React with ❤️' }).click();
    const heart = item(ann.page, text).getByRole('button', { name: /^❤️/ });
    await expect(heart).toHaveAccessibleName(`❤️ 1: ${bob.name}`);
    await expect(heart).toHaveAttribute('aria-pressed', 'false');
    await heart.click();
    await expect(heart).toHaveAccessibleName(`❤️ 2: ${bob.name}, ${ann.name}`);
    await expect(heart).toHaveAttribute('aria-pressed', 'true');
    await expect(item(bob.page, text).getByRole('button', { name: /^❤️ 2/ })).toBeVisible();
    let menu = await openMenu(item(ann.page, text));
    await menu.getByRole('textbox', { name: 'Another emoji' }).fill('🎉');
    await menu.getByRole('button', { name: 'React' }).click();
    await expect(item(bob.page, text).getByRole('button', { name: `🎉 1: ${ann.name}` })).toBeVisible();
    // Words are not a reaction: the refusal says why.
    menu = await openMenu(item(ann.page, text));
    await menu.getByRole('textbox', { name: 'Another emoji' }).fill('ok');
    await menu.getByRole('button', { name: 'React' }).click();
    await expect(ann.page.getByRole('alert')).toContainText('React with a single emoji.');
    // Pressing one's own chip again takes it back.
    await item(ann.page, text).getByRole('button', { name: /^🎉/ }).click();
    await expect(item(bob.page, text).getByRole('button', { name: /^🎉/ })).toHaveCount(0);
    // Who reacted, in the menu too (a touch screen has no hover for the title).
    menu = await openMenu(item(bob.page, text));
    await expect(menu.getByRole('list', { name: 'Reactions' })).toContainText(`❤️ ${bob.name}, ${ann.name}`);
    await item(bob.page, text).getByRole('button', { name: 'Message actions' }).click();

    // Ann edits: Escape cancels, Enter saves; Bob sees the new text marked edited.
    await (await openMenu(item(ann.page, text))).getByRole('menuitem', { name: 'Edit message' }).click();
    const editor = ann.page.getByRole('textbox', { name: 'Edit message' });
    await expect(editor).toBeFocused();
    await editor.fill('never mind');
    await editor.press('Escape');
    await expect(item(ann.page, text)).toBeVisible();
    await (await openMenu(item(ann.page, text))).getByRole('menuitem', { name: 'Edit message' }).click();
    const corrected = text.replace('noon', 'one');
    await editor.fill(corrected);
    await editor.press('Enter');
    await expect(item(bob.page, corrected).locator('.edited')).toBeVisible();
    await expect(item(bob.page, corrected).getByRole('button', { name: /^❤️ 2/ })).toBeVisible();
    if (size === 'desktop') {
      // The list beside it shows the corrected text too.
      await expect(bob.page.locator('.preview').filter({ hasText: corrected })).toHaveCount(1);
    }
    await screenshot(bob.page, `reactions-${size}`);
    await bob.page.emulateMedia({ colorScheme: 'dark' });
    await screenshot(bob.page, `reactions-${size}-dark`);
    await ann.context.close();
    await bob.context.close();
  });
}

test('a reply quotes the original, leads back to it, and follows its deletion', async ({ browser }) => {
  const { ann, bob } = await annWritingToBob(browser, PHONE);
  const tag = uniqueName('q');
  const original = `${tag} shall we meet at the station?`;
  await say(ann.page, original);
  // More than a page (50) after it, so a fresh view of the conversation does not hold it.
  for (let n = 1; n <= 52; n++) await say(ann.page, `${tag} filler ${n} of 52`);
  await openDirect(bob.page, ann.name);
  // The original itself, not the reply that will quote it.
  const originalIn = (page: Page) => page.getByRole('log').getByRole('listitem').filter({ has: page.locator('.body', { hasText: original }) });

  await (await openMenu(originalIn(bob.page))).getByRole('menuitem', { name: 'Reply' }).click();
  const replying = bob.page.getByRole('group', { name: 'Replying to' });
  await expect(replying).toContainText(ann.name);
  await expect(replying).toContainText(original);
  await expect(bob.page.getByRole('textbox', { name: 'Message' })).toBeFocused();
  const answer = `${tag} yes, at six`;
  await say(bob.page, answer);
  await expect(replying).toHaveCount(0);

  // Ann sees the quote live, and clicking it brings the original back into view, loading the
  // older pages it is in.
  const reply = item(ann.page, answer);
  await expect(reply.locator('.quote')).toContainText(original);
  await screenshot(ann.page, 'reply-phone');
  await ann.page.reload();
  await waitUntilOnline(ann.page);
  await expect(originalIn(ann.page)).toHaveCount(0);
  await reply.locator('.quote-button').click();
  await expect(originalIn(ann.page)).toBeInViewport();

  // Deleted, the original shows as such in the quote, in both tabs.
  await (await openMenu(originalIn(ann.page))).getByRole('menuitem', { name: 'Delete message' }).click();
  await ann.page.getByRole('button', { name: 'Delete', exact: true }).click();
  await expect(item(bob.page, answer).locator('.quote')).toContainText('Message deleted');
  await expect(item(ann.page, answer).locator('.quote')).toContainText('Message deleted');
  await ann.context.close();
  await bob.context.close();
});

test('the first message of a long conversation shows its whole menu and confirmation', async ({ browser }) => {
  const { ann, bob } = await annWritingToBob(browser, PHONE);
  const tag = uniqueName('top');
  const first = `${tag} first`;
  await say(ann.page, first);
  // One message taller than the screen, so the first is at the top of what scrolls.
  await say(ann.page, `${tag} long\n${'line\n'.repeat(30)}end`);
  const message = item(ann.page, first);
  await message.scrollIntoViewIfNeeded();
  const inside = (popup: Locator) => expectInsideScrollBox(ann.page, popup);

  // Above the message there is no room: the menu opens below it, all of it in view.
  const menu = await openMenu(message);
  await expect(menu).toHaveClass(/opens-down/);
  await inside(menu);
  await expect(menu.getByRole('menuitem', { name: 'React with 👍' })).toBeVisible();
  await screenshot(ann.page, 'menu-of-the-first-message-phone');
  await menu.getByRole('menuitem', { name: 'Delete message' }).click();
  const confirm = message.getByRole('group', { name: 'Confirm deletion' });
  await expect(confirm).toBeVisible();
  await expect(menu).toBeHidden();
  await inside(confirm);
  await confirm.getByRole('button', { name: 'Delete', exact: true }).click();
  await expect(ann.page.getByRole('log').getByText(first)).toHaveCount(0);

  // The newest message's menu still opens upwards, over the messages before it.
  const newest = `${tag} newest`;
  await say(ann.page, newest);
  const newestMenu = await openMenu(item(ann.page, newest));
  await expect(newestMenu).not.toHaveClass(/opens-down/);
  await inside(newestMenu);
  await ann.context.close();
  await bob.context.close();
});

test('menus close on Escape and on a tap outside them', async ({ browser }) => {
  const { ann, bob } = await annWritingToBob(browser, PHONE, true);
  const text = `${uniqueName('close')} see you`;
  await say(ann.page, text);
  const message = item(ann.page, text);
  const more = message.getByRole('button', { name: 'Message actions' });
  const composer = ann.page.getByRole('textbox', { name: 'Message' });

  // Escape closes it and gives the focus back to "…".
  let menu = await openMenu(message);
  await menu.getByRole('textbox', { name: 'Another emoji' }).click();
  await expect(menu).toBeVisible();
  await ann.page.keyboard.press('Escape');
  await expect(message.getByRole('menu')).toHaveCount(0);
  await expect(more).toBeFocused();

  // A tap elsewhere closes the menu, and the confirmation of a deletion without deleting.
  menu = await openMenu(message);
  await composer.tap();
  await expect(message.getByRole('menu')).toHaveCount(0);
  await (await openMenu(message)).getByRole('menuitem', { name: 'Delete message' }).click();
  const confirm = message.getByRole('group', { name: 'Confirm deletion' });
  await expect(confirm).toBeVisible();
  await ann.page.getByRole('heading', { name: bob.name }).tap();
  await expect(confirm).toHaveCount(0);
  await expect(message).toHaveCount(1);
  await expect(ann.page.getByRole('log').getByText('Message deleted')).toHaveCount(0);

  // The conversation's menu, the same.
  const actions = ann.page.getByRole('button', { name: 'Conversation actions' });
  const conversationMenu = ann.page.locator('.conversation-actions .menu');
  await actions.click();
  await expect(conversationMenu).toBeVisible();
  await ann.page.keyboard.press('Escape');
  await expect(conversationMenu).toBeHidden();
  await expect(actions).toBeFocused();
  await actions.click();
  await expect(conversationMenu).toBeVisible();
  await message.tap();
  await expect(conversationMenu).toBeHidden();
  await ann.context.close();
  await bob.context.close();
});

for (const [size, viewport] of [['desktop', DESKTOP], ['phone', PHONE]] as const) {
  test(`the menus of short messages are all inside the conversation (${size})`, async ({ browser }) => {
    const ann = await person(browser, 'ann', viewport);
    const bob = await person(browser, 'bob', viewport);
    await openDirect(bob.page, ann.name);
    await say(bob.page, 'ok');
    await openDirect(ann.page, bob.name);
    await say(ann.page, 'np');

    // Bob's "…" is right of his bubble, near the screen's left: his menu would open to the
    // left, off the screen on a phone, over the list on a desktop.
    const theirs = await openMenu(item(ann.page, 'ok'));
    await expectInsideScrollBox(ann.page, theirs);
    await expect(theirs.getByRole('menuitem', { name: 'React with 👍' })).toBeVisible();
    await screenshot(ann.page, `menu-of-a-short-message-${size}`);
    await theirs.getByRole('menuitem', { name: 'Reply' }).click();
    // Ann's is left of hers, near the right: hers would open to the right.
    const mine = await openMenu(item(ann.page, 'np'));
    await expectInsideScrollBox(ann.page, mine);
    await mine.getByRole('menuitem', { name: 'Delete message' }).click();
    await expectInsideScrollBox(ann.page, item(ann.page, 'np').getByRole('group', { name: 'Confirm deletion' }));
    await ann.context.close();
    await bob.context.close();
  });
}

test("a menu's items are reached with the arrow keys", async ({ browser }) => {
  const { ann, bob } = await annWritingToBob(browser);
  const text = `${uniqueName('keys')} by keyboard`;
  await say(ann.page, text);
  const message = item(ann.page, text);
  const focused = (name: string) => expect(message.getByRole('menuitem', { name, exact: true })).toBeFocused();

  // Opened with the keyboard, the menu takes the focus to its first item.
  const more = message.getByRole('button', { name: 'Message actions' });
  await more.focus();
  await ann.page.keyboard.press('Enter');
  await expect(message.getByRole('menu')).toBeVisible();
  await focused('React with 👍');
  await ann.page.keyboard.press('ArrowRight');
  await focused('React with ❤️');
  await ann.page.keyboard.press('End');
  await focused('Delete message');
  await ann.page.keyboard.press('ArrowDown');
  await focused('React with 👍');
  await ann.page.keyboard.press('ArrowUp');
  await focused('Delete message');
  await ann.page.keyboard.press('Home');
  await focused('React with 👍');
  // In the box for another emoji, Home moves the caret, not the focus.
  const other = message.getByRole('textbox', { name: 'Another emoji' });
  await other.focus();
  await ann.page.keyboard.press('Home');
  await expect(other).toBeFocused();
  await ann.page.keyboard.press('Escape');
  await expect(message.getByRole('menu')).toHaveCount(0);
  await expect(more).toBeFocused();

  // Opened with the mouse, it leaves the focus where it was.
  await more.click();
  await expect(message.getByRole('menu')).toBeVisible();
  await expect(more).toBeFocused();
  await ann.context.close();
  await bob.context.close();
});
