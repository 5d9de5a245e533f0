/*
 * Three server processes on one PostgreSQL database behind nginx, round robin, no sticky
 * sessions (.ci/cluster). Each response names the process that answered
 * (X-Partnerhub-Process): the journeys below prove that consecutive requests land on
 * different processes and that nothing depends on which one a request reaches.
 */
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { APIResponse, Page, Response, test as requestsOnly } from '@playwright/test';
import { test, expect, expectAccessible, signIn, waitForHydration, DEMO_PASSWORD } from './fixtures';
import { invitationLink, openAsAdmin, sendInvitation } from './journeys';
import { useMailFolder } from './mail';

const root = path.resolve(__dirname, '..', '..');
const cluster = path.join(root, '.ci', 'cluster');
const PROCESS = 'x-partnerhub-process';

test.describe.configure({ mode: 'serial' });

test.beforeAll(async () => {
  test.setTimeout(180_000);
  execFileSync(cluster, ['start'], { stdio: 'inherit', timeout: 170_000 });
  useMailFolder(path.join(root, 'target', 'cluster', 'mail'));
});

test.afterAll(async () => {
  test.setTimeout(60_000);
  execFileSync(cluster, ['stop'], { stdio: 'inherit', timeout: 50_000 });
});

/** The process that answered. */
function processOf(response: Response | APIResponse): string {
  const name = response.headers()[PROCESS];
  expect(name, `${response.url()} names its process`).toMatch(/^process-[1-3]$/);
  return name;
}

/** Records which process answered each page and server function (not the static files). */
function recordProcesses(page: Page): Set<string> {
  const seen = new Set<string>();
  page.on('response', (response) => {
    const url = new URL(response.url());
    if (!url.pathname.startsWith('/pkg/') && response.headers()[PROCESS]) seen.add(response.headers()[PROCESS]);
  });
  return seen;
}

// Requests without a page: the journeys' fixture scans a page, and these open none.
requestsOnly('each request goes to the next process in turn', async ({ request }) => {
  const names: string[] = [];
  for (let i = 0; i < 9; i++) names.push(processOf(await request.get('/healthz')));
  for (let i = 1; i < names.length; i++) {
    expect(names[i], `request ${i + 1} of ${names.join(', ')}`).not.toBe(names[i - 1]);
  }
  expect(new Set(names).size).toBe(3);
});

test('invite, accept and remove roles across processes; the removal holds on every one', async ({ page, browser }) => {
  test.setTimeout(120_000);
  const served = recordProcesses(page);

  // Fabrikam invites; Contoso's admin accepts from the mailed link (signed in on one
  // process, the session read by the others).
  await sendInvitation(page, 'agent@fabrikam.example', 'contoso.example',
    'Reseller & delegated administrator', ['Global admin', 'Helpdesk admin']);
  const link = await invitationLink('admin@contoso.example', 'Fabrikam Solutions');
  await openAsAdmin(page, link, 'admin@contoso.example');
  const main = page.getByRole('main');
  await main.getByLabel('I have read the Customer Agreement and accept it for my organization.').check();
  await main.getByRole('button', { name: 'Accept & Authorize' }).click();
  await expect(page).toHaveURL(/\/settings\/partner-relationships/);
  const row = page.getByRole('row').filter({ hasText: 'Fabrikam Solutions' });
  await expect(row.getByRole('cell', { name: 'Global admin, Helpdesk admin' })).toBeVisible();
  await expectAccessible(page);

  // Fabrikam's agent, in a browser of their own, opens Contoso's users (allowed).
  const fabrikam = await (await browser.newContext()).newPage();
  await fabrikam.goto('/sign-in?next=%2Fcustomers');
  await waitForHydration(fabrikam);
  await signIn(fabrikam, 'agent@fabrikam.example');
  await fabrikam.getByRole('link', { name: 'Contoso' }).click();
  await fabrikam.getByRole('navigation', { name: 'Areas' }).getByRole('link', { name: 'Users' }).click();
  const joni = fabrikam.getByRole('row').filter({ hasText: 'Joni Sherman' });
  await joni.getByRole('button', { name: 'Reset password' }).click();
  await expect(fabrikam.getByRole('status').filter({ hasText: 'Temporary password for joni@contoso.example' })).toBeVisible();

  // Contoso removes the roles through one process.
  await page.getByRole('heading', { name: 'Fabrikam Solutions' }).getByRole('link').click();
  await expect(page.getByRole('heading', { name: 'Fabrikam Solutions', level: 1 })).toBeVisible();
  await waitForHydration(page);
  await page.getByRole('button', { name: 'Remove roles' }).click();
  const [removal] = await Promise.all([
    page.waitForResponse((r) => r.url().endsWith('/api/remove_partner_roles')),
    page.getByRole('dialog', { name: 'Remove roles?' }).getByRole('button', { name: 'Yes' }).click(),
  ]);
  expect(removal.status()).toBe(200);
  const remover = processOf(removal);
  await expect(page.getByRole('status').filter({ hasText: 'Admin roles removed' })).toBeVisible();

  // Fabrikam's next resets reach every process in turn: each refuses.
  const refusedBy = new Set<string>();
  for (let i = 0; i < 3; i++) {
    const [reset] = await Promise.all([
      fabrikam.waitForResponse((r) => r.url().endsWith('/api/reset_user_password')),
      joni.getByRole('button', { name: 'Reset password' }).click(),
    ]);
    expect(reset.status(), `refused by ${processOf(reset)}`).toBe(403);
    refusedBy.add(processOf(reset));
    await expect(fabrikam.getByRole('alert')).toHaveText(/You don't have the role this needs in this organization/);
  }
  expect([...refusedBy].filter((name) => name !== remover).length, `refused by ${[...refusedBy]} after ${remover} removed`).toBeGreaterThan(0);
  await fabrikam.context().close();

  // The admin's own pages and calls were answered by all three.
  expect([...served].sort()).toEqual(['process-1', 'process-2', 'process-3']);
});

requestsOnly('sign-in limits hold across processes', async ({ request }) => {
  // Wrong passwords for one account from one client: each attempt reaches the next process,
  // and the limit (5 per account and address) counts them all.
  const answered = new Set<string>();
  const statuses: number[] = [];
  for (let i = 0; i < 6; i++) {
    const response = await request.post('/api/sign_in', {
      form: { email: 'lead@fabrikam.example', password: `${DEMO_PASSWORD}-wrong-${i}` },
    });
    statuses.push(response.status());
    answered.add(processOf(response));
  }
  expect(statuses).toEqual([401, 401, 401, 401, 401, 429]);
  expect(answered.size).toBe(3);
  // The right password is refused too from this address now, wherever it lands.
  const right = await request.post('/api/sign_in', {
    form: { email: 'lead@fabrikam.example', password: DEMO_PASSWORD },
  });
  expect(right.status()).toBe(429);
  expect(right.headers()['retry-after']).toMatch(/^\d+$/);
});
