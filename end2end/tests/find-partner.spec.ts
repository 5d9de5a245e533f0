import { Page } from '@playwright/test';
import { test, expect, expectAccessible, signIn, waitForHydration } from './fixtures';

/** The seed's "Find a partner" steps 2–3: location, size, keywords, Go, choose two partners. */
async function findAndChooseFabrikamAndAnother(page: Page) {
  await page.goto('/find-partner');
  await waitForHydration(page);
  await expectAccessible(page);
  await page.getByLabel('Country or region').selectOption('US');
  await page.getByLabel('City (optional)').fill('Seattle');
  await page.getByLabel('Organization size').selectOption('251-1000');
  await page.getByLabel('Services you need').fill('cloud migration');
  await page.getByRole('button', { name: 'Go' }).click();

  await expect(page).toHaveURL(/q=cloud\+migration/);
  await expect(page.getByRole('heading', { name: /partners? found/ })).toBeVisible();
  await expectAccessible(page);
  const contact = page.getByRole('link', { name: 'Contact selected providers' });
  await expect(page.getByRole('button', { name: 'Contact selected providers' })).toBeDisabled();

  await page.getByRole('checkbox', { name: 'Choose Fabrikam Solutions' }).check();
  const others = page.getByRole('checkbox', { checked: false });
  await others.first().check();
  await expect(page.getByText('2 of at most 10 providers chosen')).toBeVisible();
  await contact.click();
  await expect(page.getByRole('heading', { name: 'Providers you chose' })).toBeVisible();
  await expect(page.getByRole('listitem').filter({ hasText: 'Fabrikam Solutions' })).toBeVisible();
}

async function sendAndConfirm(page: Page) {
  await page.getByLabel('Describe your business needs').fill('We want to move 300 mailboxes to the cloud this quarter.');
  await page.getByLabel('I agree that the providers I chose may contact me about my request.').check();
  await expectAccessible(page);
  await page.getByRole('button', { name: 'Send' }).click();
  await expect(page.getByRole('heading', { name: 'Your request was sent' })).toBeVisible();
  await expect(page.getByRole('listitem').filter({ hasText: 'Fabrikam Solutions' })).toBeVisible();
  await expect(page.getByRole('status').getByRole('listitem')).toHaveCount(2);
  await expectAccessible(page);
}

async function fabrikamSeesTheLead(page: Page, company: string) {
  await page.goto('/sign-in?next=%2Fleads');
  await waitForHydration(page);
  await signIn(page, 'agent@fabrikam.example');
  await expect(page).toHaveURL(/\/leads$/);
  const row = page.getByRole('row').filter({ hasText: company });
  await expect(row.first()).toBeVisible();
  await expectAccessible(page);
  await row.first().getByRole('link', { name: company }).click();
  await expect(page.getByText('We want to move 300 mailboxes to the cloud this quarter.')).toBeVisible();
  await page.getByRole('button', { name: 'Mark as contacted' }).click();
  await expect(page.getByText('Status: Contacted')).toBeVisible();
  await expectAccessible(page);
}

test('a visitor finds partners, contacts two of them, and Fabrikam sees the lead', async ({ page }) => {
  await findAndChooseFabrikamAndAnother(page);
  await page.getByLabel('Contact name').fill('Pat Visitor');
  await page.getByLabel('Email').fill('pat@tailspin.example');
  await page.getByLabel('Company').fill('Tailspin Toys');
  await page.getByLabel('Organization size').selectOption('11-50');
  await page.getByLabel('Country or region').selectOption('US');
  await sendAndConfirm(page);
  await fabrikamSeesTheLead(page, 'Tailspin Toys');
});

test('a Contoso admin finds their details filled in and sees the reply status', async ({ page }) => {
  await page.goto('/sign-in?next=%2Ffind-partner');
  await waitForHydration(page);
  await signIn(page, 'admin@contoso.example');
  await expect(page).toHaveURL(/\/find-partner$/);
  await findAndChooseFabrikamAndAnother(page);
  await expect(page.getByLabel('Contact name')).toHaveValue('Megan Bowen');
  await expect(page.getByLabel('Company')).toHaveValue('Contoso');
  await sendAndConfirm(page);

  await page.goto('/settings/contact-requests');
  // Contoso wrote to partners before (demo data); the newest request comes first.
  const newest = page.locator('article.sent-request').first();
  await expect(newest.getByRole('row').filter({ hasText: 'Fabrikam Solutions' })).toContainText('New');
  await expectAccessible(page);
});

test('the contact form keeps what was typed when a field is refused', async ({ page }) => {
  await findAndChooseFabrikamAndAnother(page);
  await page.getByLabel('Describe your business needs').fill('Help with Teams voice.');
  await page.getByLabel('Contact name').fill('Pat Visitor');
  await page.getByLabel('Email').fill('pat@tailspin');
  await page.getByLabel('Company').fill('Tailspin Toys');
  await page.getByLabel('Organization size').selectOption('11-50');
  await page.getByLabel('Country or region').selectOption('US');
  await page.getByRole('button', { name: 'Send' }).click();

  await expect(page.getByText('Enter an email address like name@example.com.')).toBeVisible();
  await expect(page.getByText('Tick this box to send your request.')).toBeVisible();
  await expect(page.getByLabel('Describe your business needs')).toHaveValue('Help with Teams voice.');
  await expect(page.getByLabel('Company')).toHaveValue('Tailspin Toys');
  await expectAccessible(page);
});

test('Find a partner reads in 简体中文', async ({ page }) => {
  await page.goto('/find-partner?q=cloud');
  await waitForHydration(page);
  await page.getByRole('banner').getByRole('button', { name: '简体中文' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('查找合作伙伴');
  await expect(page.getByRole('button', { name: '开始' })).toBeVisible();
  await expect(page.getByRole('link', { name: '联系所选提供商' }).or(page.getByRole('button', { name: '联系所选提供商' }))).toBeVisible();
  await expectAccessible(page);

  // A Chinese keyword finds the partners that describe themselves in Chinese.
  await page.getByLabel('所需的服务').fill('云迁移');
  await page.getByRole('button', { name: '开始' }).click();
  await expect(page).toHaveURL(/q=%E4%BA%91%E8%BF%81%E7%A7%BB/);
  await expect(page.getByRole('heading', { name: /找到 \d[\d,]* 个合作伙伴/ })).toBeVisible();
  await expect(page.getByRole('checkbox', { name: /[\u4e00-\u9fff]/ }).first()).toBeVisible();

  // The counts per country, followed by keyboard: the filter applies, marked as chosen.
  const refine = page.getByRole('navigation', { name: '缩小结果范围' });
  const china = refine.getByRole('link', { name: /^中国 \d+$/ });
  await expect(china).toBeVisible();
  await china.focus();
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/country=CN/);
  await expect(refine.getByRole('link', { name: /^中国 \d+$/ })).toHaveAttribute('aria-current', 'true');
  await expect(refine.getByRole('link', { name: '任何国家或地区' })).toBeVisible();
  await expectAccessible(page);
});

test('chosen partners stay chosen while paging', async ({ page }) => {
  await page.goto('/find-partner?q=cloud');
  await waitForHydration(page);
  const firstOnPageOne = page.getByRole('checkbox').first();
  // By id: the generated directory may hold two partners of the same name.
  const firstId = await firstOnPageOne.getAttribute('id');
  await firstOnPageOne.check();

  await page.getByRole('link', { name: 'Next page' }).click();
  await expect(page).toHaveURL(/page=1/);
  await expect(page.getByText('Page 2 of')).toBeVisible();
  await page.getByRole('checkbox').first().check();
  await expect(page.getByText('2 of at most 10 providers chosen')).toBeVisible();

  await page.getByRole('link', { name: 'Previous page' }).click();
  await expect(page.locator(`[id="${firstId}"]`)).toBeChecked();
  await expect(page.getByText('2 of at most 10 providers chosen')).toBeVisible();
  await expectAccessible(page);
});
