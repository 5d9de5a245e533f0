import { test, expect, expectAccessible, header, signIn, waitForHydration } from './fixtures';

/**
 * The customer in control: a password an admin resets works once and must be replaced at once;
 * anyone changes their own; Contoso locks every partner out at once, and ends a partner
 * relationship without the partner's help.
 */

test('a reset password works once and the member chooses their own on Change password', async ({ page, browser }) => {
  await page.goto('/sign-in?next=%2Fadmin%2Fusers');
  await waitForHydration(page);
  await signIn(page, 'admin@contoso.example');
  const adele = page.getByRole('row').filter({ hasText: 'Adele Vance' });
  await adele.getByRole('button', { name: 'Reset password' }).click();
  const shown = page.getByRole('status').filter({ hasText: 'Temporary password for adele@contoso.example' });
  await expect(shown).toContainText('it works for one sign-in, until');
  const temporary = (await shown.locator('code').textContent()) ?? '';
  expect(temporary).toMatch(/^[A-Za-z0-9]{16}$/);

  // Adele, in a browser of her own: the sign-in leads to Change password, which alone is open.
  const member = await (await browser.newContext()).newPage();
  const errors: string[] = [];
  member.on('pageerror', (error) => errors.push(error.message));
  await member.goto('/sign-in?next=%2Ffind-partner');
  await waitForHydration(member);
  await signIn(member, 'adele@contoso.example', temporary);
  await expect(member.getByRole('heading', { name: 'Change password' })).toBeVisible();
  await expect(member.getByText('You signed in with a temporary password.')).toBeVisible();
  await expect(member.getByLabel('Current password')).toHaveCount(0);
  await expectAccessible(member);
  // Opened by its address, another page sends her back here.
  await member.goto('/admin/users');
  await expect(member).toHaveURL(/\/change-password\?next=%2Fadmin%2Fusers/);
  await waitForHydration(member);

  const main = member.getByRole('main');
  await main.getByLabel('New password (at least 12 characters)').fill('adele chooses this one');
  await main.getByLabel('New password again').fill('adele chooses this 1');
  await main.getByRole('button', { name: 'Change password' }).click();
  await expect(main.getByText('The two new passwords differ.')).toBeVisible();
  await expect(main.getByLabel('New password (at least 12 characters)')).toHaveValue('adele chooses this one');
  await main.getByLabel('New password again').fill('adele chooses this one');
  await main.getByRole('button', { name: 'Change password' }).click();
  // Then where she was going: a member without admin roles is told what the page needs.
  await expect(member).toHaveURL(/\/admin\/users$/);
  await expect((await header(member)).getByText('Adele Vance')).toBeVisible();

  // Later she changes it again herself, with her current password.
  await (await header(member)).getByRole('link', { name: 'Change password' }).click();
  await expect(member.getByRole('heading', { name: 'Change password' })).toBeVisible();
  await main.getByLabel('Current password').fill('not my password');
  await main.getByLabel('New password (at least 12 characters)').fill('adele changes it again');
  await main.getByLabel('New password again').fill('adele changes it again');
  await main.getByRole('button', { name: 'Change password' }).click();
  await expect(main.getByText('This is not your current password.')).toBeVisible();
  await main.getByLabel('Current password').fill('adele chooses this one');
  await main.getByRole('button', { name: 'Change password' }).click();
  await expect(member.getByRole('status').filter({ hasText: 'Your password was changed.' })).toBeVisible();
  await expectAccessible(member);
  expect(errors, "errors in Adele's browser").toEqual([]);
  await member.context().close();
});

test('Contoso revokes all partner access; Adatum is refused at once; End lockdown', async ({ page, browser }) => {
  test.slow();
  // Adatum's agent, working in Contoso through its active admin relationship (demo data).
  const adatum = await (await browser.newContext()).newPage();
  await adatum.goto('/sign-in?next=%2Fcustomers');
  await waitForHydration(adatum);
  await signIn(adatum, 'agent@adatum.example');
  await adatum.getByRole('row').filter({ hasText: 'Contoso' }).getByRole('link', { name: 'Contoso' }).click();
  const areas = adatum.getByRole('navigation', { name: 'Areas' });
  await expect(areas.getByRole('link').first()).toBeVisible();

  await page.goto('/sign-in?next=%2Fsettings%2Fpartner-relationships');
  await waitForHydration(page);
  await signIn(page, 'admin@contoso.example');
  await page.getByRole('button', { name: 'Revoke all partner access' }).click();
  const confirm = page.getByRole('region', { name: 'Revoke all partner access?' });
  await expect(confirm).toContainText('Every admin role every partner holds in your tenant is removed now');
  await expectAccessible(page);
  await confirm.getByLabel('Reason (kept in the audit log and sent to every partner)').fill('Incident 7: a partner laptop was stolen.');
  await confirm.getByLabel('Organization name').fill('Contoso Ltd');
  await confirm.getByRole('button', { name: 'Revoke all partner access now' }).click();
  await expect(confirm.getByText("Type your organization's name exactly as shown.")).toBeVisible();
  await expect(confirm.getByLabel('Reason (kept in the audit log and sent to every partner)')).toHaveValue('Incident 7: a partner laptop was stolen.');
  await confirm.getByLabel('Organization name').fill('Contoso');
  await confirm.getByRole('button', { name: 'Revoke all partner access now' }).click();
  const banner = page.getByRole('region', { name: 'Partner lockdown' });
  await expect(banner).toContainText('Every partner is locked out since');
  await expectAccessible(page);

  // Adatum's next request in Contoso: nothing is open to it any more.
  await adatum.reload();
  await waitForHydration(adatum);
  await expect(areas.getByRole('link')).toHaveCount(0);
  await adatum.context().close();

  // End lockdown: partners may ask again; nothing came back by itself.
  await banner.getByRole('button', { name: 'End lockdown' }).click();
  await expect(banner).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Revoke all partner access' })).toBeVisible();
});

test('Contoso ends its relationship with Adatum; Adatum can no longer act in Contoso', async ({ page, browser }) => {
  await page.goto('/sign-in?next=%2Fsettings%2Fpartner-relationships');
  await waitForHydration(page);
  await signIn(page, 'admin@contoso.example');
  await page.getByRole('row').filter({ hasText: 'Adatum Consulting' }).getByRole('link', { name: 'Adatum Consulting' }).click();
  await expect(page.getByRole('heading', { name: 'Adatum Consulting', level: 1 })).toBeVisible();
  await page.getByRole('button', { name: 'End relationship' }).click();
  const confirm = page.getByRole('region', { name: 'End this relationship?' });
  await expect(confirm).toContainText('Subscriptions bought through Adatum Consulting stay, without a partner.');
  await expectAccessible(page);
  await confirm.getByLabel('Note to the partner (optional)').fill('Thank you for your help; we now manage this ourselves.');
  await confirm.getByRole('button', { name: 'Yes, end the relationship' }).click();

  await expect(page).toHaveURL(/\/settings\/partner-relationships\?ended=1$/);
  await expect(page.getByRole('status').filter({ hasText: 'The relationship has ended.' })).toBeVisible();
  await expect(page.getByRole('row').filter({ hasText: 'Adatum Consulting' })).toHaveCount(0);
  await expectAccessible(page);

  // Adatum's agent no longer has Contoso among its customers.
  const adatum = await (await browser.newContext()).newPage();
  await adatum.goto('/sign-in?next=%2Fcustomers');
  await waitForHydration(adatum);
  await signIn(adatum, 'agent@adatum.example');
  await expect(adatum.getByRole('heading', { name: 'Customers' })).toBeVisible();
  await expect(adatum.getByRole('row').filter({ hasText: 'Northwind' })).toBeVisible();
  await expect(adatum.getByRole('row').filter({ hasText: 'Contoso' })).toHaveCount(0);
  await adatum.context().close();
});

test("Contoso's Billing admin reads every partner's activity, filtered by partner and by day", async ({ page }) => {
  // Eight full page loads and three accessibility scans.
  test.slow();
  // Opened by its address, as a bookmark or a mailed link opens it.
  await page.goto('/sign-in?next=%2Fsettings%2Fpartner-activity');
  await waitForHydration(page);
  await signIn(page, 'billing@contoso.example');
  await expect(page.getByRole('heading', { name: 'Partner activity', exact: true })).toBeVisible();
  const main = page.getByRole('main');
  const rows = main.locator('tbody tr');
  await expect(rows.first()).toBeVisible();
  await expectAccessible(page);

  // One partner: its agents' work and what Contoso did to it (Remove roles), nothing else.
  await main.getByLabel('Partner', { exact: true }).selectOption({ label: 'Litware Inc.' });
  await main.getByRole('button', { name: 'Apply filters' }).click();
  await expect(page).toHaveURL(/\/settings\/partner-activity\?partner=\d+&/);
  await waitForHydration(page);
  await expect(main.getByLabel('Partner', { exact: true })).toHaveValue(/^\d+$/);
  await expect(rows.filter({ hasText: "Removed a partner's admin roles" })).toHaveCount(1);
  const count = await rows.count();
  expect(count).toBeGreaterThan(1);
  for (let i = 0; i < count; i++) await expect(rows.nth(i).locator('td').nth(2)).toHaveText('Litware Inc.');

  // One day: the day of the oldest event shown, from and to.
  const day = ((await rows.last().locator('time').getAttribute('datetime')) ?? '').slice(0, 10);
  expect(day).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  await main.getByLabel('From (UTC)').fill(day);
  await main.getByLabel('To (UTC)').fill(day);
  await main.getByRole('button', { name: 'Apply filters' }).click();
  await expect(page).toHaveURL(new RegExp(`from=${day}&to=${day}$`));
  await expect(rows.first()).toBeVisible();
  for (const datetime of await rows.locator('time').evaluateAll((times) => times.map((t) => t.getAttribute('datetime')))) {
    expect(datetime?.slice(0, 10)).toBe(day);
  }
  for (let i = 0; i < (await rows.count()); i++) await expect(rows.nth(i).locator('td').nth(2)).toHaveText('Litware Inc.');

  // The last day before the first: refused beside the field, the filters kept.
  await main.getByLabel('From (UTC)').fill('2026-03-02');
  await main.getByLabel('To (UTC)').fill('2026-03-01');
  await main.getByRole('button', { name: 'Apply filters' }).click();
  await expect(main.getByText('The last day comes before the first.')).toBeVisible();
  await expect(main.getByLabel('To (UTC)')).toHaveAttribute('aria-invalid', 'true');
  await expect(main.getByLabel('From (UTC)')).toHaveValue('2026-03-02');
  await expect(main.getByLabel('Partner', { exact: true })).not.toHaveValue('');
  await expectAccessible(page);

  // The partner page's recent activity is the same timeline, a link away.
  await page.goto('/settings/partner-relationships');
  await waitForHydration(page);
  await page.getByRole('row').filter({ hasText: 'Litware Inc.' }).getByRole('link').first().click();
  await expect(page.getByRole('heading', { name: 'Recent activity' })).toBeVisible();
  await page.getByRole('link', { name: /this partner's activity/ }).click();
  await expect(page).toHaveURL(/\/settings\/partner-activity\?partner=\d+$/);
  await expect(rows.filter({ hasText: "Removed a partner's admin roles" })).toHaveCount(1);
});
