import { test as base, expect, Page } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';

export const DEMO_PASSWORD = 'partnerhub-demo';

/** Fails on any WCAG 2.2 AA violation axe-core finds on the page as it is now (target sizes too). */
export async function expectAccessible(page: Page) {
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'])
    .analyze();
  const summary = results.violations.map(
    (v) => `${v.id}: ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`,
  );
  expect(summary, `accessibility violations on ${page.url()}`).toEqual([]);
}

/** Waits until the WebAssembly has hydrated the page, so its controls are live. */
export async function waitForHydration(page: Page) {
  await page.locator('body[data-hydrated="true"]').waitFor();
}

/**
 * The page header, with its navigation and account controls showing: on a narrow screen they
 * sit behind the Menu button, which this opens first.
 */
export async function header(page: Page) {
  const banner = page.getByRole('banner');
  const menu = banner.locator('details.menu');
  const button = menu.locator('summary');
  if ((await button.isVisible()) && !(await menu.evaluate((details) => (details as HTMLDetailsElement).open))) {
    await button.click();
  }
  return banner;
}

/** Signs out from the header and waits until it offers Sign in again. */
export async function signOut(page: Page) {
  await (await header(page)).getByRole('button', { name: 'Sign out' }).click();
  await expect((await header(page)).getByRole('link', { name: 'Sign in' })).toBeVisible();
}

export async function signIn(page: Page, email: string, password = DEMO_PASSWORD) {
  const main = page.getByRole('main');
  await main.getByLabel('Email').fill(email);
  await main.getByLabel('Password').fill(password);
  await main.getByRole('button', { name: 'Sign in' }).click();
}

type Fixtures = { consoleErrors: string[] };

/** The browser logs every 4xx answer; refusals are answers the app expects and shows. */
const EXPECTED_REFUSAL = /^Failed to load resource: the server responded with a status of 4\d\d/;

/**
 * Every journey: browser console errors (a CSP refusal, a hydration panic, a 5xx) fail the test,
 * and the page a journey ends on is scanned with axe-core too.
 */
export const test = base.extend<Fixtures>({
  consoleErrors: [
    async ({ page }, use) => {
      const errors: string[] = [];
      page.on('console', (message) => {
        if (message.type() === 'error' && !EXPECTED_REFUSAL.test(message.text())) errors.push(message.text());
      });
      page.on('pageerror', (error) => errors.push(error.message));
      await use(errors);
      await expectAccessible(page);
      expect(errors, 'browser console errors').toEqual([]);
    },
    { auto: true },
  ],
});

export { expect };
