import { expect, test } from './fixtures';
import { cursorOf, messageItem, newPerson, opacityOf, personWithHeldWasm, screenshot, sendMessage, uniqueName, waitUntilOnline } from './helpers';
import type { Browser, BrowserContext, Locator } from '@playwright/test';

// On a phone the server's page shows for a second or more before the wasm brings it alive, and
// its fields already take typing (src/typed_before_hydration.rs).

/** Opens `path` with the wasm held back, types `text` into `box` meanwhile, then lets it load. */
async function typeBeforeAlive(person: Awaited<ReturnType<typeof personWithHeldWasm>>, path: string, box: Locator, text: string) {
  await person.page.goto(path, { waitUntil: 'commit' });
  await box.pressSequentially(text);
  await expect.poll(() => person.held(), { message: 'the wasm asked for, and held' }).toBeGreaterThan(0);
  person.release();
  await waitUntilOnline(person.page);
}

async function closeAll(...contexts: BrowserContext[]) {
  for (const context of contexts) await context.close();
}

/** Bob's message `text` in the room, and Ann opening the room with her wasm held back. */
async function messageSeenBeforeAlive(browser: Browser, text: string) {
  const bob = await newPerson(browser, 'bob');
  await bob.page.goto('/c/1');
  await sendMessage(bob.page, text);
  const ann = await personWithHeldWasm(browser);
  await ann.page.goto('/c/1', { waitUntil: 'commit' });
  const message = messageItem(ann.page, text);
  return { bob, ann, message, more: message.getByRole('button', { name: 'Message actions' }) };
}

test('words typed into the composer before the page comes alive are kept, and send', async ({ browser }) => {
  const ann = await personWithHeldWasm(browser);
  const box = ann.page.getByRole('textbox', { name: 'Message' });
  const text = `typed early ${uniqueName('m')}`;
  await typeBeforeAlive(ann, '/c/1', box, text);

  await expect(box).toHaveValue(text);
  await ann.page.getByRole('button', { name: 'Send' }).click();
  await expect(messageItem(ann.page, text).locator('.tick[aria-label="Sent"]')).toBeVisible();
  await expect(box).toHaveValue('');
  await closeAll(ann.context);
});

test('a name typed into the search before the page comes alive is searched for', async ({ browser }) => {
  const bob = await newPerson(browser, 'bob');
  const ann = await personWithHeldWasm(browser);
  const search = ann.page.getByRole('searchbox', { name: 'Search users' });
  await typeBeforeAlive(ann, '/', search, bob.name.toUpperCase());

  await expect(search).toHaveValue(bob.name.toUpperCase());
  const results = ann.page.getByRole('region', { name: 'Search results' });
  await expect(results.getByRole('listitem').filter({ hasText: bob.name })).toBeVisible();
  await closeAll(ann.context, bob.context);
});

test('words typed into the message search before the page comes alive are kept, and search', async ({ browser }) => {
  const ann = await personWithHeldWasm(browser);
  const box = ann.page.getByRole('searchbox', { name: 'Words to find in messages' });
  const words = `nothing${Date.now()}`;
  await typeBeforeAlive(ann, '/search', box, words);

  await expect(box).toHaveValue(words);
  await box.press('Enter');
  await expect(ann.page).toHaveURL(new RegExp(`/search\\?q=${words}$`));
  await expect(ann.page.getByText('No messages with those words.')).toBeVisible();
  await closeAll(ann.context);
});

test('a button that only the wasm can work is disabled until the page comes alive, then works', async ({ browser }) => {
  for (const [path, button] of [['/settings', 'Change picture'], ['/c/1', 'Attach image']]) {
    const ann = await personWithHeldWasm(browser);
    await ann.page.goto(path, { waitUntil: 'commit' });
    const opener = ann.page.getByRole('button', { name: button });
    // A tap on the page the server drew would otherwise do nothing, and say nothing.
    await expect(opener).toBeDisabled();
    await expect.poll(() => ann.held(), { message: 'the wasm asked for, and held' }).toBeGreaterThan(0);
    ann.release();
    const chooser = ann.page.waitForEvent('filechooser');
    await opener.click();
    await chooser;
    await closeAll(ann.context);
  }
});

test('a tap on a button made before the page comes alive is carried out once it is', async ({ browser }) => {
  const { bob, ann, message, more } = await messageSeenBeforeAlive(browser, `tapped early ${uniqueName('m')}`);
  // The page the server drew: the tap is held, and the button says it is waiting.
  await more.click();
  await expect(more).toHaveAttribute('aria-busy', 'true');
  await screenshot(ann.page, 'tap-held-before-hydration');
  await expect.poll(() => ann.held(), { message: 'the wasm asked for, and held' }).toBeGreaterThan(0);
  await expect(message.getByRole('menu')).toHaveCount(0);
  ann.release();
  await expect(message.getByRole('menu')).toBeVisible();
  await expect(more).not.toHaveAttribute('aria-busy');
  await expect(more).toHaveAttribute('aria-expanded', 'true');
  // Alive, a tap is the page's own again: the same button closes the menu.
  await more.click();
  await expect(message.getByRole('menu')).toHaveCount(0);
  await closeAll(ann.context, bob.context);
});

test('a tap on the bell made before the page comes alive mutes the conversation once it is', async ({ browser }) => {
  const ann = await personWithHeldWasm(browser);
  await ann.page.goto('/c/1', { waitUntil: 'commit' });
  const bell = ann.page.getByRole('button', { name: 'Mute conversation' });
  await bell.click();
  await expect(bell).toHaveAttribute('aria-busy', 'true');
  await expect.poll(() => ann.held(), { message: 'the wasm asked for, and held' }).toBeGreaterThan(0);
  ann.release();
  // The server's answer renames the button.
  const muted = ann.page.getByRole('button', { name: 'Unmute conversation' });
  await expect(muted).toHaveAttribute('aria-pressed', 'true');
  await expect(muted).not.toHaveAttribute('aria-busy');
  await closeAll(ann.context);
});

test('a search sent before the page comes alive does not load the page again', async ({ browser }) => {
  const bob = await newPerson(browser, 'bob');
  const ann = await personWithHeldWasm(browser);
  await ann.page.goto('/', { waitUntil: 'commit' });
  const search = ann.page.getByRole('searchbox', { name: 'Search users' });
  await search.pressSequentially(bob.name);
  // The phone keyboard's Search key: sent by the browser, it would load `/?` and lose the name.
  await search.press('Enter');
  await expect.poll(() => ann.held(), { message: 'the wasm asked for, and held' }).toBeGreaterThan(0);
  ann.release();
  await waitUntilOnline(ann.page);
  await expect(ann.page).toHaveURL(/\/$/);
  await expect(search).toHaveValue(bob.name);
  const results = ann.page.getByRole('region', { name: 'Search results' });
  await expect(results.getByRole('listitem').filter({ hasText: bob.name })).toBeVisible();
  await closeAll(ann.context, bob.context);
});

test('a new group sent before the page comes alive is sent once it is, with its name', async ({ browser }) => {
  const bob = await newPerson(browser, 'bob');
  const ann = await personWithHeldWasm(browser);
  await ann.page.goto('/new-group', { waitUntil: 'commit' });
  const name = ann.page.getByRole('textbox', { name: 'Group name' });
  await name.pressSequentially('Early birds');
  const people = ann.page.getByRole('searchbox', { name: 'Search people to add' });
  await people.pressSequentially(bob.name);
  const create = ann.page.getByRole('button', { name: 'Create group' });
  await create.click();
  await expect(create).toHaveAttribute('aria-busy', 'true');
  await expect.poll(() => ann.held(), { message: 'the wasm asked for, and held' }).toBeGreaterThan(0);
  ann.release();
  // The wasm's own check answers, on the same page, with the name still there.
  await expect(ann.page.getByRole('alert').filter({ hasText: 'Add at least one person.' })).toBeVisible();
  await expect(ann.page).toHaveURL(/\/new-group$/);
  await expect(name).toHaveValue('Early birds');
  await expect(create).not.toHaveAttribute('aria-busy');
  // The name typed into the people search was searched for.
  await expect(people).toHaveValue(bob.name);
  await expect(ann.page.getByRole('button', { name: `Add ${bob.name}` })).toBeVisible();
  await closeAll(ann.context, bob.context);
});

test('a setting ticked before the page comes alive stays as it was left, and is saved', async ({ browser }) => {
  const ann = await personWithHeldWasm(browser);
  await ann.page.goto('/settings', { waitUntil: 'commit' });
  const showText = ann.page.getByRole('checkbox', { name: "Show the message's text in notifications" });
  // On by default, and the server's page says so.
  await expect(showText).toBeChecked();
  await showText.click();
  await expect(showText).not.toBeChecked();
  await expect.poll(() => ann.held(), { message: 'the wasm asked for, and held' }).toBeGreaterThan(0);
  ann.release();
  // Hydration sets it to the wasm's value (on); the tick is then carried out and saved.
  await ann.page.getByRole('button', { name: 'Change picture' }).and(ann.page.locator(':enabled')).waitFor();
  await expect(showText).not.toBeChecked();
  await ann.page.reload();
  await ann.page.getByRole('button', { name: 'Change picture' }).and(ann.page.locator(':enabled')).waitFor();
  await expect(showText).not.toBeChecked();
  await closeAll(ann.context);
});

test('a long press on a message made before the page comes alive opens its menu once it is', async ({ browser }) => {
  const { bob, ann, message, more } = await messageSeenBeforeAlive(browser, `pressed early ${uniqueName('m')}`);
  const bubble = message.locator('.bubble');
  const bounds = await bubble.boundingBox();
  const touch = { identifier: 0, clientX: bounds!.x + 10, clientY: bounds!.y + 10 };
  // A short touch is not a long press.
  await bubble.dispatchEvent('touchstart', { touches: [touch], changedTouches: [touch] });
  await bubble.dispatchEvent('touchend', { touches: [], changedTouches: [touch] });
  await ann.page.waitForTimeout(700);
  await expect(more).not.toHaveAttribute('aria-busy');
  await bubble.dispatchEvent('touchstart', { touches: [touch], changedTouches: [touch] });
  await ann.page.waitForTimeout(700);
  await bubble.dispatchEvent('touchend', { touches: [], changedTouches: [touch] });
  await expect(more).toHaveAttribute('aria-busy', 'true');
  await expect.poll(() => ann.held(), { message: 'the wasm asked for, and held' }).toBeGreaterThan(0);
  ann.release();
  await expect(message.getByRole('menu')).toBeVisible();
  await closeAll(ann.context, bob.context);
});

test('message times are drawn in the reader\'s time zone before the page comes alive, and stay so', async ({ browser }) => {
  const bob = await newPerson(browser, 'bob');
  await bob.page.goto('/c/1');
  const text = `what time is it ${uniqueName('m')}`;
  await sendMessage(bob.page, text);
  // Five and a half hours east: a time drawn in UTC would be wrong in its minutes too. Signing
  // up (personWithHeldWasm) has already shown a page, which keeps the offset in a cookie.
  const ann = await personWithHeldWasm(browser, { timezoneId: 'Asia/Kolkata' });
  await ann.page.goto('/c/1', { waitUntil: 'commit' });
  const time = messageItem(ann.page, text).locator('time');
  const local = await time.evaluate((label) => new Date(label.getAttribute('datetime')!).toTimeString().slice(0, 5));
  // The page the server drew: no "UTC", and no change to come when the wasm runs.
  await expect(time).toHaveText(local);
  await expect.poll(() => ann.held(), { message: 'the wasm asked for, and held' }).toBeGreaterThan(0);
  await screenshot(ann.page, 'local-time-before-hydration');
  ann.release();
  await waitUntilOnline(ann.page);
  await expect(time).toHaveText(local);
  await closeAll(ann.context, bob.context);
});

test('an empty message box\'s Send looks the same before and after the page comes alive', async ({ browser }) => {
  const ann = await personWithHeldWasm(browser);
  await ann.page.goto('/c/1', { waitUntil: 'commit' });
  const send = ann.page.getByRole('button', { name: 'Send' });
  const box = ann.page.getByRole('textbox', { name: 'Message' });
  // The server's form sends without the wasm, so its button is enabled, but looks as it will.
  await expect(send).toBeEnabled();
  await expect.poll(opacityOf(send)).toBe('0.6');
  await box.fill('words');
  await expect.poll(opacityOf(send)).toBe('1');
  await box.fill('');
  await expect.poll(opacityOf(send)).toBe('0.6');
  await expect.poll(() => ann.held(), { message: 'the wasm asked for, and held' }).toBeGreaterThan(0);
  ann.release();
  await waitUntilOnline(ann.page);
  await expect(send).toBeDisabled();
  await expect.poll(opacityOf(send)).toBe('0.6');
  // Not the busy cursor of a button whose request is under way.
  expect(await cursorOf(send)).toBe('default');
  await box.fill('words');
  await expect(send).toBeEnabled();
  await expect.poll(opacityOf(send)).toBe('1');
  await closeAll(ann.context);
});
