import { type Browser, type Page } from '@playwright/test';
import { expect, test } from './fixtures';
import {
  DESKTOP, messageItem, newPerson, openDirect, openRoom, PHONE, pick, screenshot, sendMessage, signUp, uniqueName, waitUntilOnline,
} from './helpers';

// Notifications for new messages while the tab is in the background, and muting. Headless
// Chromium shows no notification anyone could look at, so the page's Notification is wrapped
// to record what the app asked the browser to show (the real one is still created), and the
// tab's visibility is switched by the test (a headless tab is always "visible").
const RECORD_NOTIFICATIONS_AND_VISIBILITY = () => {
  const shown: { title: string; body?: string }[] = [];
  (window as any).__shown = shown;
  const Real = window.Notification;
  class Recorded extends Real {
    constructor(title: string, options?: NotificationOptions) {
      super(title, options);
      shown.push({ title, body: options?.body });
    }
  }
  Object.defineProperty(Recorded, 'permission', { get: () => Real.permission });
  (Recorded as any).requestPermission = Real.requestPermission.bind(Real);
  (window as any).Notification = Recorded;
  let hidden = false;
  Object.defineProperty(document, 'visibilityState', { get: () => (hidden ? 'hidden' : 'visible') });
  Object.defineProperty(document, 'hidden', { get: () => hidden });
  (window as any).__setHidden = (value: boolean) => {
    hidden = value;
    // As the browser fires it: bubbling, so listeners on the window hear it too.
    document.dispatchEvent(new Event('visibilitychange', { bubbles: true }));
  };
};

const shown = (page: Page) => page.evaluate(() => (window as any).__shown as { title: string; body?: string }[]);
const setHidden = (page: Page, value: boolean) => page.evaluate((v) => (window as any).__setHidden(v), value);

/** Ann, signed up in a context that allows notifications and records them. */
async function annRecordingNotifications(browser: Browser, viewport: typeof DESKTOP) {
  const context = await browser.newContext({ viewport });
  await context.grantPermissions(['notifications']);
  await context.addInitScript(RECORD_NOTIFICATIONS_AND_VISIBILITY);
  const page = await context.newPage();
  const name = uniqueName('ann');
  await signUp(page, name);
  await waitUntilOnline(page);
  return { ann: page, annName: name };
}

test('a background tab is notified of direct messages, unless muted', async ({ browser }) => {
  const { ann, annName } = await annRecordingNotifications(browser, DESKTOP);
  const bob = await newPerson(browser, 'bob', DESKTOP);
  await openDirect(bob.page, annName);
  const fromBob = ann.getByRole('link', { name: new RegExp(bob.name) });

  // In front: nothing to notify.
  await sendMessage(bob.page, 'hello while you look');
  await expect(fromBob).toContainText('hello while you look');
  expect(await shown(ann)).toEqual([]);

  // In the background: the sender and the text.
  await setHidden(ann, true);
  await sendMessage(bob.page, 'ping in the background');
  await expect.poll(() => shown(ann)).toEqual([{ title: bob.name, body: 'ping in the background' }]);
  await setHidden(ann, false);

  // Muted: quiet in the list, and no notification.
  await fromBob.click();
  await ann.getByRole('button', { name: 'Mute conversation' }).click();
  await expect(ann.getByRole('button', { name: 'Unmute conversation' })).toHaveAttribute('aria-pressed', 'true');
  await openRoom(ann);
  await setHidden(ann, true);
  await sendMessage(bob.page, 'ping while muted');
  await expect(fromBob).toContainText('ping while muted');
  await expect(fromBob.getByRole('img', { name: 'Muted' })).toBeVisible();
  await expect(fromBob.locator('.unread-count.quiet')).toHaveText(/^1/);
  expect(await shown(ann)).toHaveLength(1);
  await setHidden(ann, false);
  await screenshot(ann, 'muted-conversation-desktop');
  await ann.emulateMedia({ colorScheme: 'dark' });
  await screenshot(ann, 'muted-conversation-desktop-dark');
  await ann.emulateMedia({ colorScheme: 'light' });

  // Unmuted, with the text hidden in settings: "New message".
  await fromBob.click();
  await ann.getByRole('button', { name: 'Unmute conversation' }).click();
  await expect(ann.getByRole('button', { name: 'Mute conversation' })).toHaveAttribute('aria-pressed', 'false');
  await ann.goto('/settings');
  const section = ann.getByRole('region', { name: 'Notifications' });
  await expect(section.getByRole('status')).toContainText('On in this browser');
  await section.getByRole('checkbox', { name: "Show the message's text in notifications" }).uncheck();
  await ann.goto('/');
  await waitUntilOnline(ann);
  await setHidden(ann, true);
  await sendMessage(bob.page, 'private words');
  await expect.poll(() => shown(ann)).toEqual([{ title: bob.name, body: 'New message' }]);
});

test('a background tab on a phone is notified of a group it joins and of its messages', async ({ browser }) => {
  const { ann, annName } = await annRecordingNotifications(browser, PHONE);
  const bob = await newPerson(browser, 'bob', DESKTOP);
  const group = `Choir ${annName.slice(-4)}`;
  await setHidden(ann, true);

  // Being put in a group is news; the group's name is not known to the list yet.
  await bob.page.getByRole('link', { name: '+ New group' }).click();
  await bob.page.getByRole('textbox', { name: 'Group name' }).fill(group);
  await pick(bob, annName);
  await bob.page.getByRole('button', { name: 'Create group' }).click();
  await expect.poll(() => shown(ann)).toEqual([{ title: bob.name, body: `${bob.name} created the group “${group}”` }]);
  const row = ann.getByRole('link', { name: new RegExp(group) });
  await expect(row).toBeVisible();

  // A message: titled with the group, saying who wrote.
  await sendMessage(bob.page, 'rehearsal at eight');
  await expect.poll(() => shown(ann)).toHaveLength(2);
  expect((await shown(ann))[1]).toEqual({ title: group, body: `${bob.name}: rehearsal at eight` });

  // A muted group notifies nothing.
  await row.click();
  await ann.getByRole('button', { name: 'Mute conversation' }).click();
  await expect(ann.getByRole('button', { name: 'Unmute conversation' })).toHaveAttribute('aria-pressed', 'true');
  await sendMessage(bob.page, 'bring the scores');
  await expect(messageItem(ann, 'bring the scores')).toBeVisible();
  expect(await shown(ann)).toHaveLength(2);
});

test('notifications are asked for from settings only', async ({ browser }) => {
  const ann = await newPerson(browser, 'ann', PHONE);
  await ann.page.goto('/settings');
  const section = ann.page.getByRole('region', { name: 'Notifications' });
  await expect(section.getByRole('button', { name: 'Turn on notifications' })).toBeVisible();
  await section.scrollIntoViewIfNeeded();
  await screenshot(ann.page, 'settings-notifications-phone');
  // The browser answers (headless Chromium refuses unless the test granted it).
  await section.getByRole('button', { name: 'Turn on notifications' }).click();
  await expect(section.getByRole('status')).toContainText(/Blocked in this browser|On in this browser/);
  await expect(section.getByRole('button', { name: 'Turn on notifications' })).toHaveCount(0);
});
