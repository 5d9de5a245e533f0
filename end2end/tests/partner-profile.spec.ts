import { test, expect, expectAccessible, signIn, waitForHydration } from './fixtures';

/**
 * Edit profile: Fabrikam's admin agent adds a service and a Chinese description, sees the
 * result row change as it types, is told beside the field what the server refuses (keeping
 * everything typed), saves, and a visitor finds Fabrikam by the new words at once.
 */
test("a partner's admin agent edits its entry and customers find it at once", async ({ page, browser }) => {
  await page.goto('/sign-in?next=%2Fpartner');
  await waitForHydration(page);
  await signIn(page, 'agent@fabrikam.example');
  await expect(page).toHaveURL(/\/partner$/);
  await page.getByRole('link', { name: 'Edit profile' }).click();
  await expect(page.getByRole('heading', { name: 'Edit profile', level: 1 })).toBeVisible();
  await waitForHydration(page);

  const preview = page.getByRole('region', { name: 'Preview' });
  await expect(preview.getByText('Fabrikam Solutions')).toBeVisible();
  await expect(preview.getByText('Accessibility consulting')).toHaveCount(0);
  await page.getByRole('checkbox', { name: 'Accessibility consulting' }).check();
  await expect(preview.getByText(/Accessibility consulting/)).toBeVisible();
  await page.getByRole('group', { name: 'Services you offer' }).getByLabel('Others, separated by commas').fill('Zyxkiosk rollout');
  await expect(preview.getByText(/Zyxkiosk rollout/)).toBeVisible();
  await page.getByLabel('Description in Chinese (optional)').fill('提供量子迁移和自助终端部署服务。');

  // The browser takes this address; the server doesn't (no domain name): told beside the field.
  const website = page.getByLabel('Website');
  const address = await website.inputValue();
  await website.fill('https://localhost');
  await page.getByRole('button', { name: 'Save profile' }).click();
  await expect(page.getByText('Enter a web address starting with https:// or http://')).toBeVisible();
  await expect(website).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByLabel('Description in Chinese (optional)')).toHaveValue('提供量子迁移和自助终端部署服务。');
  await expect(page.getByRole('checkbox', { name: 'Accessibility consulting' })).toBeChecked();
  await expectAccessible(page);

  await website.fill(address);
  await page.getByRole('button', { name: 'Save profile' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Your profile is saved.' })).toBeVisible();

  // A visitor, in a browser of their own, finds it by the new words.
  const visitor = await browser.newPage();
  for (const words of ['zyxkiosk', '量子迁移']) {
    await visitor.goto(`/find-partner?q=${encodeURIComponent(words)}`);
    await expect(visitor.getByRole('checkbox', { name: 'Choose Fabrikam Solutions' })).toBeVisible();
  }
  await visitor.close();

  // Opened again by its address, the form starts from what was saved.
  await page.goto('/partner/edit');
  await waitForHydration(page);
  await expect(page.getByRole('checkbox', { name: 'Accessibility consulting' })).toBeChecked();
  await expect(page.getByRole('group', { name: 'Services you offer' }).getByLabel('Others, separated by commas')).toHaveValue('Zyxkiosk rollout');
});
