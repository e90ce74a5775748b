/**
 * The "Leavers" page as an admin meets it (issue 17), in Debian's headless Chromium over the sandbox: the
 * leavers due with what holds each (a token, supervisees and who would take them), approving one with its
 * supervisees reassigned, protecting one through a batch run and lifting it; an HR user refused; a name
 * with HTML shown as text.
 * Screenshots go to artifacts/.
 */
import type { Page } from 'playwright-core';
import { artifactPath, launchBrowser, signIn, submitForm, type Browser } from '../helpers/browser';
import { bootTempAccount, type Account } from '../helpers/temp-account';
import { leaversAccount } from '../helpers/leavers-account';

const LEAVERS = 'customscript_el_leavers_sl';
const EVIL = '<img src=x onerror="document.title=1">';
let account: Account;
let dispose: () => Promise<void>;
let browser: Browser;

beforeAll(async () => {
  const data = leaversAccount({ tokenOwnerFirstName: EVIL });
  ({ account, dispose } = await bootTempAccount('leavers-browser', { account: data, port: 0 }));
  account.clock.set('2026-11-02T20:00:00Z');
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await dispose?.();
});

const row = (page: Page, text: string) => page.locator('#custpage_due_splits tbody tr', { hasText: text });

test('an admin sees who is held and why, approves one with their supervisees reassigned, and runs the batch', async () => {
  const page = await browser.context.newPage();
  const url = account.suiteletUrl(LEAVERS, null);
  await signIn(page, url, 'ada.admin@example.com', 'Sandbox-Admin-1');
  await expect(page.textContent('h1.ns-title')).resolves.toBe('Leavers');
  await expect(page.locator('body').textContent()).resolves.toContain('1 ready to offboard, 2 held, 1 done.');
  await expect(row(page, 'Linus Leaver (4)').textContent()).resolves.toContain('Held: supervises 3 active employees (would go to Ada Admin)');
  await expect(row(page, `${EVIL} Token (8)`).textContent()).resolves.toContain('Held: owns 1 live access token');
  await expect(row(page, 'Lee Lead (9)').textContent()).resolves.toContain('Ready');
  await expect(page.locator('img[src=x]').count()).resolves.toBe(0);
  await page.screenshot({ path: artifactPath('leavers.png'), fullPage: true });

  await row(page, 'Linus Leaver (4)').locator('a:text-is("Approve and reassign…")').click();
  await expect(page.locator('body').textContent()).resolves.toContain('Offboard Linus Leaver (4) now: inactive, no login access. First Grace Hopper (3), Hannah Hr (5), Omar Staying (7) will report to Ada Admin (1).');
  await page.screenshot({ path: artifactPath('leavers-approve.png'), fullPage: true });
  await submitForm(page);
  await expect(page.locator('[role=status]').textContent()).resolves.toBe('Linus Leaver (4) is offboarded; 3 supervisees now report to Ada Admin.');
  expect(account.query('SELECT id, supervisor FROM employee WHERE id IN (3, 5, 7) ORDER BY id')).toEqual([{ id: 3, supervisor: 1 }, { id: 5, supervisor: 1 }, { id: 7, supervisor: 1 }]);
  expect(account.query('SELECT isinactive, giveaccess FROM employee WHERE id = 4')).toEqual([{ isinactive: 'T', giveaccess: 'F' }]);

  // Protected, Lee stays through a batch run; unprotected, the next run offboards him.
  await row(page, 'Lee Lead (9)').locator('a:text-is("Protect…")').click();
  await submitForm(page);
  await expect(page.locator('[role=status]').textContent()).resolves.toBe('Lee Lead (9) is protected.');
  await expect(row(page, 'Lee Lead (9)').textContent()).resolves.toMatch(/Held: protected: Protected by Ada Admin \(user 1\) on \d{4}-\d{2}-\d{2}/);
  const batch = async (expected: string) => {
    await page.click('a:text-is("Run the whole batch…")');
    await expect(page.locator('body').textContent()).resolves.toContain(expected);
    await submitForm(page);
    await expect(page.locator('[role=status]').textContent()).resolves.toMatch(/^The leaver run started \(task \S+\)\.$/);
    await account.tasks.idle();
  };
  await batch('offboards the 0 leavers nothing depends on and holds 2');
  expect(account.query('SELECT isinactive, giveaccess FROM employee WHERE id IN (8, 9) ORDER BY id')).toEqual([{ isinactive: 'F', giveaccess: 'T' }, { isinactive: 'F', giveaccess: 'T' }]);
  await page.goto(url);
  await row(page, 'Lee Lead (9)').locator('a:text-is("Unprotect…")').click();
  await submitForm(page);
  await batch('offboards the 1 leaver nothing depends on and holds 1');
  expect(account.query('SELECT isinactive, giveaccess FROM employee WHERE id IN (8, 9) ORDER BY id')).toEqual([{ isinactive: 'F', giveaccess: 'T' }, { isinactive: 'T', giveaccess: 'F' }]);
});

test('a confirmation posted from another site, or from nowhere said, changes nothing', async () => {
  const cookie = account.signIn({ email: 'ada.admin@example.com', password: 'Sandbox-Admin-1', role: 3 });
  const form = new URLSearchParams({ custpage_action: 'approve', custpage_employee: '8', custpage_confirm: 'T' });
  const froms: Array<Record<string, string>> = [{ Origin: 'https://evil.example' }, {}];
  for (const from of froms) {
    const res = await fetch(account.suiteletUrl(LEAVERS, null), { method: 'POST', body: form, headers: { cookie, ...from } });
    expect(await res.text()).toContain('This action was not confirmed from this account&#39;s own page');
  }
  expect(account.query('SELECT isinactive, giveaccess FROM employee WHERE id = 8')).toEqual([{ isinactive: 'F', giveaccess: 'T' }]);
});

test('an HR user is refused the page', async () => {
  const other = await launchBrowser();
  try {
    const page = await other.context.newPage();
    const url = account.suiteletUrl(LEAVERS, null);
    await page.goto(url);
    await page.fill('input[name=email]', 'hannah.hr@example.com');
    await page.fill('input[name=password]', 'Sandbox-Hr-1');
    await page.click('#login-submit');
    await page.waitForLoadState('load');
    await expect(page.locator('body').textContent()).resolves.toContain('You do not have privileges to view this page.');
    await expect(page.locator('body').textContent()).resolves.not.toContain('Linus');
  } finally {
    await other.close();
  }
});
