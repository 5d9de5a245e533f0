import { test, expect, expectAccessible, signIn, waitForHydration } from './fixtures';

test('an admin signs in, sees who and where, switches to 简体中文 and back, signs out', async ({ page }) => {
  await page.goto('/');
  await waitForHydration(page);
  await expectAccessible(page);

  await page.getByRole('banner').getByRole('link', { name: 'Sign in' }).click();
  await expect(page.getByRole('heading', { name: 'Sign in to Partnerhub' })).toBeVisible();
  await expectAccessible(page);
  await signIn(page, 'admin@contoso.example');

  const header = page.getByRole('banner');
  await expect(header.getByTestId('signed-in-as')).toContainText('Megan Bowen');
  await expect(header.getByTestId('signed-in-as')).toContainText('Contoso');
  await expectAccessible(page);

  await header.getByRole('button', { name: '简体中文' }).click();
  await expect(header.getByRole('button', { name: '注销' })).toBeVisible();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('管理合作伙伴关系');
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
  await expectAccessible(page);

  await page.reload();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('管理合作伙伴关系');
  await waitForHydration(page);

  await header.getByRole('button', { name: 'English' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Partner relationships');

  await header.getByRole('button', { name: 'Sign out' }).click();
  await expect(header.getByRole('link', { name: 'Sign in' })).toBeVisible();
  await expect(header.getByTestId('signed-in-as')).toHaveCount(0);
});

test('a visitor opening Settings signs in and lands back on Settings', async ({ page }) => {
  await page.goto('/settings');
  await expect(page).toHaveURL(/\/sign-in\?next=%2Fsettings$/);
  await waitForHydration(page);
  await signIn(page, 'billing@contoso.example');

  await expect(page).toHaveURL(/\/settings$/);
  await expect(page.getByRole('heading', { name: 'Organization profile' })).toBeVisible();
  await expect(page.getByRole('cell', { name: 'admin@contoso.example' })).toBeVisible();
  await expectAccessible(page);
});

test('a wrong password is refused beside the form and keeps the email typed', async ({ page }) => {
  await page.goto('/sign-in');
  await waitForHydration(page);
  await signIn(page, 'helpdesk@contoso.example', 'not-the-password');

  await expect(page.getByRole('alert')).toHaveText('The email or password is incorrect.');
  await expect(page.getByRole('main').getByLabel('Email')).toHaveValue('helpdesk@contoso.example');
  await expectAccessible(page);
});

test('a helpdesk admin is told which role Settings needs', async ({ page }) => {
  await page.goto('/sign-in?next=%2Fsettings');
  await waitForHydration(page);
  await signIn(page, 'helpdesk@contoso.example');

  await expect(page.getByRole('heading', { name: "You don't have access to this page" })).toBeVisible();
  await expect(page.getByText('You need to be a Global or Billing admin')).toBeVisible();
  await expect(page.getByText("You're signed in to Contoso.")).toBeVisible();
});

test('a partner agent sees their directory entry in both languages', async ({ page }) => {
  await page.goto('/sign-in?next=%2Fpartner');
  await waitForHydration(page);
  await signIn(page, 'agent@fabrikam.example');
  await expect(page.getByRole('heading', { name: 'Fabrikam Solutions' })).toBeVisible();
  await expect(page.getByText('Seattle, Washington, United States')).toBeVisible();
  await expectAccessible(page);

  await page.getByRole('banner').getByRole('button', { name: '简体中文' }).click();
  await expect(page.getByText('Seattle, Washington, 美国')).toBeVisible();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('合作伙伴资料');
  await expectAccessible(page);
});
