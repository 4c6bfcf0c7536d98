import { type Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { DESKTOP, newPerson, openDirect, openRoom, pick, screenshot, sendMessage } from './helpers';

// Every text on every screen readable in light and in dark: the WCAG AA contrast ratio
// (4.5:1, or 3:1 for large text) between each visible text's colour and what is behind it.
// Disabled buttons are held to 3:1: WCAG leaves them out, but a person still has to read
// "Send" to know it is there.

type Failure = { text: string; where: string; ratio: number; needed: number };

/** Contrast failures of the texts on the page as it is now. */
async function contrastFailures(page: Page): Promise<Failure[]> {
  return page.evaluate(() => {
    type Rgba = { r: number; g: number; b: number; a: number };
    const parse = (colour: string): Rgba => {
      const parts = (colour.match(/rgba?\(([^)]+)\)/)?.[1] ?? '0 0 0 0').split(/[\s,/]+/).filter(Boolean).map(Number);
      return { r: parts[0], g: parts[1], b: parts[2], a: parts.length > 3 ? parts[3] : 1 };
    };
    const over = (top: Rgba, base: Rgba): Rgba => ({
      r: top.r * top.a + base.r * (1 - top.a),
      g: top.g * top.a + base.g * (1 - top.a),
      b: top.b * top.a + base.b * (1 - top.a),
      a: 1,
    });
    const luminance = ({ r, g, b }: Rgba) => {
      const f = (v: number) => ((v /= 255) <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4);
      return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
    };
    const behind = (element: Element): Rgba => {
      const layers: Rgba[] = [];
      for (let e: Element | null = element; e; e = e.parentElement) {
        const background = parse(getComputedStyle(e).backgroundColor);
        if (background.a > 0) layers.push(background);
        if (background.a >= 1) break;
      }
      let colour = parse(getComputedStyle(document.documentElement).backgroundColor);
      if (colour.a < 1) colour = { r: 255, g: 255, b: 255, a: 1 };
      for (const layer of layers.reverse()) colour = over(layer, colour);
      return colour;
    };
    const opacity = (element: Element) => {
      let product = 1;
      for (let e: Element | null = element; e; e = e.parentElement) product *= Number(getComputedStyle(e).opacity);
      return product;
    };
    const failures: { text: string; where: string; ratio: number; needed: number }[] = [];
    for (const element of Array.from(document.body.querySelectorAll('*'))) {
      const ownText = Array.from(element.childNodes)
        .filter((n) => n.nodeType === Node.TEXT_NODE)
        .map((n) => n.textContent ?? '')
        .join('')
        .trim();
      const input = element instanceof HTMLInputElement && ['text', 'search', 'email', 'password'].includes(element.type);
      const text = ownText || (input ? (element as HTMLInputElement).value || (element as HTMLInputElement).placeholder : '');
      if (!text || element.closest('.visually-hidden, [aria-hidden="true"], noscript, script, style')) continue;
      const box = element.getBoundingClientRect();
      const style = getComputedStyle(element);
      if (box.width === 0 || box.height === 0 || style.visibility === 'hidden') continue;
      if (box.bottom < 0 || box.top > innerHeight || box.right < 0 || box.left > innerWidth) continue;
      // Fully transparent until hovered or focused (the message's "…"): not shown, not judged.
      if (opacity(element) === 0) continue;
      const background = behind(element);
      const colourSource = input && !(element as HTMLInputElement).value ? getComputedStyle(element, '::placeholder').color : style.color;
      const colour = parse(colourSource);
      const shown = over({ ...colour, a: colour.a * opacity(element) }, background);
      const [lighter, darker] = [luminance(shown), luminance(background)].sort((x, y) => y - x);
      const ratio = (lighter + 0.05) / (darker + 0.05);
      const size = parseFloat(style.fontSize);
      const large = size >= 24 || (size >= 18.66 && Number(style.fontWeight) >= 700);
      const disabled = element.closest('button:disabled, [aria-disabled="true"]') !== null;
      const needed = disabled || large ? 3 : 4.5;
      if (ratio < needed - 0.01) {
        const where = `${element.tagName.toLowerCase()}${element.className && typeof element.className === 'string' ? '.' + element.className.trim().split(/\s+/).join('.') : ''}`;
        failures.push({ text: text.slice(0, 40), where, ratio: Math.round(ratio * 100) / 100, needed });
      }
    }
    return failures;
  });
}

async function expectReadable(page: Page, screen: string) {
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    // Transitions and fade-ins settle first.
    await page.waitForTimeout(300);
    const failures = await contrastFailures(page);
    expect(failures, `${screen} in ${scheme}`).toEqual([]);
    await screenshot(page, `contrast-${screen.replace(/\W+/g, '-')}-${scheme}`);
  }
  await page.emulateMedia({ colorScheme: 'light' });
}

test('every screen is readable in light and dark', async ({ browser, page }) => {
  await page.goto('/login');
  await expectReadable(page, 'log in');
  await page.goto('/signup');
  await expectReadable(page, 'sign up');

  const ann = await newPerson(browser, 'ann', DESKTOP);
  const bob = await newPerson(browser, 'bob', DESKTOP);
  await openDirect(bob.page, ann.name);
  await sendMessage(bob.page, 'an unread message for the badge');
  await openRoom(ann.page);
  await sendMessage(ann.page, 'my own message in the room');
  await expect(ann.page.locator('.unread-count')).toBeVisible();
  await expectReadable(ann.page, 'the list and the room');

  await ann.page.getByRole('link', { name: new RegExp(bob.name) }).click();
  await ann.page.getByRole('button', { name: 'Mute conversation' }).click();
  await openRoom(ann.page);
  await sendMessage(bob.page, 'another, muted');
  await expect(ann.page.locator('.unread-count.quiet')).toBeVisible();
  await expectReadable(ann.page, 'a muted conversation in the list');

  await ann.page.getByRole('link', { name: new RegExp(bob.name) }).click();
  await expectReadable(ann.page, 'a direct conversation');

  // A group: the form with someone picked, the timeline with its event line, the info page.
  await ann.page.getByRole('link', { name: '+ New group' }).click();
  await ann.page.getByRole('textbox', { name: 'Group name' }).fill('Readable people');
  await pick(ann, bob.name);
  await expectReadable(ann.page, 'a new group');
  await ann.page.getByRole('button', { name: 'Create group' }).click();
  await expect(ann.page.locator('.event-line')).toBeVisible();
  await sendMessage(ann.page, 'hello group');
  await expectReadable(ann.page, 'a group');
  await ann.page.getByRole('link', { name: 'Group info' }).click();
  await expect(ann.page.locator('.member')).toHaveCount(2);
  await expectReadable(ann.page, 'group info');

  await ann.page.goto('/search?q=unread');
  await expect(ann.page.locator('mark').first()).toBeVisible();
  await expectReadable(ann.page, 'search results');

  // Tall enough that every section of settings is on screen at once.
  await ann.page.setViewportSize({ width: DESKTOP.width, height: 2600 });
  await ann.page.goto('/settings');
  await expectReadable(ann.page, 'settings');
});
