import { test, expect, expectAccessible, header, signIn, signOut, waitForHydration } from './fixtures';
import { invitationLink, openAsAdmin, sendInvitation } from './journeys';

/**
 * Admins open invitation mail on their phones: the seed's two journeys at 375×812 (the phone
 * project), accepting an invitation and removing a partner's roles, through the menu button.
 */
test.describe.serial('on a phone', () => {
  test('the navigation folds into a menu button that closes once a link is followed', async ({ page }) => {
    await page.goto('/sign-in');
    await waitForHydration(page);
    await signIn(page, 'admin@contoso.example');
    const banner = page.getByRole('banner');
    const nav = banner.getByRole('navigation', { name: 'Main' });
    await expect(nav).toBeHidden();
    await banner.getByText('Menu').click();
    await expect(nav).toBeVisible();
    await expectAccessible(page);
    await nav.getByRole('link', { name: 'Partner relationships' }).click();
    await expect(page.getByRole('heading', { name: 'Partner relationships' })).toBeVisible();
    await expect(nav).toBeHidden();
    await signOut(page);
  });

  test('Fabrikam invites Contoso; the admin accepts from the mailed link', async ({ page }) => {
    await sendInvitation(page, 'agent@fabrikam.example', 'contoso.example',
      'Delegated administrator', ['Global admin', 'Helpdesk admin']);
    const link = await invitationLink('admin@contoso.example', 'Fabrikam Solutions');
    await openAsAdmin(page, link, 'admin@contoso.example');
    const main = page.getByRole('main');
    await expect(page.getByRole('heading', { name: 'Accept agreement & authorize partner' })).toBeVisible();
    await main.getByLabel('I have read the Customer Agreement and accept it for my organization.').check();
    await expectAccessible(page);
    await main.getByRole('button', { name: 'Accept & Authorize' }).click();
    await expect(page.getByRole('heading', { name: 'Partner relationships' })).toBeVisible();
    const row = page.getByRole('row').filter({ hasText: 'Fabrikam Solutions' });
    await expect(row.getByRole('cell', { name: 'Global admin, Helpdesk admin' })).toBeAttached();
    await expectAccessible(page);
  });

  test("Contoso removes Fabrikam's roles; Fabrikam then ends the relationship", async ({ page }) => {
    await page.goto('/sign-in?next=%2Fsettings%2Fpartner-relationships');
    await waitForHydration(page);
    await signIn(page, 'admin@contoso.example');
    await page.getByRole('row').filter({ hasText: 'Fabrikam Solutions' }).getByRole('link', { name: 'Fabrikam Solutions' }).click();
    await expect(page.getByRole('heading', { name: 'Fabrikam Solutions' })).toBeVisible();
    await page.getByRole('button', { name: 'Remove roles' }).click();
    const dialog = page.getByRole('dialog', { name: 'Remove roles?' });
    await expect(dialog).toBeVisible();
    await expectAccessible(page);
    await dialog.getByRole('button', { name: 'Yes' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Admin roles removed' })).toBeVisible();
    await expect(page.getByText('This partner holds no admin roles in your tenant.')).toBeVisible();
    await signOut(page);

    // The story ends where it began, so other journeys find the two unrelated.
    await page.goto('/sign-in?next=%2Fcustomers');
    await waitForHydration(page);
    await signIn(page, 'agent@fabrikam.example');
    const contoso = page.getByRole('row').filter({ hasText: 'Contoso' });
    await contoso.getByRole('button', { name: 'End relationship' }).click();
    await page.getByRole('dialog', { name: 'End relationship?' }).getByRole('button', { name: 'Yes' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Relationship ended' })).toBeVisible();
    await expect((await header(page)).getByRole('button', { name: 'Sign out' })).toBeVisible();
  });

  test("Fabrikam's admin agent opens Edit profile by its address, in 简体中文", async ({ page }) => {
    await page.goto('/sign-in?next=%2Fpartner%2Fedit');
    await waitForHydration(page);
    await signIn(page, 'agent@fabrikam.example');
    await expect(page.getByRole('heading', { name: 'Edit profile', level: 1 })).toBeVisible();
    await page.reload();
    await waitForHydration(page);
    await (await header(page)).getByRole('button', { name: '简体中文' }).click();
    await expect(page.getByRole('heading', { name: '编辑资料', level: 1 })).toBeVisible();
    await expect(page.getByRole('button', { name: '保存资料' })).toBeVisible();
    // Nothing wider than the phone: the lists and the place rows fold into one column.
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await expectAccessible(page);
    // Back to English for the journeys after this one.
    await (await header(page)).getByRole('button', { name: 'English' }).click();
    await expect(page.getByRole('heading', { name: 'Edit profile', level: 1 })).toBeVisible();
  });
});
