// scorecard.js — a scoring sheet (Mẫu số 5.1 / 5.2) for one school:
//   ?year=Y&school=S&role=self    the school scores itself
//   ?year=Y&school=S&role=cross   the assigned school cross-checks it, with
//                                 the self-score beside it and large gaps marked
// Points are typed as officials write them ("9,5" or "9.5"); the server
// checks each against its criterion's maximum and refuses the whole save if
// one is wrong, so the page marks that input and nothing is half-saved.

import { initShell, notify } from '/assets/js/shell.js';
import { get, post, put, ApiError } from '/assets/js/api.js';
import { h, $, replace } from '/assets/js/dom.js';
import { formatDateTime } from '/assets/js/format.js';
import { createTable } from '/assets/js/table.js';
import { API, param, formHeader, signatures, facts } from '/emulation/common.js';

const session = await initShell({ module: 'emulation', title: 'Phiếu chấm điểm thi đua' });
const year = Number(param('year'));
let school = Number(param('school'));
const role = param('role') === 'cross' ? 'cross' : 'self';
if (session) load().catch(fail);

function fail(e) {
  replace($('#content'), h('p', { class: 'notice notice-error', role: 'alert' },
    e instanceof ApiError ? e.message : 'Không tải được phiếu chấm điểm.'));
}

const KIND = { score: '', bonus: 'Điểm thưởng', penalty: 'Điểm trừ' };

/** "9,5" → 9.5 for the running total (the server does the exact sums). */
const num = (s) => {
  const v = Number(String(s ?? '').trim().replace(',', '.'));
  return Number.isFinite(v) ? v : 0;
};

async function load() {
  if (!school) { // no school named: the caller's own
    const me = await get(`${API}/me`, { year });
    if (!me.school) throw new ApiError({ status: 404, code: 'not_a_member', message: 'Đơn vị của bạn không phải trường thành viên của cụm thi đua năm này.' });
    school = me.school.id;
  }
  const card = await get(`${API}/years/${year}/scorecards/${school}`, { role });
  render(card);
}

function levels(c) {
  if (!Array.isArray(c.levels) || !c.levels.length) return '';
  return h('ul', { class: 'em-levels' }, c.levels.map((l) => h('li', null, `${l.points} điểm: ${l.text}`)));
}

function render(card) {
  const cross = role === 'cross';
  $('#page-title').textContent = cross ? `Kiểm tra chéo: ${card.school.name}` : `Phiếu tự chấm điểm: ${card.school.name}`;
  const content = $('#content');
  const inputs = new Map();
  const tbody = h('tbody');
  let section = null;
  for (const c of card.criteria) {
    if (c.section !== section) {
      section = c.section;
      tbody.append(h('tr', { class: 'em-section' }, h('th', { colspan: cross ? 7 : 6, scope: 'colgroup' }, section || '')));
    }
    const id = `p-${c.id}`;
    const input = h('input', { id, name: id, class: 'em-score', inputmode: 'decimal', autocomplete: 'off',
      value: c.points ?? '', readonly: !card.editable, 'aria-describedby': `${id}-max` });
    input.addEventListener('input', () => total());
    inputs.set(c.id, input);
    const note = h('input', { id: `n-${c.id}`, class: 'em-note', value: c.note ?? '', readonly: !card.editable,
      'aria-label': `Ghi chú tiêu chí ${c.code}` });
    tbody.append(h('tr', { 'data-code': c.code, class: c.gap_large ? 'em-gap-row' : null },
      h('td', null, c.code),
      h('td', null, c.title, KIND[c.kind] ? h('span', { class: 'badge badge-info' }, ` ${KIND[c.kind]}`) : null,
        c.evidence ? h('p', { class: 'hint' }, `Minh chứng: ${c.evidence}`) : null),
      h('td', { id: `${id}-max` }, c.max_points),
      h('td', null, levels(c)),
      cross ? h('td', null, c.self_points ?? '—', c.gap_large ? h('span', { class: 'em-gap' }, ' Chênh lệch lớn') : null) : null,
      h('td', null, h('label', { class: 'visually-hidden', for: id }, `Điểm tiêu chí ${c.code}`), input,
        h('p', { class: 'field-error', id: `${id}-error`, hidden: true })),
      h('td', null, note)));
  }
  const totalCell = h('td', { id: 'total' });
  const tfoot = h('tfoot', null, h('tr', { class: 'em-total' },
    h('td', { colspan: cross ? 5 : 4 }, 'Tổng điểm (điểm chuẩn + điểm thưởng − điểm trừ)'), totalCell, h('td')));
  const table = h('table', { class: 'data-table', id: 'sheet' },
    h('caption', null, `${card.sheet.title}`),
    h('thead', null, h('tr', null, h('th', { scope: 'col' }, 'Mã'), h('th', { scope: 'col' }, 'Nội dung tiêu chí'),
      h('th', { scope: 'col' }, 'Điểm tối đa'), h('th', { scope: 'col' }, 'Mức điểm'),
      cross ? h('th', { scope: 'col' }, 'Trường tự chấm') : null,
      h('th', { scope: 'col' }, cross ? 'Điểm kiểm tra chéo' : 'Điểm tự chấm'), h('th', { scope: 'col' }, 'Ghi chú'))),
    tbody, tfoot);

  function total() {
    let sum = 0;
    for (const c of card.criteria) {
      const v = num(inputs.get(c.id).value);
      sum += c.kind === 'penalty' ? -v : v;
    }
    totalCell.textContent = `${String(Math.round(sum * 100) / 100).replace('.', ',')}${card.editable ? ' (tạm tính)' : ''}`;
  }
  total();

  const state = card.card?.state === 'submitted' ? 'Đã gửi' : card.card ? 'Đang chấm' : 'Chưa chấm';
  replace(content,
    formHeader({ unit: cross ? 'ĐOÀN KIỂM TRA CHÉO' : card.school.name.toUpperCase(), form: `Mẫu số ${card.sheet.form}` }),
    h('p', { class: 'em-print-only em-strong' }, `PHIẾU CHẤM ĐIỂM THI ĐUA NĂM ${card.year}${cross ? ' (KIỂM TRA CHÉO)' : ''}`),
    h('p', { class: 'no-print' }, h('a', { href: `/emulation/?year=${year}` }, '← Về trang thi đua')),
    card.sheet.is_sample ? h('p', { class: 'notice notice-warning em-sample' },
      'Phiếu minh họa: Học viện chưa nhập tiêu chí chính thức của mẫu phiếu này.') : null,
    facts([['Trường được chấm', card.school.name], ['Cụm', card.cluster.name], ['Tình trạng', state],
      ['Tổng điểm', card.total], cross && card.self_total ? ['Tổng điểm tự chấm', card.self_total] : [null, null],
      card.total_gap_large ? ['Chênh lệch', h('span', { class: 'em-gap' }, 'Tổng điểm chênh lệch lớn so với tự chấm')] : [null, null],
      card.card?.submitted_at ? ['Gửi lúc', formatDateTime(card.card.submitted_at)] : [null, null]]),
    h('div', { class: 'table-scroll' }, table),
    signatures(cross ? 'TRƯỞNG ĐOÀN KIỂM TRA' : 'NGƯỜI LẬP PHIẾU', cross ? 'CỤM TRƯỞNG' : 'HIỆU TRƯỞNG'));

  if (card.editable) content.append(actions(card, inputs));
  else content.append(h('div', { class: 'toolbar' },
    h('button', { type: 'button', class: 'button', onclick: () => window.print() }, 'In phiếu')));
  if (card.card?.id) content.append(history(card.card.id));
}

function collect(card, inputs) {
  const scores = [];
  for (const c of card.criteria) {
    const v = inputs.get(c.id).value.trim();
    if (v === '') continue;
    const note = $(`#n-${c.id}`).value.trim();
    scores.push({ criterion: c.id, points: v, note: note || null });
  }
  return scores;
}

function showErrors(e, sent, inputs) {
  for (const input of inputs.values()) {
    input.removeAttribute('aria-invalid');
    const err = $(`#${input.id}-error`);
    err.hidden = true;
  }
  let first = null;
  for (const [key, f] of Object.entries(e.fields || {})) {
    const m = /^scores\[(\d+)\]$/.exec(key);
    if (!m || !sent[Number(m[1])]) continue;
    const input = inputs.get(sent[Number(m[1])].criterion);
    const err = $(`#${input.id}-error`);
    err.textContent = f.message;
    err.hidden = false;
    input.setAttribute('aria-invalid', 'true');
    input.setAttribute('aria-describedby', `${input.id}-error ${input.id}-max`);
    first = first || input;
  }
  if (first) first.focus();
}

async function save(card, inputs) {
  const scores = collect(card, inputs);
  if (!scores.length) {
    notify('Chưa nhập điểm tiêu chí nào.', 'error');
    return false;
  }
  try {
    await put(`${API}/years/${year}/scorecards/${school}/${role}`, { scores });
    return true;
  } catch (e) {
    showErrors(e, scores, inputs);
    notify(e.message, 'error');
    return false;
  }
}

function actions(card, inputs) {
  const saveBtn = h('button', { type: 'button', class: 'button', id: 'save' }, 'Lưu điểm');
  saveBtn.addEventListener('click', async () => {
    saveBtn.disabled = true;
    if (await save(card, inputs)) {
      notify('Đã lưu điểm.');
      await load().catch(fail);
    }
    saveBtn.disabled = false;
  });
  const label = role === 'cross' ? 'Gửi kết quả kiểm tra chéo' : 'Gửi phiếu chấm điểm';
  const send = h('button', { type: 'button', class: 'button button-primary', id: 'send' }, label);
  send.addEventListener('click', async () => {
    send.disabled = true;
    try {
      if (!(await save(card, inputs))) return;
      if (role === 'cross') await post(`${API}/years/${year}/scorecards/${school}/cross/submit`, {});
      else await post(`${API}/years/${year}/submissions/score_sheet/submit`, {});
      notify(role === 'cross' ? 'Đã gửi kết quả kiểm tra chéo.' : 'Đã gửi phiếu chấm điểm.');
      await load().catch(fail);
    } catch (e) {
      notify(e.message, 'error');
    } finally {
      send.disabled = false;
    }
  });
  return h('div', { class: 'toolbar' }, saveBtn, send,
    h('p', { class: 'hint' }, 'Điểm ghi tối đa hai chữ số thập phân, không vượt điểm tối đa của tiêu chí. Sau khi gửi, phiếu bị khóa.'));
}

function history(cardId) {
  const box = h('div');
  const details = h('details', { class: 'no-print' }, h('summary', null, 'Lịch sử chấm điểm'), box);
  details.addEventListener('toggle', async () => {
    if (!details.open || box.childElementCount) return;
    try {
      const rows = await get(`${API}/scorecards/${cardId}/history`);
      box.append(createTable({
        caption: 'Ai chấm điểm gì, khi nào',
        columns: [
          { key: 'at', label: 'Thời điểm', format: 'datetime' },
          { key: 'code', label: 'Tiêu chí' },
          { key: 'previous_points', label: 'Điểm cũ' },
          { key: 'points', label: 'Điểm mới' },
          { key: 'scorer_name', label: 'Trường chấm' },
          { key: 'scored_by_login', label: 'Người chấm' },
          { key: 'note', label: 'Ghi chú' },
        ],
        rows,
        empty: 'Chưa có lần chấm nào.',
      }).el);
    } catch (e) {
      box.append(h('p', { class: 'notice notice-error' }, e.message));
    }
  });
  return details;
}
