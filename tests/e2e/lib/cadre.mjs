// Shared helpers for the browser tests (node --test + playwright-core).
//
// scripts/test-e2e.sh starts the private stack (tests/integration/harness.py
// serve) and points CADRE_STACK_FILE at its JSON: URLs and demo logins.
// Chromium is Debian's /usr/bin/chromium; nothing is downloaded.
//
//   import { test, after } from 'node:test';
//   import { launch, newPage, loginAs, screenshot, baseURL } from './lib/cadre.mjs';
//   const browser = await launch(); after(() => browser.close());
//   test('…', async () => { const page = await newPage(browser);
//     await loginAs(page, 'admin'); await page.goto('/tasks/');
//     await screenshot(page, 'tasks-list'); });
import fs from 'node:fs';
import path from 'node:path';
import { chromium } from 'playwright-core';

const stackFile = process.env.CADRE_STACK_FILE;
if (!stackFile) {
  throw new Error('CADRE_STACK_FILE is not set: run the browser tests with scripts/test-e2e.sh BUILD');
}
export const stack = JSON.parse(fs.readFileSync(stackFile, 'utf8'));

/** Base URL of the web server under test (CADRE_E2E_WEB=apache for Apache). */
export const baseURL = process.env.CADRE_E2E_WEB === 'apache' ? stack.apache_url : stack.nginx_url;

export const outDir = process.env.CADRE_E2E_OUT || path.resolve('build/test-output/e2e');

/**
 * The demo login {login, password, role, agency} with that login name, else
 * the first whose roles (space separated: "admin officer") include `who`.
 */
export function demoLogin(who) {
  const d = stack.demo_logins.find((x) => x.login === who)
    || stack.demo_logins.find((x) => x.role.split(/\s+/).includes(who));
  if (!d) {
    throw new Error(`no demo login "${who}"; have ${stack.demo_logins.map((x) => `${x.login}(${x.role})`).join(', ')}`);
  }
  return d;
}

/** Headless Debian chromium, with the flags this machine needs (closed network, root). */
export function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    headless: true,
    args: [
      '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync',
    ],
  });
}

/**
 * A page in a fresh context (own cookies) on baseURL, Vietnamese locale and
 * time zone. page.cadreProblems collects CSP violations, uncaught page
 * errors and 5xx answers, which assertNoProblems() turns into a failure.
 */
export async function newPage(browser, options = {}) {
  const context = await browser.newContext({
    baseURL, locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh', viewport: { width: 1280, height: 900 }, ...options,
  });
  const page = await context.newPage();
  page.cadreProblems = [];
  page.on('console', (msg) => {
    if (msg.type() === 'error' && /Content Security Policy/i.test(msg.text())) {
      page.cadreProblems.push(`CSP: ${msg.text()}`);
    }
  });
  page.on('pageerror', (err) => page.cadreProblems.push(`page error: ${err.message}`));
  page.on('response', (res) => {
    if (res.status() >= 500) page.cadreProblems.push(`${res.status()} ${res.url()}`);
  });
  return page;
}

export function assertNoProblems(page) {
  if (page.cadreProblems.length) {
    throw new Error(`problems on ${page.url()}:\n  ${page.cadreProblems.join('\n  ')}`);
  }
}

/** Log the page's context in through the API (cookie kept by the context). */
export async function loginAs(page, who) {
  const d = demoLogin(who);
  const res = await page.context().request.post('/api/core/login', {
    data: { login: d.login, password: d.password },
    headers: { Origin: new URL(baseURL).origin },
  });
  if (res.status() !== 200) {
    throw new Error(`login ${d.login}: ${res.status()} ${await res.text()}`);
  }
  return res.json();
}

/** Full-page screenshot to build/test-output/e2e/NAME.png; returns the path. */
export async function screenshot(page, name) {
  fs.mkdirSync(outDir, { recursive: true });
  const file = path.join(outDir, `${name.replace(/[^\w.-]+/g, '_')}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}
