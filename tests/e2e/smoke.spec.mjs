// The pages load in a real browser through the shipped web-server rules
// (security headers, CSP) without violations or server errors.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, newPage, loginAs, screenshot, assertNoProblems, demoLogin } from './lib/cadre.mjs';

const browser = await launch();
after(() => browser.close());

test('the home page loads without CSP violations', async () => {
  const page = await newPage(browser);
  const res = await page.goto('/');
  assert.equal(res.status(), 200);
  assert.match(res.headers()['content-security-policy'] || '', /frame-ancestors 'none'/);
  await page.waitForLoadState('networkidle');
  await screenshot(page, 'smoke-home-anonymous');
  assertNoProblems(page);
  await page.context().close();
});

test('a logged-in demo user sees the home page', async () => {
  const page = await newPage(browser);
  const who = demoLogin(process.env.CADRE_E2E_LOGIN || 'admin');
  const session = await loginAs(page, who.login);
  assert.ok(session.csrf_token, 'the login answer carries a CSRF token');
  const res = await page.goto('/');
  assert.equal(res.status(), 200);
  await page.waitForLoadState('networkidle');
  await screenshot(page, 'smoke-home-logged-in');
  assertNoProblems(page);
  await page.context().close();
});
