import { test as base, expect, Page } from '@playwright/test';
import { DEMO_PASSWORD } from './fixtures';
import { invitationLink, sendInvitation } from './journeys';

/**
 * JavaScript off (the no-javascript project): before the WebAssembly arrives, or when it never
 * does, the seed's journeys still work as plain forms and links the server answers.
 */
const test = base.extend<{ problems: string[] }>({
  problems: [
    async ({ page }, use) => {
      // No page may fail to load, and the server never answers 5xx.
      const problems: string[] = [];
      page.on('response', (response) => {
        if (response.status() >= 500) problems.push(`${response.status()} from ${response.url()}`);
      });
      // The app's own scripts are the requests a browser without JavaScript drops.
      page.on('requestfailed', (request) => {
        if (!new URL(request.url()).pathname.startsWith('/pkg/')) problems.push(`failed: ${request.url()}`);
      });
      await use(problems);
      expect(problems, 'failed requests').toEqual([]);
    },
    { auto: true },
  ],
});

async function signInPlain(page: Page, email: string) {
  const main = page.getByRole('main');
  await main.getByLabel('Email').fill(email);
  await main.getByLabel('Password').fill(DEMO_PASSWORD);
  await main.getByRole('button', { name: 'Sign in' }).click();
}

test.describe.configure({ mode: 'serial' });

test('sign in from a link lands back where it pointed; a wrong password is refused', async ({ page }) => {
  await page.goto('/sign-in?next=%2Fsettings');
  const main = page.getByRole('main');
  await main.getByLabel('Email').fill('admin@contoso.example');
  await main.getByLabel('Password').fill('not-the-password');
  await main.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('alert')).toHaveText(/email or password/i);

  await signInPlain(page, 'admin@contoso.example');
  await expect(page).toHaveURL(/\/settings$/);
  await expect(page.getByRole('heading', { name: 'Settings', exact: true })).toBeVisible();
  await page.getByRole('banner').getByRole('button', { name: 'Sign out' }).click();
  await expect(page.getByRole('banner').getByRole('link', { name: 'Sign in' })).toBeVisible();
});

test('a visitor searches, pages, ticks two partners and sends them a request', async ({ page }) => {
  await page.goto('/find-partner');
  await page.getByLabel('Country or region').selectOption('US');
  await page.getByLabel('Services you need').fill('cloud');
  await page.getByRole('button', { name: 'Go' }).click();
  await expect(page).toHaveURL(/q=cloud/);
  await expect(page.getByLabel('Services you need')).toHaveValue('cloud');
  await expect(page.getByRole('heading', { name: /partners? found/ })).toBeVisible();

  await page.getByRole('link', { name: 'Next page' }).click();
  await expect(page.getByText('Page 2 of')).toBeVisible();
  const boxes = page.getByRole('checkbox');
  const first = (await page.locator('.result-name').nth(0).innerText()).trim();
  const second = (await page.locator('.result-name').nth(1).innerText()).trim();
  await boxes.nth(0).check();
  await boxes.nth(1).check();
  await page.getByRole('button', { name: 'Contact selected providers' }).click();

  await expect(page.getByRole('heading', { name: 'Providers you chose' })).toBeVisible();
  const chosen = page.locator('.chosen-list li');
  await expect(chosen).toHaveText([first, second]);
  await page.getByLabel('Describe your business needs').fill('Plain form: 40 laptops to enrol this month.');
  await page.getByLabel('Contact name').fill('Jo Plain');
  await page.getByLabel('Email').fill('jo@plain.example');
  await page.getByLabel('Company').fill('Plain Forms Ltd');
  await page.getByLabel('Organization size').selectOption('11-50');
  await page.getByLabel('Country or region').selectOption('US');
  await page.getByLabel('I agree that the providers I chose may contact me about my request.').check();
  await page.getByRole('button', { name: 'Send' }).click();

  await expect(page.getByRole('heading', { name: 'Your request was sent' })).toBeVisible();
  await expect(page.getByRole('status').getByRole('listitem')).toHaveText([first, second]);
});

test('an admin accepts an invitation from the mailed link, then removes the roles it granted', async ({ page, browser }) => {
  // Fabrikam's agent sends the invitation from a browser that runs the app as usual.
  const agent = await (await browser.newContext({ javaScriptEnabled: true })).newPage();
  await sendInvitation(agent, 'agent@fabrikam.example', 'contoso.example',
    'Delegated administrator', ['Global admin', 'Helpdesk admin']);
  await agent.context().close();
  const link = await invitationLink('admin@contoso.example', 'Fabrikam Solutions');

  await page.goto(link);
  await expect(page).toHaveURL(/\/sign-in\?next=/);
  await signInPlain(page, 'admin@contoso.example');
  await expect(page).toHaveURL(new RegExp(`${link}$`));
  const main = page.getByRole('main');
  const accept = main.getByRole('button', { name: 'Accept & Authorize' });
  // Without the box ticked the server refuses, beside the box.
  await accept.click();
  await expect(main.getByText('Tick this box to confirm you read the Customer Agreement.')).toBeVisible();
  await main.getByLabel('I have read the Customer Agreement and accept it for my organization.').check();
  await accept.click();
  await expect(page).toHaveURL(/\/settings\/partner-relationships\?accepted=1$/);
  const row = page.getByRole('row').filter({ hasText: 'Fabrikam Solutions' });
  await expect(row.getByRole('cell', { name: 'Global admin, Helpdesk admin' })).toBeVisible();

  // The row's partner name is a link; Remove roles asks on the page, then removes.
  await row.getByRole('link', { name: 'Fabrikam Solutions' }).click();
  await expect(page.getByRole('heading', { name: 'Fabrikam Solutions' })).toBeVisible();
  await page.getByRole('button', { name: 'Remove roles' }).click();
  await expect(page.getByRole('heading', { name: 'Remove roles?' })).toBeVisible();
  await page.getByRole('link', { name: 'No' }).click();
  await expect(page.getByRole('listitem').filter({ hasText: 'Global admin' }).filter({ hasText: 'Granted' })).toBeVisible();
  await page.getByRole('button', { name: 'Remove roles' }).click();
  await page.getByRole('button', { name: 'Yes' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Admin roles removed' })).toBeVisible();
  await expect(page.getByText('This partner holds no admin roles in your tenant.')).toBeVisible();
});

test("a partner's admin agent edits its entry as a plain form", async ({ page }) => {
  await page.goto('/sign-in?next=%2Fpartner%2Fedit');
  await signInPlain(page, 'agent@fabrikam.example');
  await expect(page).toHaveURL(/\/partner\/edit$/);
  await expect(page.getByRole('heading', { name: 'Edit profile', level: 1 })).toBeVisible();
  await page.getByRole('checkbox', { name: 'Licensing advice' }).check();
  await page.getByRole('textbox', { name: 'Region (optional)' }).last().fill('Bavaria');
  await page.getByRole('combobox', { name: 'Country or region' }).last().selectOption('DE');
  await page.getByRole('button', { name: 'Save profile' }).click();
  await expect(page).toHaveURL(/\/partner\/edit\?saved=1$/);
  await expect(page.getByRole('status').filter({ hasText: 'Your profile is saved.' })).toBeVisible();
  await expect(page.getByRole('checkbox', { name: 'Licensing advice' })).toBeChecked();

  await page.goto('/partner');
  await expect(page.getByText(/Bavaria/)).toBeVisible();
});
