import { type Browser, type BrowserContext, type Locator, type Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { openDirect, screenshot, signUp, uniqueName, waitUntilOnline } from './helpers';

// Editing and reacting, live in every member's tab, and what a tab that was away missed (a
// deletion, an edit, a reaction) reaching it when it comes back, without a reload.

const DESKTOP = { width: 1280, height: 800 };
const PHONE = { width: 390, height: 844 };

type Person = { context: BrowserContext; page: Page; name: string };

async function person(browser: Browser, prefix: string, viewport: { width: number; height: number }): Promise<Person> {
  const context = await browser.newContext({ viewport });
  const page = await context.newPage();
  const name = uniqueName(prefix);
  await signUp(page, name);
  await waitUntilOnline(page);
  return { context, page, name };
}

async function say(page: Page, text: string): Promise<void> {
  await page.getByRole('textbox', { name: 'Message' }).fill(text);
  await page.getByRole('button', { name: 'Send' }).click();
  await expect(item(page, text).locator('.tick[aria-label="Sent"]')).toBeVisible();
}

function item(page: Page, text: string): Locator {
  return page.getByRole('log').getByRole('listitem').filter({ hasText: text });
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
  // Bob's sockets go through Playwright, so the test can really close them (a phone that
  // slept) and keep them closed while Ann changes things.
  const bobContext = await browser.newContext({ viewport: PHONE });
  let refuse = false;
  const open: { close: () => Promise<void> }[] = [];
  await bobContext.routeWebSocket(/\/ws$/, (socket) => {
    if (refuse) {
      void socket.close({ code: 1012 });
      return;
    }
    socket.connectToServer();
    open.push(socket);
  });
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

  refuse = true;
  await bobContext.setOffline(true);
  for (const socket of open) await socket.close();
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

  refuse = false;
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
    const ann = await person(browser, 'ann', viewport);
    const bob = await person(browser, 'bob', viewport);
    await openDirect(ann.page, bob.name);
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
