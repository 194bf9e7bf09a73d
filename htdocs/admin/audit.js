// audit.js — the audit log: who changed what, where and when, filtered and
// paged by the server, with each entry's before/after shown as a table of
// fields rather than raw JSON.

import { initShell } from '/assets/js/shell.js';
import { h, replace, $ } from '/assets/js/dom.js';
import { get } from '/assets/js/api.js';
import { createTable } from '/assets/js/table.js';
import { createDateInput } from '/assets/js/dateinput.js';
import { openDialog } from '/assets/js/dialog.js';
import { formatDate } from '/assets/js/format.js';
import { adminNav } from '/admin/admin-nav.js';

const API = '/api/core/audit';
const TEXT_FILTERS = ['module', 'entity', 'entity_id', 'user'];
const ACTIONS = {
  create: 'Tạo mới', insert: 'Tạo mới', update: 'Cập nhật', delete: 'Xóa', remove: 'Xóa',
  confirm: 'Xác nhận', merge: 'Gộp', enable: 'Mở khóa', disable: 'Khóa', login: 'Đăng nhập',
  logout: 'Đăng xuất', password: 'Đổi mật khẩu', reset_password: 'Đặt lại mật khẩu',
};
let moduleTitles = new Map([['core', 'Lõi hệ thống']]);
let from;
let to;
let table;

const session = await initShell({ section: 'admin', title: 'Nhật ký thay đổi' });
if (session) start();

// Field names of an entry are read with fallbacks: the contract does not fix
// them; the host answers at, user_login, agency_name, before_json, after_json.
const at = (e) => e.at || e.created_at || e.time || '';
const who = (e) => e.user?.full_name || e.user?.login || e.user_name || e.user_login || (e.user_id != null ? `#${e.user_id}` : 'Hệ thống');
const where = (e) => e.agency?.name || e.agency_name || '';
const what = (e) => [e.entity, e.entity_id].filter((x) => x != null && x !== '').join(' #');

async function start() {
  adminNav('audit');
  const params = new URLSearchParams(location.search);
  const form = $('#filters');

  from = createDateInput({ id: 'f-from', name: 'from', value: params.get('from') || '' });
  to = createDateInput({ id: 'f-to', name: 'to', value: params.get('to') || '' });
  $('#f-from-field').append(from.el);
  $('#f-to-field').append(to.el);

  try {
    const mods = await get('/api/core/modules');
    for (const m of mods) {
      moduleTitles.set(m.name, m.title);
      $('#f-module').append(h('option', { value: m.name }, m.title));
    }
  } catch {
    /* the filter still takes "core" and "all" */
  }
  for (const k of TEXT_FILTERS) form.elements[k].value = params.get(k) || '';

  table = createTable({
    caption: 'Các thay đổi, mới nhất trước',
    rowKey: 'id',
    load: ({ page, per_page }) => get(API, { ...filters(), page, per_page }),
    empty: 'Không có thay đổi nào khớp với bộ lọc.',
    columns: [
      { key: 'at', label: 'Thời điểm', value: at, format: 'datetime' },
      { key: 'user', label: 'Người thực hiện', value: who },
      { key: 'agency', label: 'Đơn vị', value: where },
      { key: 'module', label: 'Phân hệ', value: (e) => moduleTitles.get(e.module) || e.module || '' },
      { key: 'action', label: 'Thao tác', value: (e) => ACTIONS[e.action] || e.action || '' },
      { key: 'entity', label: 'Đối tượng', value: what },
      { key: 'diff', label: 'Chi tiết', className: 'col-actions', render: (e) => h('button', { type: 'button', class: 'button button-small', onclick: () => showDiff(e) }, 'Xem thay đổi') },
    ],
  });
  replace($('#audit'), table.el);

  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    apply();
  });
  form.addEventListener('reset', () => {
    setTimeout(() => {
      from.set('');
      to.set('');
      apply();
    }, 0);
  });
}

function filters() {
  const form = $('#filters');
  const f = {};
  for (const k of TEXT_FILTERS) f[k] = form.elements[k].value.trim();
  f.from = from.get() || '';
  f.to = to.get() || '';
  return f;
}

function apply() {
  const err = $('#filter-error');
  if (from.get() === null || to.get() === null) {
    err.textContent = 'Ngày không hợp lệ. Nhập theo dạng ngày/tháng/năm, ví dụ 05/03/2026.';
    err.hidden = false;
    (from.get() === null ? from.input : to.input).focus();
    return;
  }
  const f = filters();
  if (f.from && f.to && f.from > f.to) {
    err.textContent = `“Từ ngày” (${formatDate(f.from)}) phải trước hoặc bằng “Đến ngày” (${formatDate(f.to)}).`;
    err.hidden = false;
    from.input.focus();
    return;
  }
  err.hidden = true;
  const url = new URL(location.pathname, location.origin);
  for (const [k, v] of Object.entries(f)) if (v) url.searchParams.set(k, v);
  history.replaceState(null, '', url);
  table.reload({ page: 1 });
}

// ---- before / after ------------------------------------------------------------

/** before/after may arrive as objects or as JSON text. */
function parse(v) {
  if (typeof v !== 'string') return v ?? null;
  try {
    return JSON.parse(v);
  } catch {
    return v;
  }
}

/** {a: {b: 1}, c: [1, 2]} → {"a.b": 1, "c": [1, 2]}: nested records read as dotted field names. */
function flatten(obj, prefix = '', out = {}) {
  if (obj === null || typeof obj !== 'object' || Array.isArray(obj)) {
    if (prefix) out[prefix] = obj;
    else if (obj !== null) out['(giá trị)'] = obj;
    return out;
  }
  for (const [k, v] of Object.entries(obj)) flatten(v, prefix ? `${prefix}.${k}` : k, out);
  return out;
}

function show(v, present) {
  if (!present) return h('span', { class: 'absent' }, '(không có)');
  if (v === null || v === '') return h('span', { class: 'absent' }, '(trống)');
  if (typeof v === 'boolean') return v ? 'có' : 'không';
  return typeof v === 'object' ? JSON.stringify(v) : String(v);
}

function showDiff(e) {
  const before = flatten(parse(e.before ?? e.before_json));
  const after = flatten(parse(e.after ?? e.after_json));
  const keys = Array.from(new Set([...Object.keys(before), ...Object.keys(after)]));
  const same = (k) => JSON.stringify(before[k]) === JSON.stringify(after[k]) && (k in before) === (k in after);
  const changed = keys.filter((k) => !same(k));

  const rows = keys.map((k) =>
    h(
      'tr',
      { class: same(k) ? 'same' : 'changed' },
      h('th', { scope: 'row' }, k, same(k) ? null : h('span', { class: 'visually-hidden' }, ' (đã thay đổi)')),
      h('td', { class: 'before' }, show(before[k], k in before)),
      h('td', { class: 'after' }, show(after[k], k in after)),
    ),
  );
  const table = h(
    'table',
    { class: 'diff' },
    h('caption', { class: 'visually-hidden' }, 'Giá trị trước và sau thay đổi'),
    h('thead', null, h('tr', null, h('th', { scope: 'col' }, 'Trường'), h('th', { scope: 'col' }, 'Trước'), h('th', { scope: 'col' }, 'Sau'))),
    h('tbody', null, rows),
  );

  // Long records: show only what changed, with a switch for the rest.
  const onlyChanged = h('input', { type: 'checkbox', id: 'diff-only', checked: keys.length > 8 && changed.length > 0 });
  const applyFilter = () => {
    for (const tr of table.tBodies[0].rows) tr.hidden = onlyChanged.checked && tr.classList.contains('same');
  };
  onlyChanged.addEventListener('change', applyFilter);
  applyFilter();

  const summary = h(
    'dl',
    { class: 'facts' },
    h('dt', null, 'Thời điểm'), h('dd', null, at(e) ? formatStamp(at(e)) : '—'),
    h('dt', null, 'Người thực hiện'), h('dd', null, who(e)),
    h('dt', null, 'Đơn vị'), h('dd', null, where(e) || '—'),
    h('dt', null, 'Thao tác'), h('dd', null, ACTIONS[e.action] || e.action || '—'),
    h('dt', null, 'Đối tượng'), h('dd', null, what(e) || '—'),
  );
  openDialog({
    title: 'Chi tiết thay đổi',
    wide: true,
    content: [
      summary,
      keys.length
        ? [
            h('p', null, changed.length ? `${changed.length}/${keys.length} trường thay đổi.` : 'Không có trường nào thay đổi.'),
            changed.length && changed.length < keys.length ? h('div', { class: 'choice' }, onlyChanged, h('label', { for: 'diff-only' }, 'Chỉ hiện các trường thay đổi')) : null,
            h('div', { class: 'table-scroll' }, table),
          ]
        : h('p', { class: 'muted' }, 'Bản ghi này không có dữ liệu trước/sau.'),
    ],
    actions: [{ label: 'Đóng', value: true, kind: 'primary' }],
  });
}

function formatStamp(s) {
  const m = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2})(?::(\d{2}))?/.exec(s);
  return m ? `${m[3]}/${m[2]}/${m[1]} ${m[4]}:${m[5]}${m[6] ? `:${m[6]}` : ''}` : s;
}
