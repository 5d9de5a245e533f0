import { Page } from '@playwright/test';
import { test, expect, expectAccessible, header, signIn, waitForHydration } from './fixtures';

/**
 * Every page, for every account, opened by its address: a refresh, a bookmark or a mailed link
 * is a full load that the server renders and the WebAssembly then hydrates. In-app navigation
 * never shows a hydration mismatch; a full load does. Each account follows the links its
 * navigation and pages offer (up to a bound), and each page must load whole: no console or
 * page error, no failed request, no server error, hydrated, and accessible.
 */

const ACCOUNTS = [
  'visitor',
  'admin@contoso.example',
  'billing@contoso.example',
  'helpdesk@contoso.example',
  'user@contoso.example',
  'admin@northwind.example',
  'agent@fabrikam.example',
  'support@fabrikam.example',
  'agent@adatum.example',
];

/** Screens an account must reach by following links (as shapes: `/leads/:id`). */
const MUST_REACH: Record<string, string[]> = {
  visitor: ['/', '/find-partner'],
  'admin@contoso.example': [
    '/settings', '/settings/partner-relationships', '/settings/contact-requests', '/settings/agreement',
    '/admin/users', '/admin/subscriptions', '/admin/incidents', '/admin/apps', '/admin/settings',
  ],
  'billing@contoso.example': ['/settings/partner-relationships', '/admin/users', '/admin/subscriptions'],
  'helpdesk@contoso.example': ['/admin/users', '/admin/incidents'],
  'user@contoso.example': ['/change-password'],
  // Northwind works with Adatum from the start (demo data): the partner page, by its link.
  'admin@northwind.example': ['/settings/partner-relationships', '/settings/partner-relationships/:id'],
  'agent@fabrikam.example': ['/leads', '/invitations', '/customers', '/teams', '/partner', '/partner/edit'],
  // Adatum works with Northwind from the start (demo data): a partner's side of a tenant.
  'agent@adatum.example': ['/customers', '/customers/:id/subscriptions'],
};

/** Pages visited per account, at most. */
const MAX_PAGES = 30;

/** Links that leave, download, or change something by being followed. */
const SKIPPED = [/^\/dev\/mail/, /\.csv(\?|$)/, /^\/sign-in/, /^\/pkg\//];

/** The same screen with other data (`/leads/7`, `/leads/8`): one of each is enough. */
function shape(path: string): string {
  return path.replace(/\?.*$/, '').replace(/\/\d+(?=\/|$)/g, '/:id');
}

async function linksOn(page: Page): Promise<string[]> {
  const hrefs = await page.locator('a[href^="/"]:not([download])').evaluateAll((links) =>
    links.map((link) => link.getAttribute('href') ?? ''),
  );
  return hrefs.filter((href) => href && !SKIPPED.some((skip) => skip.test(href)));
}

/** Loads `path` from scratch and checks it loaded whole; the links it offers. */
async function loadWhole(page: Page, path: string): Promise<string[]> {
  const problems: string[] = [];
  const onConsole = (message: import('@playwright/test').ConsoleMessage) => {
    // The browser logs every 4xx answer; a page that refuses shows it and says why.
    if (message.type() === 'error' && !/status of 4\d\d/.test(message.text())) {
      problems.push(`console: ${message.text()}`);
    }
  };
  const onPageError = (error: Error) => problems.push(`page error: ${error.message}`);
  const onFailed = (request: import('@playwright/test').Request) =>
    problems.push(`request failed: ${request.url()} ${request.failure()?.errorText}`);
  const onResponse = (response: import('@playwright/test').Response) => {
    if (response.status() >= 500) problems.push(`${response.status()} from ${response.url()}`);
  };
  page.on('console', onConsole);
  page.on('pageerror', onPageError);
  page.on('requestfailed', onFailed);
  page.on('response', onResponse);
  try {
    const response = await page.goto(path);
    expect(response?.status() ?? 0, `status of ${path}`).toBeLessThan(500);
    await waitForHydration(page);
    // Whatever the page loads after hydrating (its resources, a redirect) settles first.
    await page.waitForLoadState('networkidle');
    await expectAccessible(page);
    // However narrow the screen, the page never scrolls sideways (a wide table scrolls in its frame).
    // (The screen's width, not the window's: a phone widens the window to fit a page too wide.)
    const screenWidth = page.viewportSize()?.width ?? 0;
    const sideways = (await page.evaluate(() => document.documentElement.scrollWidth)) - screenWidth;
    expect(sideways, `${path} is wider than the screen by`).toBeLessThanOrEqual(0);
    const links = await linksOn(page);
    expect(problems, `${path} loads whole`).toEqual([]);
    return links;
  } finally {
    page.off('console', onConsole);
    page.off('pageerror', onPageError);
    page.off('requestfailed', onFailed);
    page.off('response', onResponse);
  }
}

for (const account of ACCOUNTS) {
  test(`every page ${account} can reach loads whole by its address`, async ({ page }) => {
    test.setTimeout(180_000);
    if (account !== 'visitor') {
      await page.goto('/sign-in');
      await waitForHydration(page);
      await signIn(page, account);
      await expect((await header(page)).getByRole('button', { name: 'Sign out' })).toBeVisible();
    }
    const queue = ['/'];
    const seen = new Set<string>();
    const visited: string[] = [];
    while (queue.length > 0 && visited.length < MAX_PAGES) {
      const path = queue.shift()!;
      if (seen.has(shape(path))) continue;
      seen.add(shape(path));
      visited.push(path);
      for (const link of await loadWhole(page, path)) {
        if (!seen.has(shape(link))) queue.push(link);
      }
    }
    const reached = new Set(visited.map(shape));
    for (const screen of MUST_REACH[account] ?? []) {
      expect(reached.has(screen), `${account} reaches ${screen}; visited: ${visited.join(' ')}`).toBe(true);
    }
    // Visitors and members without a role see the public pages; admins and agents more.
    const publicOnly = ['visitor', 'user@contoso.example'].includes(account);
    expect(visited.length, `pages ${account} visited: ${visited.join(' ')}`).toBeGreaterThanOrEqual(
      publicOnly ? 2 : 4,
    );
  });
}
