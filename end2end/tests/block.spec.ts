import { expect, test } from './fixtures';
import { messageItem, newPerson, openDirect, PHONE, screenshot, sendMessage } from './helpers';

// Blocking, as the blocker sees it on a phone: from the conversation's menu, the composer gives
// way to a note with "Unblock"; the blocked person's messages do not arrive (they see theirs as
// sent: they are told nothing), they leave the blocker's search, and unblocking is in settings.
test('blocking someone stops their messages until they are unblocked in settings', async ({ browser }) => {
  const ann = await newPerson(browser, 'ann', PHONE);
  const bob = await newPerson(browser, 'bob');
  await openDirect(bob.page, ann.name);
  await sendMessage(bob.page, 'hello before the block');

  const line = ann.page.getByRole('link', { name: new RegExp(bob.name) });
  await expect(line).toContainText('1 unread');
  await line.click();
  await expect(messageItem(ann.page, 'hello before the block')).toBeVisible();
  await ann.page.getByRole('button', { name: 'Conversation actions' }).click();
  await ann.page.getByRole('menuitem', { name: 'Block' }).click();
  const note = ann.page.getByRole('note');
  await expect(note).toContainText(`You blocked ${bob.name}`);
  await expect(ann.page.getByRole('textbox', { name: 'Message' })).toBeHidden();
  await expect(ann.page.getByRole('menuitem', { name: 'Unblock' })).toBeHidden();
  await screenshot(ann.page, 'blocked-phone');

  // Bob's message is sent as far as he can tell, and never reaches Ann.
  await sendMessage(bob.page, 'are you ignoring me');
  await ann.page.waitForTimeout(1000);
  await expect(messageItem(ann.page, 'are you ignoring me')).toHaveCount(0);
  await ann.page.getByRole('link', { name: 'Back to conversations' }).click();
  await expect(line).not.toContainText('unread');
  await expect(line).not.toContainText('ignoring');
  await expect(ann.page).toHaveTitle('Parley');

  // Ann's search no longer finds Bob.
  await ann.page.getByRole('searchbox', { name: 'Search users' }).fill(bob.name);
  await expect(ann.page.getByRole('region', { name: 'Search results' })).toContainText('No one by that name.');
  await ann.page.getByRole('searchbox', { name: 'Search users' }).fill('');

  // Settings lists him, with Unblock.
  await ann.page.goto('/settings');
  const section = ann.page.getByRole('region', { name: 'Blocked people' });
  await expect(section).toContainText(bob.name);
  await section.scrollIntoViewIfNeeded();
  await screenshot(ann.page, 'blocked-settings-phone');
  await section.getByRole('button', { name: `Unblock ${bob.name}` }).click();
  await expect(section).toContainText('You have not blocked anyone.');

  // Unblocked: his next message arrives; the withheld one stays withheld.
  await ann.page.goto('/');
  await line.click();
  await expect(ann.page.getByRole('textbox', { name: 'Message' })).toBeVisible();
  await sendMessage(bob.page, 'hello after the unblock');
  await expect(messageItem(ann.page, 'hello after the unblock')).toBeVisible();
  await expect(messageItem(ann.page, 'are you ignoring me')).toHaveCount(0);

  await ann.context.close();
  await bob.context.close();
});

test('unblocking from the note in the conversation brings the composer back', async ({ browser }) => {
  const cat = await newPerson(browser, 'cat');
  const dan = await newPerson(browser, 'dan');
  await openDirect(cat.page, dan.name);
  await cat.page.getByRole('button', { name: 'Conversation actions' }).click();
  await cat.page.getByRole('menuitem', { name: 'Block' }).click();
  await expect(cat.page.getByRole('note')).toContainText(`You blocked ${dan.name}`);
  // Kept after a reload: it is stored, not a state of the page.
  await cat.page.reload();
  await expect(cat.page.getByRole('note')).toContainText(`You blocked ${dan.name}`);
  await cat.page.getByRole('note').getByRole('button', { name: 'Unblock' }).click();
  await expect(cat.page.getByRole('textbox', { name: 'Message' })).toBeVisible();
  await sendMessage(cat.page, 'sorry, that was a mistake');
  await cat.context.close();
  await dan.context.close();
});
