import { test, expect, expectAccessible, header, signIn, waitForHydration } from './fixtures';
import { askForAccess, invitationLink, openAsAdmin } from './journeys';

/** The date `days` from now, as the app writes dates. */
function daysFromNow(days: number): string {
  return new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
}

test('Contoso approves some of the roles Fabrikam asks for, then removes one', async ({ page, browser }) => {
  await askForAccess(page, 'agent@fabrikam.example', 'contoso.example', 'Fabrikam helpdesk',
    ['Helpdesk admin', 'User admin', 'Global admin'], '90');
  const link = await invitationLink('admin@contoso.example', 'Fabrikam Solutions');

  // Contoso's admin reads what is asked, unticks Global admin and User admin, accepts.
  await openAsAdmin(page, link, 'admin@contoso.example');
  const main = page.getByRole('main');
  await expect(main.getByText('Fabrikam helpdesk')).toBeVisible();
  await expect(main.getByText('90 days')).toBeVisible();
  await expect(main.getByText(daysFromNow(90))).toBeVisible();
  await expect(main.getByText('The most powerful role')).toBeVisible();
  await main.getByRole('checkbox', { name: 'Global admin' }).uncheck();
  await main.getByRole('checkbox', { name: 'User admin' }).uncheck();
  await expect(main.getByRole('checkbox', { name: 'Helpdesk admin' })).toBeChecked();
  await main.getByLabel('I have read the Customer Agreement and accept it for my organization.').check();
  await expectAccessible(page);
  await main.getByRole('button', { name: 'Accept & Authorize' }).click();

  await expect(page).toHaveURL(/\/settings\/partner-relationships/);
  const listed = page.getByRole('table', { name: 'Fabrikam Solutions' });
  const row = listed.getByRole('row').filter({ hasText: 'Fabrikam helpdesk' });
  await expect(row.getByRole('cell', { name: 'Active', exact: true })).toBeVisible();
  await expect(row.getByRole('cell', { name: 'Helpdesk admin', exact: true })).toBeVisible();
  await expect(row.getByRole('cell', { name: daysFromNow(90) })).toBeVisible();
  await expectAccessible(page);

  // Escalation's agent holds nothing there: the tenant's users are not theirs to see.
  const lead = await (await browser.newContext()).newPage();
  await lead.goto('/sign-in?next=%2Fcustomers');
  await waitForHydration(lead);
  await signIn(lead, 'lead@fabrikam.example');
  await lead.getByRole('link', { name: 'Contoso' }).click();
  await expect(lead.getByText("Your roles don't open any area here.")).toBeVisible();
  await expect(lead.getByRole('button', { name: 'Reset password' })).toHaveCount(0);

  // Fabrikam's admin agent gives Escalation Helpdesk admin too, on Teams (found from
  // Customers); Escalation's agent then sees Contoso's users.
  const admin = await (await browser.newContext()).newPage();
  await admin.goto('/sign-in?next=%2Fcustomers');
  await waitForHydration(admin);
  await signIn(admin, 'agent@fabrikam.example');
  await admin.getByRole('link', { name: 'Choose teams for “Fabrikam helpdesk”' }).click();
  await expect(admin.getByRole('heading', { name: 'Teams', level: 1 })).toBeVisible();
  await expect(admin.getByRole('checkbox', { name: 'Support desk: Helpdesk admin' })).toBeChecked();
  await expectAccessible(admin);
  await admin.getByRole('checkbox', { name: 'Escalation: Helpdesk admin' }).check();
  await admin.getByRole('button', { name: 'Save teams for Fabrikam helpdesk' }).click();
  await expect(admin.getByRole('status').filter({ hasText: 'Saved.' })).toBeVisible();
  await admin.reload();
  await waitForHydration(admin);
  await expect(admin.getByRole('checkbox', { name: 'Escalation: Helpdesk admin' })).toBeChecked();
  await admin.context().close();
  await lead.goto('/customers');
  await waitForHydration(lead);
  await lead.getByRole('link', { name: 'Contoso' }).click();
  await expect(lead.getByRole('row').filter({ hasText: 'Joni Sherman' }).getByRole('button', { name: 'Reset password' })).toBeVisible();
  await lead.context().close();

  // Support desk's agent, in a browser of their own, resets a member's password; creating
  // users is not offered (User admin was refused).
  const fabrikam = await (await browser.newContext()).newPage();
  await fabrikam.goto('/sign-in?next=%2Fcustomers');
  await waitForHydration(fabrikam);
  await signIn(fabrikam, 'support@fabrikam.example');
  await fabrikam.getByRole('link', { name: 'Contoso' }).click();
  await fabrikam.getByRole('navigation', { name: 'Areas' }).getByRole('link', { name: 'Users' }).click();
  const joni = fabrikam.getByRole('row').filter({ hasText: 'Joni Sherman' });
  await joni.getByRole('button', { name: 'Reset password' }).click();
  await expect(fabrikam.getByRole('status').filter({ hasText: 'Temporary password for joni@contoso.example' })).toBeVisible();
  await expect(fabrikam.getByRole('heading', { name: 'Add a user' })).toHaveCount(0);

  // Contoso removes Helpdesk admin alone, after a confirmation.
  await page.getByRole('heading', { name: 'Fabrikam Solutions' }).getByRole('link').click();
  await expect(page.getByRole('heading', { name: 'Fabrikam Solutions', level: 1 })).toBeVisible();
  await waitForHydration(page);
  await page.getByRole('button', { name: 'Remove Helpdesk admin' }).click();
  const dialog = page.getByRole('dialog', { name: 'Remove Helpdesk admin?' });
  await expect(dialog).toContainText('Fabrikam Solutions will no longer have Helpdesk admin through “Fabrikam helpdesk”.');
  await expectAccessible(page);
  await dialog.getByRole('button', { name: 'Yes' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Done. The partner was told.' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Remove Helpdesk admin' })).toHaveCount(0);

  // Fabrikam's very next reset is refused.
  await joni.getByRole('button', { name: 'Reset password' }).click();
  await expect(fabrikam.getByRole('alert')).toHaveText(/You don't have the role this needs in this organization/);

  // Fabrikam's Customers page: the relationship, the roles approved against those asked for;
  // Fabrikam turns automatic extension on (Global admin was refused, so it may).
  await (await header(fabrikam)).getByRole('link', { name: 'Customers' }).click();
  const access = fabrikam.getByRole('table', { name: 'Contoso' }).getByRole('row').filter({ hasText: 'Fabrikam helpdesk' });
  await expect(access.getByRole('cell', { name: 'Active', exact: true })).toBeVisible();
  await expect(access.getByRole('cell', { name: 'Global admin, User admin, Helpdesk admin' })).toBeVisible();
  await expectAccessible(fabrikam);
  await access.getByRole('button', { name: 'Turn on automatic extension for “Fabrikam helpdesk”' }).click();
  await expect(access.getByText('Yes, by 180 days')).toBeVisible();

  // Fabrikam ends the relationship: the next journeys find the two unrelated, as this one did.
  const contoso = fabrikam.getByRole('row').filter({ hasText: 'Contoso' });
  await contoso.getByRole('button', { name: 'End relationship' }).click();
  await fabrikam.getByRole('dialog', { name: 'End relationship?' }).getByRole('button', { name: 'Yes' }).click();
  await expect(fabrikam.getByRole('status').filter({ hasText: 'Relationship ended' })).toBeVisible();
  await fabrikam.context().close();
});
