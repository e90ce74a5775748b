/**
 * The self-check as an admin meets it, in Debian's headless Chromium: sign in on the demo account, open
 * the Suitelet, pick the reporting connector's role (it lacks "Log in using Access Tokens"), paste the
 * error its client got, submit, and read the failing check with its fix. Screenshots go to artifacts/.
 */
import { artifactPath, launchBrowser, signIn, type Browser } from '../helpers/browser';
import { bootTempAccount, type Account } from '../helpers/temp-account';

let account: Account;
let dispose: () => Promise<void>;
let browser: Browser;

beforeAll(async () => {
  ({ account, dispose } = await bootTempAccount('selfcheck-browser', { port: 0 }));
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await dispose?.();
});

test('an admin finds why the reporting connector gets USER_ERROR, and how to fix it', async () => {
  const page = await browser.context.newPage();
  const url = account.suiteletUrl('customscript_el_access_selfcheck_sl', 'customdeploy_el_access_selfcheck_sl');
  await signIn(page, url, 'ada.admin@example.com', 'Sandbox-Admin-1');
  await expect(page.textContent('h1.ns-title')).resolves.toBe('Integration access self-check');

  await page.selectOption('select[name=custpage_role]', { label: 'Reporting Connector (no token login)' });
  await page.selectOption('select[name=custpage_method]', 'tba');
  await page.selectOption('select[name=custpage_profile]', 'reporting');
  await page.fill('textarea[name=custpage_error]', '{"status":400,"o:errorDetails":[{"detail":"Your current role does not have permission to perform this action.","o:errorCode":"USER_ERROR"}]}');
  await Promise.all([page.waitForResponse((r) => r.request().method() === 'POST'), page.click('#submitter')]);
  await page.waitForLoadState('load');

  const row = page.locator('tr', { hasText: 'Permission: Log in using Access Tokens (ADMI_LOGIN_OAUTH)' });
  await expect(row.textContent()).resolves.toContain('FAIL');
  await expect(row.textContent()).resolves.toContain('the error points here');
  await expect(row.textContent()).resolves.toContain(
    'Setup > Users/Roles > Manage Roles > Reporting Connector (no token login) > Edit > Permissions > Setup subtab: add "Log in using Access Tokens" at level Full, then save.');
  await expect(page.locator('body').textContent()).resolves.toContain('1 check fail');
  // The form keeps the choices it ran with.
  await expect(page.locator('select[name=custpage_role]').inputValue()).resolves.toBe('1002');
  await page.screenshot({ path: artifactPath('access-selfcheck.png'), fullPage: true });
});
