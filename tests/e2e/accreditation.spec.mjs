// Trường chính trị chuẩn, end to end in Chromium: Huế's political school
// (P02-TCT, self-assessing in the demo data) is taken from self-assessment to
// recognition through the pages, by the people who act at each step:
//
//   hue.school        the school's head: completes the self-assessment, submits
//   (a new user)      Huế's board, sitting on its evaluation council: joins the
//                     council, evaluates, endorses, sends the dossier up
//   academy.reviewer  member of the central council: appraises, records the visit
//   academy.officer   the Academy: recognises, with the decision
//
// Huế has no demo user at its provincial board, so the test creates one with
// the core API (as academy.admin) and changes its first password, as a person
// would. Runs against the private stack of scripts/test-e2e.sh (fresh demo data).

import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { launch, newPage, loginAs, screenshot, assertNoProblems, baseURL, demoLogin } from './lib/cadre.mjs';

const ORIGIN = new URL(baseURL).origin;
const BOARD_LOGIN = `e2e.hue.board.${Date.now().toString(36)}`; // unique: reruns on one stack
const BOARD_PASSWORD = 'Hue#Accr-2026-board';
const FIRST_PASSWORD = 'Tam#Thoi-2026-first';
const DECISION = `E2E-${Date.now().toString(36).toUpperCase()}/QĐ-HVCTQG`;

let browser;
before(async () => { browser = await launch(); });
after(() => browser?.close());

/** An API call in the page's context (cookies), with CSRF and Origin. */
async function api(page, method, path, body, csrf) {
  const res = await page.context().request.fetch(path, {
    method,
    data: body,
    headers: { Origin: ORIGIN, ...(csrf ? { 'X-CSRF-Token': csrf } : {}) },
  });
  const text = await res.text();
  return { status: res.status(), body: text ? JSON.parse(text) : null };
}

/** Huế's board user, created by an administrator, first password changed. */
async function createBoardUser() {
  const admin = await newPage(browser);
  const session = await loginAs(admin, 'academy.admin');
  const found = await api(admin, 'GET', '/api/core/agencies?q=P02-BTC');
  assert.equal(found.status, 200);
  const board = found.body.find((a) => a.code === 'P02-BTC');
  assert.ok(board, 'the demo has P02-BTC');
  const made = await api(admin, 'POST', '/api/core/users', {
    login: BOARD_LOGIN, full_name: 'Trần Thị Ban Tổ Chức', agency_id: board.id,
    roles: ['accr_province', 'accr_prov_council'], password: FIRST_PASSWORD,
  }, session.csrf_token);
  assert.ok(made.status === 200 || made.status === 201, JSON.stringify(made.body));
  await admin.context().close();

  const page = await newPage(browser);
  const login = await api(page, 'POST', '/api/core/login', { login: BOARD_LOGIN, password: FIRST_PASSWORD });
  assert.equal(login.status, 200);
  const changed = await api(page, 'POST', '/api/core/password',
    { current_password: FIRST_PASSWORD, new_password: BOARD_PASSWORD }, login.body.csrf_token);
  assert.ok(changed.status === 200 || changed.status === 204, JSON.stringify(changed.body));
  await page.context().close();
}

async function pageAs(login, password) {
  const page = await newPage(browser);
  if (password) {
    const r = await api(page, 'POST', '/api/core/login', { login, password });
    assert.equal(r.status, 200, `login ${login}`);
  } else {
    await loginAs(page, login);
  }
  return page;
}

async function openCycle(page, id) {
  await page.goto(`/accreditation/cycle.html?id=${id}`);
  await page.waitForSelector('#cycle-state');
}

async function state(page) {
  return page.getAttribute('#cycle-state', 'data-state');
}

/** Sets every editable result on the page to "Đạt" with full marks, saves. */
async function fillAll(page) {
  const rows = await page.$$('.assess-edit');
  assert.ok(rows.length > 10, 'the criteria are editable');
  for (const row of rows) {
    await (await row.$('select')).selectOption('met');
    const score = await row.$('input[type="number"]');
    if (score) await score.fill(await score.getAttribute('max'));
  }
  await page.$eval('#cycle-state', (el) => el.setAttribute('data-old', '1'));
  await page.click('#save-results');
  // redrawn when saved; a dialog says why when the sheet was refused
  await page.waitForSelector('#cycle-state:not([data-old]), dialog[open]');
  const failed = await page.$('dialog[open]');
  assert.equal(failed, null, failed && await failed.textContent());
}



/** Takes a step with its button and the dialog's submit button. */
async function step(page, action, expected, fill) {
  await page.click(`button[data-action="${action}"]`);
  const dialog = page.locator('dialog[open]');
  await dialog.waitFor();
  if (fill) await fill(dialog);
  await dialog.locator('button[type="submit"]').click();
  await page.waitForSelector(`#cycle-state[data-state="${expected}"]`);
  assert.equal(await state(page), expected);
}

test('a school goes from self-assessment to recognition', async () => {
  await createBoardUser();

  // ---- the school completes its self-assessment and submits ------------------
  const school = await pageAs('hue.school');
  await school.goto('/accreditation/');
  await school.waitForSelector('table.data-table');
  await screenshot(school, 'accreditation-dashboard-school');
  const link = school.locator('a[href^="/accreditation/cycle.html?id="]').first();
  const href = await link.getAttribute('href');
  const cycleId = Number(new URL(href, baseURL).searchParams.get('id'));
  await link.click();
  await school.waitForSelector('#cycle-state');
  assert.equal(await state(school), 'self_assessing');
  // the head may not submit an incomplete dossier: the button is there, the API says why
  await fillAll(school);
  await screenshot(school, 'accreditation-self-assessed');
  await step(school, 'submit', 'submitted_provincial');
  // locked now: no result can be edited
  assert.equal(await school.$$eval('.assess-edit', (x) => x.length), 0);
  assertNoProblems(school);
  await school.context().close();

  // ---- the province's board joins its council, evaluates and endorses ---------
  const board = await pageAs(BOARD_LOGIN, BOARD_PASSWORD);
  await board.goto('/accreditation/councils.html');
  await board.locator('a[href^="?id="]').first().click();
  await board.waitForSelector('#member-login');
  await board.fill('#member-login', BOARD_LOGIN);
  await board.click('#member button[type="submit"]');
  await board.waitForSelector('text=Trần Thị Ban Tổ Chức');
  await screenshot(board, 'accreditation-council');
  await openCycle(board, cycleId);
  await step(board, 'open_review', 'provincial_review');
  await fillAll(board);
  await step(board, 'endorse', 'endorsed', (d) => d.locator('textarea').fill('Hội đồng nhất trí đề nghị công nhận.'));
  await step(board, 'submit_central', 'submitted_central');
  assertNoProblems(board);
  await board.context().close();

  // ---- the central council appraises and visits --------------------------------
  const central = await pageAs('academy.reviewer');
  await openCycle(central, cycleId);
  await step(central, 'open_appraisal', 'central_appraisal');
  await fillAll(central);
  await central.fill('#site-visit-visit_date', '10/10/2026');
  await central.fill('#site-visit-team', 'Đoàn khảo sát của Hội đồng cấp Trung ương');
  await central.click('#site-visit button[type="submit"]');
  await central.waitForSelector('text=Đoàn khảo sát của Hội đồng cấp Trung ương');
  assertNoProblems(central);
  await central.context().close();

  // ---- the Academy recognises: without a decision number it is refused ------------
  const academy = await pageAs('academy.officer');
  await openCycle(academy, cycleId);
  await academy.click('button[data-action="recognise"]');
  const dialog = academy.locator('dialog[open]');
  await dialog.locator('button[type="submit"]').click();
  await dialog.locator('.error-summary').waitFor(); // required fields, checked in the browser
  await dialog.locator('label:has-text("Mức 1")').click();
  await dialog.locator('#step-recognise-decision_no').fill(DECISION);
  await dialog.locator('#step-recognise-decision_date').fill('15/10/2026');
  await dialog.locator('#step-recognise-valid_until').fill('15/10/2031');
  await dialog.locator('button[type="submit"]').click();
  await academy.waitForSelector('#cycle-state[data-state="recognised"]');
  const notice = await academy.textContent('#recognition');
  assert.match(notice, /mức 1/);
  assert.ok(notice.includes(DECISION));
  assert.ok(notice.includes('15/10/2031'), 'dates shown as dd/mm/yyyy');
  await screenshot(academy, 'accreditation-recognised');

  // the register lists it, the history shows every step
  const steps = await academy.$$eval('#history li', (li) => li.length);
  assert.ok(steps >= 7, `history has ${steps} steps`);
  await academy.goto('/accreditation/register.html');
  await academy.waitForSelector(`text=${DECISION}`);
  await screenshot(academy, 'accreditation-register');
  await academy.goto(`/accreditation/summary.html?id=${cycleId}`);
  await academy.waitForSelector('.signatures');
  await screenshot(academy, 'accreditation-summary-sheet');
  assertNoProblems(academy);
  await academy.context().close();
});

test('the other pages open without errors', async () => {
  const page = await pageAs(demoLogin('academy.officer').login);
  for (const path of ['/accreditation/', '/accreditation/catalogue.html', '/accreditation/councils.html',
    '/accreditation/register.html', '/accreditation/reports.html']) {
    await page.goto(path);
    await page.waitForSelector('#content table, #content .notice');
    await screenshot(page, `accreditation${path.replace(/[/.]+/g, '-')}`);
  }
  assertNoProblems(page);
  await page.context().close();
});

test('anyone finds the recognised school in the public register, without an account', async () => {
  const page = await newPage(browser);
  await page.goto('/accreditation/cong-khai.html');
  await page.fill('#pr-q', 'hue'); // no accents typed
  await page.click('form[role=search] button[type=submit]');
  const row = page.getByRole('row', { name: new RegExp(DECISION.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')) });
  await row.waitFor();
  assert.match(await row.textContent(), /15\/10\/2031/);
  assert.match(await row.textContent(), /Đang duy trì/);
  await page.getByRole('link', { name: 'Xuất PDF' }).waitFor();
  await screenshot(page, 'accreditation-public-register');
  assertNoProblems(page);
  await page.context().close();
});
