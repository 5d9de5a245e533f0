import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { test, expect, expectAccessible, header, signIn, signOut, waitForHydration } from './fixtures';
import { invitationLink, openAsAdmin, sendInvitation } from './journeys';

// One story, in order: each step starts where the one before left Contoso and Fabrikam.
test.describe.serial('Fabrikam and Contoso', () => {
test('Fabrikam invites Contoso; the admin reads the Customer Agreement and accepts', async ({ page }) => {
  await sendInvitation(page, 'agent@fabrikam.example', 'contoso.example',
    'Reseller & delegated administrator', ['Global admin', 'Helpdesk admin']);
  const link = await invitationLink('admin@contoso.example', 'Fabrikam Solutions');

  // The seed's steps: the link, the page, the agreement, the box, Accept & Authorize.
  await openAsAdmin(page, link, 'admin@contoso.example');
  await expect(page.getByRole('heading', { name: 'Accept agreement & authorize partner' })).toBeVisible();
  const main = page.getByRole('main');
  await expect(main.getByText('Fabrikam Solutions', { exact: true })).toBeVisible();
  // Each role asked for is a box, ticked, with what it lets the partner do.
  await expect(main.getByRole('checkbox', { name: 'Global admin' })).toBeChecked();
  await expect(main.getByText('The most powerful role')).toBeVisible();
  await expect(main.getByRole('checkbox', { name: 'Helpdesk admin' })).toBeChecked();
  await expect(main.getByText('Resets the passwords of users who aren\'t admins, and opens and updates support incidents.')).toBeVisible();
  const acceptButton = main.getByRole('button', { name: 'Accept & Authorize' });
  await expect(acceptButton).toBeDisabled();
  await expectAccessible(page);

  const [agreement] = await Promise.all([
    page.waitForEvent('popup'),
    main.getByRole('link', { name: 'Customer Agreement' }).click(),
  ]);
  await expect(agreement.getByRole('heading', { name: 'Customer Agreement' })).toBeVisible();
  await expect(agreement.getByText('Version 1.0, published 2026-01-01')).toBeVisible();
  await agreement.close();

  await main.getByLabel('I have read the Customer Agreement and accept it for my organization.').check();
  await expect(acceptButton).toBeEnabled();
  await acceptButton.click();

  await expect(page).toHaveURL(/\/settings\/partner-relationships/);
  await expect(page.getByRole('heading', { name: 'Partner relationships' })).toBeVisible();
  const row = page.getByRole('row').filter({ hasText: 'Fabrikam Solutions' });
  await expect(row.getByRole('cell', { name: 'Reseller & delegated administrator' })).toBeVisible();
  await expect(row.getByRole('cell', { name: 'Global admin, Helpdesk admin' })).toBeVisible();
  await expect(row.getByRole('cell', { name: 'Accepted' })).toBeVisible();

  // The link worked once.
  await page.goto(link);
  await expect(page.getByRole('heading', { name: 'This invitation has already been accepted.' })).toBeVisible();
});

test('Fabrikam resets a password; Contoso removes its roles; the next reset is refused', async ({ page, browser }) => {
  // Fabrikam's agent, in a browser of their own: Customers > Contoso > Users > Joni Sherman >
  // Reset password (a member who isn't a demo sign-in account, so later journeys still sign in as each).
  const fabrikam = await (await browser.newContext()).newPage();
  const fabrikamErrors: string[] = [];
  fabrikam.on('pageerror', (error) => fabrikamErrors.push(error.message));
  await fabrikam.goto('/sign-in?next=%2Fcustomers');
  await waitForHydration(fabrikam);
  await signIn(fabrikam, 'agent@fabrikam.example');
  await expect(fabrikam.getByRole('heading', { name: 'Customers' })).toBeVisible();
  await fabrikam.getByRole('link', { name: 'Contoso' }).click();
  await expect(fabrikam.getByRole('heading', { name: 'Contoso: what your organization manages' })).toBeVisible();
  await fabrikam.getByRole('navigation', { name: 'Areas' }).getByRole('link', { name: 'Users' }).click();
  const lee = fabrikam.getByRole('row').filter({ hasText: 'Joni Sherman' });
  await lee.getByRole('button', { name: 'Reset password' }).click();
  const shown = fabrikam.getByRole('status').filter({ hasText: 'Temporary password for joni@contoso.example' });
  await expect(shown).toBeVisible();
  await expect(shown.locator('code')).toHaveText(/^[A-Za-z0-9]{16}$/);
  await expectAccessible(fabrikam);

  await page.goto('/sign-in?next=%2Fsettings');
  await waitForHydration(page);
  await signIn(page, 'admin@contoso.example');
  // The seed's steps: Settings > Partner relationships, the row, Remove roles, Yes.
  await expect(page.getByRole('heading', { name: 'Settings', exact: true })).toBeVisible();
  await page.getByRole('main').getByRole('link', { name: 'Partner relationships' }).click();
  await expect(page.getByRole('heading', { name: 'Partner relationships' })).toBeVisible();
  await expectAccessible(page);
  const row = page.getByRole('row').filter({ hasText: 'Fabrikam Solutions' });
  // Selecting by keyboard works as a click does.
  await row.focus();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name: 'Fabrikam Solutions' })).toBeVisible();
  await expect(page.getByRole('listitem').filter({ hasText: 'Global admin' }).filter({ hasText: 'Granted' })).toBeVisible();
  await expect(page.getByText('end the relationship below, or ask the partner to')).toBeVisible();
  await expectAccessible(page);

  // No, then Escape: nothing changes.
  await page.getByRole('button', { name: 'Remove roles' }).click();
  const dialog = page.getByRole('dialog', { name: 'Remove roles?' });
  await expect(dialog).toBeVisible();
  await expect(dialog.getByRole('button', { name: 'No' })).toBeFocused();
  await expectAccessible(page);
  await page.keyboard.press('Tab');
  await page.keyboard.press('Tab');
  await expect(dialog.getByRole('button', { name: 'No' })).toBeFocused();
  await dialog.getByRole('button', { name: 'No' }).click();
  await expect(dialog).toBeHidden();
  await page.getByRole('button', { name: 'Remove roles' }).click();
  await expect(dialog).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(page.getByRole('listitem').filter({ hasText: 'Global admin' }).filter({ hasText: 'Granted' })).toBeVisible();

  await page.getByRole('button', { name: 'Remove roles' }).click();
  await dialog.getByRole('button', { name: 'Yes' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Admin roles removed' })).toBeVisible();
  await expect(page.getByText('This partner holds no admin roles in your tenant.')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Remove roles' })).toHaveCount(0);

  await page.getByRole('link', { name: 'Back to partner relationships' }).click();
  const listed = page.getByRole('row').filter({ hasText: 'Fabrikam Solutions' });
  await expect(listed.getByRole('cell', { name: 'Reseller', exact: true })).toBeVisible();
  await expect(listed.getByRole('cell', { name: 'None', exact: true })).toBeVisible();
  await expectAccessible(page);

  // Fabrikam's very next reset, from the page still open: refused, saying why.
  await lee.getByRole('button', { name: 'Reset password' }).click();
  await expect(fabrikam.getByRole('alert')).toHaveText(/You don't have the role this needs in this organization/);
  // It still sees Contoso, now as Reseller, with no admin roles.
  await (await header(fabrikam)).getByRole('link', { name: 'Customers' }).click();
  const contoso = fabrikam.getByRole('row').filter({ hasText: 'Contoso' });
  await expect(contoso.getByRole('cell', { name: 'Reseller', exact: true })).toBeVisible();
  await expect(contoso.getByRole('cell', { name: 'None', exact: true })).toBeVisible();
  await expectAccessible(fabrikam);
  expect(fabrikamErrors, "errors in Fabrikam's browser").toEqual([]);
  await fabrikam.context().close();
});

test('a new Customer Agreement version: the banner leads to Accept agreement', async ({ page }) => {
  // The operator publishes version 2.0 with the server's own command.
  const root = path.resolve(__dirname, '..', '..');
  const text = path.join(root, 'target', 'e2e', 'agreement-2.0.txt');
  fs.writeFileSync(text, 'Customer Agreement, second version.\n\nPartners may purchase for you once you accept.');
  execFileSync(path.join(process.env.CARGO_TARGET_DIR ?? path.join(root, 'target'), 'debug', 'server'),
    ['agreement', 'publish', text, '--version', '2.0'],
    { env: { ...process.env, DATABASE_URL: `sqlite://${path.join(root, 'target', 'e2e', 'partnerhub.db')}`, RUST_LOG: 'warn' } });

  await page.goto('/sign-in?next=%2Fsettings%2Fpartner-relationships');
  await waitForHydration(page);
  await signIn(page, 'billing@contoso.example');
  const banner = page.getByRole('region', { name: 'Customer Agreement' });
  await expect(banner).toContainText("these partners can't make purchases or manage your subscriptions: Fabrikam Solutions");
  await expect(page.getByRole('row').filter({ hasText: 'Fabrikam Solutions' }).getByRole('cell', { name: 'Not accepted' })).toBeVisible();
  await expectAccessible(page);
  await banner.getByRole('link', { name: 'Accept the Customer Agreement' }).click();

  // The seed's steps: the agreement link, the box, Accept.
  await expect(page.getByRole('heading', { name: 'Accept agreement' })).toBeVisible();
  const main = page.getByRole('main');
  const [agreement] = await Promise.all([
    page.waitForEvent('popup'),
    main.getByRole('link', { name: 'Customer Agreement' }).click(),
  ]);
  await expect(agreement.getByText('Customer Agreement, second version.')).toBeVisible();
  await agreement.close();
  const accept = main.getByRole('button', { name: 'Accept', exact: true });
  await expect(accept).toBeDisabled();
  await main.getByLabel('I have read the Customer Agreement and accept it for my organization.').check();
  await expectAccessible(page);
  await accept.click();

  await expect(page).toHaveURL(/\/settings\/partner-relationships/);
  await expect(page.getByRole('status').filter({ hasText: 'Customer Agreement accepted' })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Customer Agreement' })).toHaveCount(0);
  await expect(page.getByRole('row').filter({ hasText: 'Fabrikam Solutions' }).getByRole('cell', { name: 'Accepted' })).toBeVisible();
});

test('Fabrikam ends its relationship with Contoso; Contoso no longer lists it', async ({ page }) => {
  await page.goto('/sign-in?next=%2Fcustomers');
  await waitForHydration(page);
  await signIn(page, 'agent@fabrikam.example');
  const contoso = page.getByRole('row').filter({ hasText: 'Contoso' });
  await expect(contoso.getByRole('cell', { name: 'Accepted' })).toBeVisible();
  await contoso.getByRole('button', { name: 'End relationship' }).click();
  const dialog = page.getByRole('dialog', { name: 'End relationship?' });
  await expect(dialog).toContainText('Your relationship with Contoso ends for both sides');
  await expectAccessible(page);
  await dialog.getByRole('button', { name: 'Yes' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Relationship ended' })).toBeVisible();
  await expect(contoso).toHaveCount(0);
  await signOut(page);

  await page.goto('/sign-in?next=%2Fsettings%2Fpartner-relationships');
  await waitForHydration(page);
  await signIn(page, 'admin@contoso.example');
  await expect(page.getByRole('heading', { name: 'Partner relationships' })).toBeVisible();
  await expect(page.getByRole('row').filter({ hasText: 'Fabrikam Solutions' })).toHaveCount(0);
});
});

test('a Billing admin cancels an invitation instead of accepting it', async ({ page }) => {
  await sendInvitation(page, 'agent@adatum.example', 'contoso.example',
    'Advisor', ['Password admin', 'Service support admin']);
  const link = await invitationLink('billing@contoso.example', 'Adatum Consulting');

  await openAsAdmin(page, link, 'billing@contoso.example');
  await expect(page.getByRole('heading', { name: 'Accept agreement & authorize partner' })).toBeVisible();
  await page.getByRole('button', { name: 'Cancel invitation' }).click();
  await expect(page.getByRole('heading', { name: 'Invitation cancelled' })).toBeVisible();
  await expect(page.getByText('Nothing was granted. The partner has been told.')).toBeVisible();
  await expectAccessible(page);

  await page.goto('/settings/partner-relationships');
  await expect(page.getByRole('heading', { name: 'Partner relationships' })).toBeVisible();
  await expect(page.getByRole('listitem').filter({ hasText: 'Adatum Consulting' })).toHaveCount(0);
  await page.goto(link);
  await expect(page.getByRole('heading', { name: 'This invitation was cancelled.' })).toBeVisible();
});

test('the accept page reads in 简体中文, and another organization is told what it needs', async ({ page }) => {
  await sendInvitation(page, 'agent@fabrikam.example', 'northwind.example',
    'Reseller', []);
  const link = await invitationLink('admin@northwind.example', 'Fabrikam Solutions');

  // Contoso's admin holds Northwind's link: refused, saying which organization it needs.
  await openAsAdmin(page, link, 'admin@contoso.example');
  await expect(page.getByText('To accept this invitation you need to be a Global or Billing admin of Northwind')).toBeVisible();
  await expect(page.getByText("You're signed in to Contoso.")).toBeVisible();
  await expectAccessible(page);
  await signOut(page);

  await openAsAdmin(page, link, 'admin@northwind.example');
  await page.getByRole('banner').getByRole('button', { name: '简体中文' }).click();
  await expect(page.getByRole('heading', { name: '接受&授权合作伙伴' })).toBeVisible();
  const main = page.getByRole('main');
  await expect(main.getByRole('link', { name: '客户协议' })).toBeVisible();
  await main.getByLabel('我已阅读客户协议，并代表我的组织接受该协议。').check();
  await expectAccessible(page);
  await main.getByRole('button', { name: '接受&授权' }).click();
  await expect(page.getByRole('heading', { name: '合作伙伴关系' })).toBeVisible();
  await expect(page.getByRole('row').filter({ hasText: 'Fabrikam Solutions' }).getByRole('cell', { name: '经销商' })).toBeVisible();
});
