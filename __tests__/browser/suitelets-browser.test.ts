/**
 * A Suitelet in a real browser (Debian's headless Chromium through playwright-core): opening it sends the
 * visitor to the login page, signing in leads back to the form, and submitting the form posts it to the
 * Suitelet, which renders the result. Screenshots land in artifacts/.
 */
import { artifactPath, launchBrowser, type Browser } from '../helpers/browser';
import { bootSuiteletAccount, PEOPLE, SL, type Account } from '../helpers/suitelet-account';

let account: Account;
let dispose: () => Promise<void>;
let browser: Browser;

beforeAll(async () => {
  ({ account, dispose } = await bootSuiteletAccount());
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await dispose?.();
});

test('sign in through the login page, fill the Suitelet form, submit it and see the result', async () => {
  const page = await browser.context.newPage();
  const suitelet = account.suiteletUrl(SL, 'customdeploy_el_fixture_sl');
  await page.goto(suitelet);
  expect(new URL(page.url()).pathname).toBe('/app/login/secure/enterpriselogin.nl');

  await page.fill('input[name=email]', PEOPLE.ada.email);
  await page.fill('input[name=password]', 'not-her-password');
  await page.click('#login-submit');
  await expect(page.textContent('.ns-message')).resolves.toContain('invalid email address or password');
  await page.fill('input[name=password]', PEOPLE.ada.password);
  await Promise.all([page.waitForURL(suitelet), page.click('#login-submit')]);

  await expect(page.textContent('h1.ns-title')).resolves.toBe('Access self-check');
  await expect(page.textContent('#custpage_user_display')).resolves.toBe('Ada Admin');
  await page.selectOption('select[name=custpage_role]', { label: 'HR Generalist' });
  await page.fill('input[name=custpage_note]', 'from the browser & <friends>');
  await page.screenshot({ path: artifactPath('suitelet-form.png'), fullPage: true });

  await Promise.all([page.waitForLoadState('load'), page.waitForResponse((r) => r.request().method() === 'POST'), page.click('#submitter')]);
  await expect(page.textContent('h1.ns-title')).resolves.toBe('Access self-check: result');
  await expect(page.textContent('#custpage_result_display'))
    .resolves.toBe('role 1003, note from the browser & <friends>, token hidden-value, submitter Check');
  await page.screenshot({ path: artifactPath('suitelet-result.png'), fullPage: true });
});

test('a mandatory field left empty stops the submit in the browser, as NetSuite does', async () => {
  const [name, value] = account.signIn(PEOPLE.ada).split('=');
  await browser.context.addCookies([{ name, value, url: account.url }]);
  const page = await browser.context.newPage();
  await page.goto(account.suiteletUrl(SL, 'customdeploy_el_fixture_sl'));
  let posted = false;
  page.on('request', (r) => { if (r.method() === 'POST') posted = true; });
  await page.click('#submitter');
  await expect(page.locator('select[name=custpage_role]').evaluate((el: any) => el.validity.valueMissing as boolean)).resolves.toBe(true);
  expect(posted).toBe(false);
});
