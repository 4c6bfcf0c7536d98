import { expect, test } from './fixtures';
import { cursorOf, messageItem, newPerson, PHONE, pick, screenshot, sendMessage, waitUntilOnline } from './helpers';

// A group from start to removal, with the creator on a phone: creating it, adding someone
// (who sees only what comes after), its lines in the timeline, messages among three people,
// receipts and typing, the member list with presence, and a removal that the removed
// member's open tab shows at once.
test('create a group, talk in it, and remove a member', async ({ browser }) => {
  const ann = await newPerson(browser, 'ann', PHONE);
  const bob = await newPerson(browser, 'bob');
  const carol = await newPerson(browser, 'carol');
  const name = `Hikers ${ann.name.slice(-4)}`;

  await ann.page.getByRole('link', { name: '+ New group' }).click();
  await ann.page.getByRole('textbox', { name: 'Group name' }).fill(name);
  await pick(ann, bob.name);
  await screenshot(ann.page, 'group-new-phone');
  await ann.page.getByRole('button', { name: 'Create group' }).click();
  await expect(ann.page).toHaveURL(/\/c\/\d+$/);
  await expect(ann.page.getByRole('heading', { name })).toBeVisible();
  await expect(ann.page.locator('.event-line')).toHaveText(`You created the group “${name}”`);
  await expect(ann.page.locator('.chat-header')).toContainText('2 members');

  // Carol is added afterwards, from the group's info page; her list gets the group live.
  await ann.page.getByRole('link', { name: 'Group info' }).click();
  const add = ann.page.getByRole('button', { name: 'Add to group' });
  await expect(add, 'until someone is picked').toBeDisabled();
  expect(await cursorOf(add), 'waiting for a pick, not for a request').toBe('default');
  await pick(ann, carol.name);
  await ann.page.getByRole('button', { name: 'Add to group' }).click();
  await expect(ann.page.locator('.member')).toHaveCount(3);
  await ann.page.getByRole('link', { name: 'Back to the group' }).click();
  await expect(ann.page.locator('.event-line').last()).toHaveText(`You added ${carol.name}`);
  await expect(ann.page.locator('.chat-header')).toContainText('3 members');

  // The others find it in their lists, live, and talk in it.
  await bob.page.getByRole('link', { name: new RegExp(name) }).click();
  await expect(bob.page.locator('.event-line').first()).toHaveText(`${ann.name} created the group “${name}”`);
  await sendMessage(bob.page, 'who brings the map?');
  await expect(messageItem(ann.page, 'who brings the map?')).toContainText(bob.name);
  await carol.page.getByRole('link', { name: new RegExp(name) }).click();
  await expect(messageItem(carol.page, 'who brings the map?')).toBeVisible();
  // She sees from her own line on; the group's creation came before it.
  await expect(carol.page.locator('.event-line').first()).toHaveText(`${ann.name} added you`);
  await expect(carol.page.getByText('created the group')).toHaveCount(0);
  await sendMessage(ann.page, 'I will');
  // Both have the group open: "Seen by 2", their names on tap.
  const receipt = ann.page.locator('.receipt');
  await expect(receipt).toHaveText('Seen by 2');
  await receipt.getByRole('button', { name: 'Seen by 2' }).click();
  await expect(receipt).toContainText(bob.name);
  await expect(receipt).toContainText(carol.name);

  // Typing: one, then two people, then nobody.
  const line = ann.page.locator('.typing-line');
  const bobBox = bob.page.getByRole('textbox', { name: 'Message' });
  const carolBox = carol.page.getByRole('textbox', { name: 'Message' });
  await carolBox.pressSequentially('me too');
  await expect(line).toHaveText(`${carol.name} is typing…`);
  await bobBox.pressSequentially('ok');
  await expect(line).toHaveText(/ and .* are typing…/);
  await screenshot(ann.page, 'group-conversation-phone');
  for (const box of [bobBox, carolBox]) {
    await box.fill('');
    await box.dispatchEvent('input');
  }
  await expect(line).toHaveText('', { timeout: 2000 });

  // The member list, and a removal.
  await ann.page.getByRole('link', { name: 'Group info' }).click();
  const members = ann.page.getByRole('list').filter({ has: ann.page.locator('.member') });
  await expect(members.locator('.member')).toHaveCount(3);
  await expect(members.locator('.member').first()).toContainText('Admin');
  // Bob and Carol are online: a green dot each (none for oneself).
  await expect(members.locator('.presence-dot')).toHaveCount(2);
  await expect(members.locator('.member', { hasText: bob.name })).toContainText('online');
  await screenshot(ann.page, 'group-info-phone');
  await ann.page.getByRole('button', { name: `Remove ${bob.name}` }).click();
  await expect(members.locator('.member')).toHaveCount(2);

  // Bob's open tab says why, and he can no longer write.
  await expect(bob.page.locator('.event-line').last()).toHaveText(`${ann.name} removed you`);
  await expect(bob.page.getByRole('note')).toContainText('You were removed from this group.');
  await expect(bob.page.getByRole('textbox', { name: 'Message' })).toHaveCount(0);
  await expect(bob.page.getByRole('link', { name: 'Group info' })).toHaveCount(0);
  await screenshot(bob.page, 'group-removed-desktop');
  // What is said after is not shown to him.
  await sendMessage(carol.page, 'without bob now');
  await expect(carol.page.locator('.event-line').last()).toHaveText(`${ann.name} removed ${bob.name}`);
  await bob.page.waitForTimeout(500);
  await expect(messageItem(bob.page, 'without bob now')).toHaveCount(0);

  // Reloaded, his list keeps it read-only until he takes it out.
  await bob.page.reload();
  await expect(bob.page.getByText('Its messages are no longer shown to you.')).toBeVisible();
  // The button acts once the page is hydrated (the rendered page is there before).
  await waitUntilOnline(bob.page);
  await expect(bob.page.getByRole('link', { name: new RegExp(name) })).toContainText('You were removed');
  await bob.page.getByRole('button', { name: 'Remove it from your list' }).click();
  await expect(bob.page.getByRole('link', { name: new RegExp(name) })).toHaveCount(0);

  for (const person of [ann, bob, carol]) await person.context.close();
});
