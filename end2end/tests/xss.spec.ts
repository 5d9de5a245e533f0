import { Page } from '@playwright/test';
import fs from 'node:fs';
import { test as journey, expect, signIn, waitForHydration } from './fixtures';
import { Mail, allMail, mailFolder } from './mail';

/*
 * Script payloads typed into every text field a user or a partner can fill, then looked at on
 * every page and in every mail that shows them: nothing runs, nothing becomes markup, the text
 * reads as typed. The pages carry a Content-Security-Policy that would block an injected inline
 * script, so the checks look for what an escaping bug leaves behind, not only for a script that
 * ran: elements made from a payload, `window.__xss`, dialogs, console errors (a CSP refusal is
 * one). The mails are rendered without any policy, where an injected script would run.
 *
 * The data stays away from the Fabrikam–Contoso story of partner-relationships.spec.ts:
 * Northwind Traders contacts and works with Adatum Consulting.
 */

const SCRIPT = '<script>window.__xss=1</script>';
const IMG = '"><img src=x onerror="window.__xss=1">';
const JS_URL = 'javascript:window.__xss=1';
/** Both markup payloads, then what the field is, so each value is told apart on a page. */
const payload = (field: string) => `${SCRIPT}${IMG} ${field}`;

/** Unique per run, for the values the app keeps unique or counts (email addresses). */
const RUN = Date.now().toString(36);
/** Email addresses refuse `<`, `>`, `"` and spaces; a quote and `=` pass, so they are used. */
const quoteEmail = (who: string, domain: string) => `${who}'onerror='window.__xss=1'.${RUN}@${domain}`;

const NEEDS = payload('business needs');
const CONTACT_NAME = payload('contact name');
const CONTACT_EMAIL = quoteEmail('contact', 'northwind.example');
const COMPANY = payload('company');
const CITY = payload('city');
const MESSAGE_LOB = payload('invitation message (LOB)');
const MESSAGE_PARTNER = payload('invitation message (Partner)');
const USER_NAME = payload('user name');
const USER_EMAIL = quoteEmail('user', 'northwind.example');
const INCIDENT_TITLE = payload('incident title');
const INCIDENT_TEXT = payload('incident description');
const INCIDENT_COMMENT = payload('incident comment');
const APP_NAME = payload('app by the admin');
const APP_VERSION = IMG; // at most 40 characters
const PARTNER_APP_NAME = payload('app by the partner');
const PARTNER_APP_VERSION = SCRIPT;

const enc = encodeURIComponent;

/** A page's own dialogs fail the test, like its console errors (see fixtures.ts). */
const test = journey.extend<{ dialogs: string[] }>({
  dialogs: [
    async ({ page }, use) => {
      const dialogs: string[] = [];
      page.on('dialog', (dialog) => {
        dialogs.push(`${dialog.type()}: ${dialog.message()}`);
        void dialog.dismiss();
      });
      await use(dialogs);
      expect(await page.evaluate(() => (window as any).__xss).catch(() => undefined), 'window.__xss at the end').toBeUndefined();
      expect(dialogs, 'dialogs opened by a payload').toEqual([]);
    },
    { auto: true },
  ],
});

/** The page as it is now: every text shown literally, no payload made into markup or run. */
async function expectInert(page: Page, texts: string[], where: string) {
  for (const text of texts) {
    await expect(page.getByText(text).filter({ visible: true }).first(), `${JSON.stringify(text)} as text on ${where}`).toBeVisible();
  }
  // What a payload leaves behind when it became markup (inline in `evaluate`: the pages' CSP
  // would refuse a function built from a string).
  const found = await page.evaluate(() => {
    const found = [...document.querySelectorAll('img[src="x"], [onerror]')].map((e) => e.outerHTML);
    for (const script of document.querySelectorAll('script')) {
      if ((script.textContent ?? '').trim() === 'window.__xss=1') found.push(script.outerHTML);
    }
    return { xss: (window as any).__xss, injected: found };
  });
  expect(found.xss, `window.__xss on ${where}`).toBeUndefined();
  expect(found.injected, `elements made from a payload on ${where}`).toEqual([]);
}

/** The HTML the server sends, parsed inertly: the texts outside scripts, no payload made into markup. */
async function expectServedHtmlInert(page: Page, url: string, texts: string[]) {
  const html = await (await page.request.get(url)).text();
  const served = await page.evaluate((html) => {
    const doc = new DOMParser().parseFromString(html, 'text/html');
    const injected = [...doc.querySelectorAll('img[src="x"], [onerror]')].map((e) => e.outerHTML);
    for (const script of doc.querySelectorAll('script')) {
      if ((script.textContent ?? '').trim() === 'window.__xss=1') injected.push(script.outerHTML);
    }
    doc.querySelectorAll('script, template').forEach((e) => e.remove());
    return { injected, text: (doc.body?.textContent ?? '').replace(/\s+/g, ' ') };
  }, html);
  expect(served.injected, `elements made from a payload in the HTML of ${url}`).toEqual([]);
  for (const text of texts) expect(served.text, `${JSON.stringify(text)} in the HTML of ${url}`).toContain(text);
}

/** A full page load: the server's HTML, the page the browser builds from it, the page hydrated. */
async function fullLoad(page: Page, url: string, texts: string[]) {
  await expectServedHtmlInert(page, url, texts);
  await page.goto(url);
  await expectInert(page, texts, `${url} (server-rendered)`);
  await waitForHydration(page);
  await expectInert(page, texts, `${url} (hydrated)`);
}

// ---- Mail ----

/** The delivered message that `matches`, waiting for the outbox worker. */
async function mailWhere(what: string, matches: (mail: Mail) => boolean): Promise<Mail> {
  for (let attempt = 0; attempt < 150; attempt++) {
    const mail = allMail().reverse().find(matches);
    if (mail) return mail;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`no mail ${what} in ${mailFolder}`);
}

/**
 * The message's HTML part in a blank page of its own (no CSP there: a script in it would run,
 * as the control shows), with the same checks as a page of the app.
 */
async function expectMailInert(page: Page, mail: Mail, texts: string[]) {
  const view = await page.context().newPage();
  const problems: string[] = [];
  view.on('dialog', (dialog) => { problems.push(`dialog ${dialog.message()}`); void dialog.dismiss(); });
  view.on('console', (message) => { if (message.type() === 'error') problems.push(message.text()); });
  view.on('pageerror', (error) => problems.push(error.message));
  await view.setContent('<script>window.__control = 1</script>');
  expect(await view.evaluate(() => (window as any).__control), 'a script runs where mail is rendered').toBe(1);
  await view.setContent(mail.html);
  await expectInert(view, texts, `mail ${mail.file} to ${mail.to} (${mail.subject})`);
  expect(problems, `errors rendering mail ${mail.file}`).toEqual([]);
  await view.close();
}

// ---- The journeys, in order: each starts where the one before left Northwind and Adatum ----

let leadUrl = '';
let lobLink = '';
let partnerLink = '';
let northwindAdmin = ''; // /customers/{tenant}

test.describe.configure({ mode: 'serial', timeout: 60_000 });

test('a customer sends script in a contact request; the sent requests show it as text', async ({ page }) => {
  // A `javascript:` address where the app takes one: sign-in goes home instead.
  await page.goto(`/sign-in?next=${enc(JS_URL)}`);
  await waitForHydration(page);
  await signIn(page, 'admin@northwind.example');
  await expect(page).toHaveURL(/\/$/);
  await expectInert(page, [], 'home after sign-in with a javascript: next');

  await page.goto('/find-partner?q=Adatum');
  await waitForHydration(page);
  await page.getByRole('checkbox', { name: 'Choose Adatum Consulting', exact: true }).check();
  await page.getByRole('link', { name: 'Contact selected providers' }).click();
  await expect(page.getByRole('heading', { name: 'Providers you chose' })).toBeVisible();

  const main = page.getByRole('main');
  await main.getByLabel('Describe your business needs').fill(NEEDS);
  await main.getByLabel('Contact name').fill(CONTACT_NAME);
  await main.getByLabel('Email').fill(CONTACT_EMAIL);
  await main.getByLabel('Phone (optional)').fill('+44 20 7946 0000'); // refuses anything but digits and + - ( ) .
  await main.getByLabel('Company').fill(COMPANY);
  await main.getByLabel('Organization size').selectOption('51-250');
  await main.getByLabel('Country or region').selectOption('GB');
  await main.getByLabel('City (optional)').fill(CITY);
  await main.getByLabel('I agree that the providers I chose may contact me about my request.').check();
  await main.getByRole('button', { name: 'Send' }).click();
  await expect(page.getByRole('heading', { name: 'Your request was sent' })).toBeVisible();
  await expectInert(page, ['Adatum Consulting'], 'the contact confirmation');

  await fullLoad(page, '/settings/contact-requests', [NEEDS]);
});

test("Adatum's agent reads the lead and the mail, and invites Northwind with script in the message", async ({ page }) => {
  await page.goto('/sign-in?next=%2Fleads');
  await waitForHydration(page);
  await signIn(page, 'agent@adatum.example');
  await expect(page).toHaveURL(/\/leads$/);

  await fullLoad(page, '/leads', [COMPANY, CONTACT_NAME]);
  // The lead page rendered in the browser (a client-side navigation) ...
  await page.getByRole('link', { name: COMPANY, exact: true }).click();
  await expect(page).toHaveURL(/\/leads\/\d+$/);
  const leadTexts = [COMPANY, NEEDS, CONTACT_NAME, CONTACT_EMAIL, CITY];
  await expectInert(page, leadTexts, 'the lead (client-side navigation)');
  leadUrl = new URL(page.url()).pathname;
  // ... and loaded in full.
  await fullLoad(page, leadUrl, leadTexts);

  const leadMail = await mailWhere('about the lead', (m) => m.to.includes('agent@adatum.example') && m.text.includes(NEEDS));
  expect(leadMail.subject).toContain(COMPANY);
  await expectMailInert(page, leadMail, [NEEDS, COMPANY, CONTACT_NAME, CONTACT_EMAIL]);

  // Send invitation from the lead: the domain refuses markup, the message keeps it as text.
  await page.getByRole('link', { name: 'Send invitation' }).click();
  await expect(page).toHaveURL(/\/invitations\?lead=\d+&domain=northwind(\.|%2E)example$/);
  const domain = page.getByLabel("Customer's domain");
  await expect(domain).toHaveValue('northwind.example');
  await domain.fill(SCRIPT);
  await page.getByLabel('Relationship type').selectOption({ label: 'Line-of-business (LOB) partner' });
  await page.getByLabel('Message (optional)').fill(MESSAGE_LOB);
  await page.getByRole('button', { name: 'Send invitation' }).click();
  await expect(domain).toHaveAttribute('aria-invalid', 'true');
  await expect(domain).toHaveValue(SCRIPT);
  await expectInert(page, [], 'the refused invitation');

  await domain.fill('northwind.example');
  await page.getByRole('button', { name: 'Send invitation' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Invitation sent' })).toBeVisible();
  const rows = page.getByRole('row').filter({ hasText: 'Northwind Traders' });
  await expect(rows.filter({ has: page.getByRole('cell', { name: 'Line-of-business (LOB) partner' }) })).toHaveCount(1);
  // A second type, so Northwind can name the account Adatum works through.
  await page.getByLabel('Relationship type').selectOption({ label: 'Partner' });
  await page.getByLabel('Message (optional)').fill(MESSAGE_PARTNER);
  await page.getByRole('button', { name: 'Send invitation' }).click();
  await expect(rows.filter({ has: page.getByRole('cell', { name: 'Partner', exact: true }) })).toHaveCount(1);

  for (const [message, keep] of [[MESSAGE_LOB, (l: string) => { lobLink = l; }], [MESSAGE_PARTNER, (l: string) => { partnerLink = l; }]] as const) {
    // In Northwind's admin's language (they chose 简体中文 in partner-relationships.spec.ts).
    const mail = await mailWhere(`inviting Northwind (${message})`,
      (m) => m.to.includes('admin@northwind.example') && m.subject.startsWith('Adatum Consulting ') && m.text.includes(message));
    const link = mail.text.match(/https?:\/\/\S+?\/invitation\/[A-Za-z0-9_-]{43}/);
    expect(link, `the link in ${mail.file}`).not.toBeNull();
    keep(new URL(link![0]).pathname);
    await expectMailInert(page, mail, [message]);
  }

  // Addresses that carry a payload into a form or a filter.
  await fullLoad(page, `/invitations?lead=${enc(SCRIPT)}&domain=${enc(IMG)}`, []);
  await expect(page.getByLabel("Customer's domain")).toHaveValue(IMG);
  await fullLoad(page, `/leads?status=${enc(SCRIPT)}`, []);
  await fullLoad(page, '/leads', [COMPANY]);
});

test("Northwind's admin accepts from the mailed links, then types script into users, incidents, apps and settings", async ({ page }) => {
  await page.goto(`/sign-in?next=${enc(lobLink)}`);
  await waitForHydration(page);
  await signIn(page, 'admin@northwind.example');
  await expect(page).toHaveURL(new RegExp(`${lobLink}$`));

  for (const [link, message] of [[lobLink, MESSAGE_LOB], [partnerLink, MESSAGE_PARTNER]]) {
    await fullLoad(page, link, [message]);
    const main = page.getByRole('main');
    await main.getByLabel('I have read the Customer Agreement and accept it for my organization.').check();
    await main.getByRole('button', { name: 'Accept & Authorize' }).click();
    await expect(page).toHaveURL(/\/settings\/partner-relationships/);
  }
  await expect(page.getByRole('row').filter({ hasText: 'Adatum Consulting' })).toBeVisible();

  // Each area by client-side navigation, then loaded in full by its address.
  const areas = page.getByRole('navigation', { name: 'Areas' });
  await page.getByRole('banner').getByRole('link', { name: 'Admin' }).click();
  await expect(page).toHaveURL(/\/admin\/users$/);
  const addUser = page.locator('section', { has: page.getByRole('heading', { name: 'Add a user' }) });
  await addUser.getByLabel('Name', { exact: true }).fill(USER_NAME);
  await addUser.getByLabel('Email').fill(USER_EMAIL);
  await addUser.getByRole('button', { name: 'Add a user' }).click();
  await expect(page.getByRole('status').filter({ hasText: `Temporary password for ${USER_EMAIL}` })).toBeVisible();
  await expectInert(page, [USER_NAME, USER_EMAIL], 'Users after Add a user');
  await fullLoad(page, '/admin/users', [USER_NAME, USER_EMAIL]);

  await areas.getByRole('link', { name: 'Support incidents' }).click();
  await page.getByLabel('Title', { exact: true }).fill(INCIDENT_TITLE);
  await page.getByLabel('Describe the problem').fill(INCIDENT_TEXT);
  await page.getByRole('button', { name: 'Open a support incident' }).click();
  await expect(page.getByText(INCIDENT_TITLE)).toBeVisible();
  // Northwind has older incidents too (demo data): comment on the one just opened.
  const incident = page.locator('.incident').filter({ hasText: INCIDENT_TITLE });
  await incident.getByLabel('Add a comment').fill(INCIDENT_COMMENT);
  await incident.getByRole('button', { name: 'Update' }).click();
  await expectInert(page, [INCIDENT_TITLE, INCIDENT_TEXT, INCIDENT_COMMENT], 'Support incidents after a comment');
  await fullLoad(page, '/admin/incidents', [INCIDENT_TITLE, INCIDENT_TEXT, INCIDENT_COMMENT]);

  await areas.getByRole('link', { name: 'Line-of-business apps' }).click();
  await page.getByLabel('Name', { exact: true }).fill(APP_NAME);
  await page.getByLabel('Version', { exact: true }).fill(APP_VERSION);
  await page.getByRole('button', { name: 'Submit an app' }).click();
  await expect(page.getByRole('rowheader', { name: APP_NAME })).toBeVisible();
  await expect(page.getByRole('cell', { name: APP_VERSION, exact: true })).toBeVisible();
  await expectInert(page, [APP_NAME], 'Line-of-business apps after Submit');
  await fullLoad(page, '/admin/apps', [APP_NAME, APP_VERSION]);

  // The lists fetched afresh, rendered in the browser.
  await areas.getByRole('link', { name: 'Users' }).click();
  await expectInert(page, [USER_NAME, USER_EMAIL], 'Users (client-side navigation)');
  await areas.getByRole('link', { name: 'Support incidents' }).click();
  await expectInert(page, [INCIDENT_TITLE, INCIDENT_TEXT, INCIDENT_COMMENT], 'Support incidents (client-side navigation)');

  // Partner settings: the account Adatum works through is the user with the quoted address.
  await areas.getByRole('link', { name: 'Partner settings' }).click();
  const account = page.locator('form', { has: page.getByLabel('User account (email)') });
  await account.getByLabel('Partner', { exact: true }).selectOption({ label: 'Adatum Consulting' });
  await account.getByLabel('User account (email)').fill(USER_EMAIL);
  await account.getByRole('button', { name: 'Save' }).click();
  await expect(account.getByRole('status').filter({ hasText: 'Saved.' })).toBeVisible();
});

test("Adatum's agent submits an app in Northwind's tenant and sees the account it was given", async ({ page }) => {
  await page.goto('/sign-in?next=%2Fcustomers');
  await waitForHydration(page);
  await signIn(page, 'agent@adatum.example');
  await expect(page).toHaveURL(/\/customers$/);
  await page.getByRole('link', { name: 'Northwind Traders' }).click();
  await expect(page.getByRole('heading', { name: 'Northwind Traders: what your organization manages' })).toBeVisible();
  await page.getByRole('navigation', { name: 'Areas' }).getByRole('link', { name: 'Line-of-business apps' }).click();
  await expect(page).toHaveURL(/\/customers\/\d+\/apps$/);
  northwindAdmin = new URL(page.url()).pathname.replace(/\/apps$/, '');
  await expectInert(page, [APP_NAME], "Northwind's apps (client-side navigation)");

  await page.getByLabel('Name', { exact: true }).fill(PARTNER_APP_NAME);
  await page.getByLabel('Version', { exact: true }).fill(PARTNER_APP_VERSION);
  await page.getByRole('button', { name: 'Submit an app' }).click();
  await expect(page.getByRole('rowheader', { name: PARTNER_APP_NAME })).toBeVisible();
  await expect(page.getByRole('cell', { name: PARTNER_APP_VERSION, exact: true })).toBeVisible();
  await expectInert(page, [APP_NAME, PARTNER_APP_NAME], "Northwind's apps after Submit");
  await fullLoad(page, `${northwindAdmin}/apps`, [APP_NAME, PARTNER_APP_NAME]);

  await page.getByRole('navigation', { name: 'Areas' }).getByRole('link', { name: 'Partner account' }).click();
  await expectInert(page, [USER_EMAIL], "Northwind's partner account (client-side navigation)");
  await fullLoad(page, `${northwindAdmin}/account`, [USER_EMAIL]);
});

test("Northwind's admin reads Adatum's actions on the partner page and in the CSV export", async ({ page }) => {
  await page.goto('/sign-in?next=%2Fsettings%2Fpartner-relationships');
  await waitForHydration(page);
  await signIn(page, 'admin@northwind.example');
  await expect(page).toHaveURL(/\/settings\/partner-relationships$/);
  await fullLoad(page, `/settings/partner-relationships?type=${enc(SCRIPT)}&sort=${enc(IMG)}&order=${enc(JS_URL)}`, []);
  await page.getByRole('row').filter({ hasText: 'Adatum Consulting' }).click();
  await expect(page.getByRole('heading', { name: 'Adatum Consulting' })).toBeVisible();
  const partnerPage = new URL(page.url()).pathname;

  // The audit target names the app: "lob-app:<id> (<name> <version>)".
  const target = `${PARTNER_APP_NAME} ${PARTNER_APP_VERSION})`;
  await fullLoad(page, partnerPage, [target]);

  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('link', { name: 'Export the full log (CSV)' }).click(),
  ]);
  const csv = fs.readFileSync(await download.path(), 'utf8');
  // A field holding `"` is quoted, each `"` doubled; the markup stays as typed.
  expect(csv).toContain(`${target.replace(/"/g, '""')}"`);
  const partnerId = partnerPage.split('/').pop();
  const response = await page.request.get(`/settings/partner-activity.csv?partner=${partnerId}`);
  expect(response.headers()['content-type']).toMatch(/^text\/csv/);
  expect(response.headers()['content-disposition']).toMatch(/^attachment/);
  // The whole timeline, filtered by a payload in every part of its address: refused beside
  // the fields, shown as text, never run.
  await fullLoad(page, `/settings/partner-activity?partner=${enc(SCRIPT)}&agent=${enc(IMG)}&action=${enc(JS_URL)}&from=${enc(SCRIPT)}`, []);
  await fullLoad(page, `/settings/partner-activity?partner=${partnerPage.split('/').pop()}`, [target]);

  // The development mail list shows subjects (the lead's names the company) as text.
  await page.goto('/dev/mail');
  await expectInert(page, [], '/dev/mail');
  const mailList = await (await page.request.get('/dev/mail')).text();
  expect(mailList).not.toContain(SCRIPT);

  // Every message written so far that carries a payload, whoever it went to.
  const withPayload = allMail().filter((mail) => `${mail.text}${mail.html}`.includes('window.__xss=1'));
  expect(withPayload.length, 'mail carrying a payload').toBeGreaterThanOrEqual(3);
  for (const mail of withPayload) await expectMailInert(page, mail, []);

  // Addresses with a payload that pages show or look up.
  await fullLoad(page, `/customer-agreement?version=${enc(SCRIPT)}`, []);
  await fullLoad(page, `/find-partner/contact?partners=${enc(IMG)}`, []);
  await fullLoad(page, `/find-partner?q=${enc(SCRIPT)}&city=${enc(IMG)}&region=${enc(JS_URL)}`, []);
  await expect(page.getByLabel('Services you need')).toHaveValue(SCRIPT);
  await expect(page.getByLabel('City (optional)')).toHaveValue(IMG);
  await expect(page.getByLabel('State or region (optional)')).toHaveValue(JS_URL);
});
