import { Page } from '@playwright/test';
import fs from 'node:fs';
import path from 'node:path';
import { test, expect, expectAccessible, header, signIn, waitForHydration } from './fixtures';
import { askForAccess, invitationMail } from './journeys';

/**
 * The tenant administration in 简体中文, on both sides of a relationship: every screen reads in
 * Chinese (no English message left on it), refusals included, and the seed's terms are worded
 * as the seed's zh-CN page words them.
 */

const locales = path.resolve(__dirname, '..', '..', 'app', 'locales');

/** Messages of one locale by id, the single-line ones without arguments. */
function plainMessages(language: string): Map<string, string> {
  const messages = new Map<string, string>();
  for (const line of fs.readFileSync(path.join(locales, language, 'main.ftl'), 'utf8').split('\n')) {
    const match = line.match(/^([a-z][a-z0-9-]*) = (.+)$/);
    if (match && !match[2].includes('{')) messages.set(match[1], match[2].trim());
  }
  return messages;
}

/** English sentences and phrases that a Chinese page must not show (the same in both: product names). */
const english = (() => {
  const chinese = new Set(plainMessages('zh-CN').values());
  return [...plainMessages('en').values()].filter(
    (text) => text.length >= 10 && text.includes(' ') && !chinese.has(text),
  );
})();

async function expectChinese(page: Page, heading: string) {
  await expect(page.getByRole('heading', { name: heading, exact: true })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
  const shown = await page.locator('body').innerText();
  const left = english.filter((text) => shown.includes(text));
  expect(left, `English left on ${page.url()}`).toEqual([]);
  await expectAccessible(page);
}

async function signInInChinese(page: Page, account: string, next: string) {
  await page.goto(`/sign-in?next=${encodeURIComponent(next)}`);
  await waitForHydration(page);
  await (await header(page)).getByRole('button', { name: '简体中文' }).click();
  await expect(page.getByRole('heading', { name: '登录' })).toBeVisible();
  const main = page.getByRole('main');
  await main.getByLabel('电子邮件', { exact: true }).fill(account);
  await main.getByLabel('密码').fill('partnerhub-demo');
  await main.getByRole('button', { name: '登录' }).click();
  await expect(page).toHaveURL(new RegExp(`${next.replace('?', '\\?')}$`));
}

test("Contoso's Global admin runs the tenant administration in 简体中文", async ({ page }) => {
  await signInInChinese(page, 'admin@contoso.example', '/admin/users');
  await expectChinese(page, '用户');

  // A refusal reads in Chinese too, beside its field, and keeps what was typed.
  const main = page.getByRole('main');
  await main.getByRole('textbox', { name: '名称', exact: true }).fill('王芳');
  await main.getByLabel('电子邮件', { exact: true }).fill('wang@localhost');
  await main.getByRole('button', { name: '添加用户' }).click();
  await expect(main.locator('.field-error').first()).toBeVisible();
  await expect(main.getByRole('textbox', { name: '名称', exact: true })).toHaveValue('王芳');
  await expectChinese(page, '用户');

  const areas = page.getByRole('navigation', { name: '区域' });
  for (const [link, heading] of [
    ['订阅', '订阅'],
    ['支持事件', '支持事件'],
    ['业务线应用', '业务线应用'],
    ['合作伙伴设置', '合作伙伴设置'],
  ]) {
    await areas.getByRole('link', { name: link }).click();
    await expectChinese(page, heading);
    // The same screen opened by its address reads the same.
    await page.reload();
    await waitForHydration(page);
    await expectChinese(page, heading);
  }

  // The seed's screens: 设置 > 合作伙伴关系, and a partner's page with 删除角色.
  await page.goto('/settings/partner-relationships');
  await waitForHydration(page);
  await expectChinese(page, '合作伙伴关系');
});

test("Adatum's agent works inside Northwind in 简体中文", async ({ page }) => {
  await signInInChinese(page, 'agent@adatum.example', '/customers');
  await expectChinese(page, '客户');
  await page.getByRole('main').getByRole('link', { name: 'Northwind Traders' }).click();
  await expect(page).toHaveURL(/\/customers\/\d+\/\w+/);
  await waitForHydration(page);
  const shown = await page.locator('body').innerText();
  expect(english.filter((text) => shown.includes(text)), `English left on ${page.url()}`).toEqual([]);
  await expectAccessible(page);
});

test("Contoso's admin reads Fabrikam's request for admin roles in 简体中文, and cancels it", async ({ page }) => {
  // The admin chose 简体中文 signing in: the account keeps it, and its mail is written in it.
  await signInInChinese(page, 'admin@contoso.example', '/');
  await page.context().clearCookies();
  await askForAccess(page, 'agent@fabrikam.example', 'contoso.example', 'Fabrikam 审查',
    ['Global admin', 'Global reader'], '30', 'Escalation');
  const { path: link, subject } = await invitationMail('admin@contoso.example', 'Fabrikam Solutions');
  expect(subject).toBe('Fabrikam Solutions 邀请 Contoso 建立合作伙伴关系');
  await signInInChinese(page, 'admin@contoso.example', link);
  await expectChinese(page, '接受&授权合作伙伴');
  const main = page.getByRole('main');
  await expect(main.getByText('Fabrikam 审查')).toBeVisible();
  // A box per role asked for, ticked, with its description; Global admin marked.
  const roles = main.getByRole('group', { name: '将授予的管理员角色' });
  await expect(roles.getByRole('checkbox', { name: '全局读取者' })).toBeChecked();
  await expect(roles.getByText('查看所有内容，但不能进行任何更改。')).toBeVisible();
  await expect(roles.getByText('权限最高的角色')).toBeVisible();
  // The same page opened again by its address reads the same.
  await page.reload();
  await waitForHydration(page);
  await expectChinese(page, '接受&授权合作伙伴');
  // Cancelled: the journeys after this one find Fabrikam and Contoso unrelated.
  await main.getByRole('button', { name: '取消邀请' }).click();
  await expect(page.getByRole('heading', { name: '邀请已取消' })).toBeVisible();
});

test("Contoso's Global admin filters the partner activity in 简体中文", async ({ page }) => {
  test.slow();
  await signInInChinese(page, 'admin@contoso.example', '/settings/partner-activity');
  await expectChinese(page, '合作伙伴活动');
  const main = page.getByRole('main');
  const rows = main.locator('tbody tr');
  await main.getByLabel('合作伙伴', { exact: true }).selectOption({ label: 'Litware Inc.' });
  await main.getByRole('button', { name: '应用筛选' }).click();
  await expect(page).toHaveURL(/\/settings\/partner-activity\?partner=\d+&/);
  await expect(rows.filter({ hasText: '删除了合作伙伴的管理员角色' })).toHaveCount(1);
  await expectChinese(page, '合作伙伴活动');

  const day = ((await rows.last().locator('time').getAttribute('datetime')) ?? '').slice(0, 10);
  await main.getByLabel('开始日期 (UTC)').fill(day);
  await main.getByLabel('结束日期 (UTC)').fill(day);
  await main.getByRole('button', { name: '应用筛选' }).click();
  await expect(page).toHaveURL(new RegExp(`from=${day}&to=${day}$`));
  await expect(rows.first()).toBeVisible();
  for (const datetime of await rows.locator('time').evaluateAll((times) => times.map((t) => t.getAttribute('datetime')))) {
    expect(datetime?.slice(0, 10)).toBe(day);
  }

  await main.getByLabel('开始日期 (UTC)').fill('2026-03-02');
  await main.getByLabel('结束日期 (UTC)').fill('2026-03-01');
  await main.getByRole('button', { name: '应用筛选' }).click();
  await expect(main.getByText('结束日期早于开始日期。')).toBeVisible();
  await expectChinese(page, '合作伙伴活动');
});
