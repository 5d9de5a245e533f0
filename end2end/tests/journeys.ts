import { Page } from '@playwright/test';
import fs from 'node:fs';
import path from 'node:path';
import { expect, expectAccessible, signIn, signOut, waitForHydration } from './fixtures';
import { mailFolder, readMail } from './mail';

/** When the latest `sendInvitation` began: the mail worker writes its message a moment later,
 * and an earlier journey's invitation between the same two is still in the folder. */
let sentAfterMs = 0;

/** The newest invitation `partner` mailed to `recipient`, once delivered: the link's path and
 * the subject, in the recipient's language. */
export async function invitationMail(recipient: string, partner: string): Promise<{ path: string; subject: string }> {
  for (let attempt = 0; attempt < 100; attempt++) {
    const mails = fs.existsSync(mailFolder)
      ? fs.readdirSync(mailFolder)
          .filter((f) => f.endsWith('.eml'))
          .filter((f) => fs.statSync(path.join(mailFolder, f)).mtimeMs >= sentAfterMs)
          .sort()
          .reverse()
          .map(readMail)
      : [];
    for (const mail of mails) {
      if (mail.to.includes(recipient) && mail.subject.startsWith(`${partner} `)) {
        const link = mail.text.match(/https?:\/\/\S+?\/invitation\/[A-Za-z0-9_-]{43}/);
        if (link) return { path: new URL(link[0]).pathname, subject: mail.subject };
      }
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`no invitation from ${partner} to ${recipient} in ${mailFolder}`);
}

/** The path of the newest invitation link `partner` mailed to `recipient`, once delivered. */
export async function invitationLink(recipient: string, partner: string): Promise<string> {
  return (await invitationMail(recipient, partner)).path;
}

/** Sends an invitation of `type` with the form's defaults: `roles` are the admin roles the type
 * starts with ticked (none: the type carries no admin roles). */
export async function sendInvitation(page: Page, agent: string, domain: string, type: string, roles: string[]) {
  sentAfterMs = Date.now() - 50;
  await page.goto('/sign-in?next=%2Finvitations');
  await waitForHydration(page);
  await signIn(page, agent);
  await expect(page).toHaveURL(/\/invitations$/);
  await expect(page.getByRole('heading', { name: 'Invitations', exact: true })).toBeVisible();
  await page.getByLabel("Customer's domain").fill(domain);
  await page.getByLabel('Relationship type').selectOption({ label: type });
  if (roles.length === 0) {
    await expect(page.getByText("No admin roles in the customer's tenant.")).toBeVisible();
  }
  for (const role of roles) {
    await expect(page.getByRole('checkbox', { name: role, exact: true })).toBeChecked();
  }
  // The roles go to every team of the partner (each demo agent is in one).
  if (roles.length > 0) {
    for (const team of await page.getByRole('group', { name: 'Teams' }).getByRole('checkbox').all()) await team.check();
  }
  await page.getByLabel('Message (optional)').fill('We look forward to working with you.');
  await expectAccessible(page);
  await page.getByRole('button', { name: 'Send invitation' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Invitation sent' })).toBeVisible();
  const row = page.getByRole('row').filter({ hasText: domain }).filter({ hasText: type });
  await expect(row.getByRole('cell', { name: 'Pending' })).toBeVisible();
  await expectAccessible(page);
  await signOut(page);
}

/** Opens the mailed link signed out: sign in first, then land back on the invitation. */
export async function openAsAdmin(page: Page, link: string, admin: string) {
  await page.goto(link);
  await waitForHydration(page);
  await expect(page).toHaveURL(/\/sign-in\?next=/);
  await signIn(page, admin);
  await expect(page).toHaveURL(new RegExp(`${link}$`));
}

/** The agent asks for a named admin relationship (as Delegated administrator) with only
 * `roles` ticked, for `days` days, for the agent's `team`. */
export async function askForAccess(page: Page, agent: string, domain: string, name: string, roles: string[], days: string, team = 'Support desk') {
  sentAfterMs = Date.now() - 50;
  await page.goto('/sign-in?next=%2Finvitations');
  await waitForHydration(page);
  await signIn(page, agent);
  await expect(page.getByRole('heading', { name: 'Invitations', exact: true })).toBeVisible();
  await page.getByLabel("Customer's domain").fill(domain);
  await page.getByLabel('Relationship type').selectOption({ label: 'Delegated administrator' });
  await page.getByLabel('Relationship name').fill(name);
  const catalog = page.getByRole('group', { name: 'Admin roles' });
  // Tasks propose the fewest roles that do them: resets and incidents are Helpdesk admin's.
  const tasks = page.getByRole('group', { name: "What will you do in the customer's tenant?" });
  await tasks.getByRole('checkbox', { name: 'Reset passwords' }).check();
  await tasks.getByRole('checkbox', { name: 'Handle support incidents' }).check();
  await expect(catalog.getByRole('checkbox', { checked: true })).toHaveCount(1);
  await expect(catalog.getByRole('checkbox', { name: 'Helpdesk admin', exact: true })).toBeChecked();
  for (const box of await catalog.getByRole('checkbox').all()) await box.uncheck();
  for (const role of roles) await catalog.getByRole('checkbox', { name: role, exact: true }).check();
  await page.getByLabel('Duration (days)').fill(days);
  await page.getByRole('group', { name: 'Teams' }).getByRole('checkbox', { name: team, exact: true }).check();
  await expectAccessible(page);
  await page.getByRole('button', { name: 'Send invitation' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Invitation sent' })).toBeVisible();
  await signOut(page);
}
