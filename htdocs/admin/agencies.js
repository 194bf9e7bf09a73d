// agencies.js — the agency tree: browse (children loaded when opened), search
// (accent-insensitive, by the API's q), create and edit, and confirm or merge
// agencies that are pending (added by a registration or an import and not yet
// checked by an administrator).

import { initShell, notify } from '/assets/js/shell.js';
import { h, replace, $ } from '/assets/js/dom.js';
import { get, post, put, asList } from '/assets/js/api.js';
import { createForm } from '/assets/js/form.js';
import { createTable } from '/assets/js/table.js';
import { openDialog, confirmDialog } from '/assets/js/dialog.js';
import { agencyField } from '/assets/js/agency-picker.js';
import { adminNav, statusBadge } from '/admin/admin-nav.js';

const API = '/api/core/agencies';
let kinds = new Map(); // code → title

const session = await initShell({ section: 'admin', title: 'Đơn vị' });
if (session) start();

async function start() {
  adminNav('agencies');
  $('#toolbar').append(h('button', { type: 'button', class: 'button button-primary', onclick: () => editAgency(null) }, 'Thêm đơn vị'));
  try {
    kinds = new Map((await get('/api/core/agency-kinds')).map((k) => [k.code, k.title]));
  } catch (e) {
    notify(`Không tải được danh sách loại đơn vị: ${e.message}`, 'error');
  }
  $('#f-kind').append(...Array.from(kinds, ([code, title]) => h('option', { value: code }, title)));

  // Filters live in the address, so a search can be bookmarked or shared.
  const form = $('#filters');
  const params = new URLSearchParams(location.search);
  for (const k of ['q', 'kind', 'status']) form.elements[k].value = params.get(k) || '';
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    search();
  });
  form.addEventListener('reset', () => setTimeout(search, 0));

  loadRoots();
  if (params.get('q') || params.get('kind') || params.get('status')) search();
}

const hasChildren = (a) => (Array.isArray(a.children) ? a.children.length > 0 : !!a.children);
// 'national' (the root) is not offered as a kind to create, so not listed.
const kindTitle = (code) => kinds.get(code) || (code === 'national' ? 'Cấp toàn quốc' : code) || '';

// ---- tree ------------------------------------------------------------------

async function loadRoots() {
  const tree = $('#tree');
  tree.setAttribute('aria-busy', 'true');
  try {
    const roots = asList(await get(API)).items;
    replace(tree, roots.map(node));
    // A single root (the usual case: the admin's own agency) opens by itself.
    if (roots.length === 1 && hasChildren(roots[0])) tree.querySelector('.tree-toggle')?.click();
  } catch (e) {
    replace(tree, h('li', { class: 'notice notice-error', role: 'alert' }, e.message));
  } finally {
    tree.removeAttribute('aria-busy');
  }
}

function node(a) {
  const li = h('li', { dataset: { id: a.id } });
  const children = h('ul', { hidden: true, id: `children-${a.id}` });
  let loaded = false;
  let toggle;
  if (hasChildren(a)) {
    toggle = h('button', { type: 'button', class: 'tree-toggle', 'aria-expanded': 'false', 'aria-controls': children.id, 'aria-label': `Đơn vị trực thuộc ${a.name}` }, '+');
    toggle.addEventListener('click', async () => {
      const open = toggle.getAttribute('aria-expanded') !== 'true';
      if (open && !loaded) {
        toggle.disabled = true;
        try {
          const list = Array.isArray(a.children) && typeof a.children[0] === 'object' ? a.children : asList(await get(API, { parent: a.id })).items;
          replace(children, list.length ? list.map(node) : h('li', { class: 'muted' }, 'Không có đơn vị trực thuộc.'));
          loaded = true;
        } catch (e) {
          notify(e.message, 'error');
          return;
        } finally {
          toggle.disabled = false;
        }
      }
      children.hidden = !open;
      toggle.setAttribute('aria-expanded', String(open));
      toggle.textContent = open ? '−' : '+';
    });
  }
  li.append(
    h(
      'div',
      { class: 'tree-row' },
      toggle || h('span', { class: 'tree-spacer', 'aria-hidden': 'true' }),
      h('span', { class: 'tree-name' }, a.name),
      h('span', { class: 'tree-meta' }, [a.code, kindTitle(a.kind)].filter(Boolean).join(' · ')),
      a.status && a.status !== 'active' ? statusBadge(a.status) : null,
      actions(a),
    ),
    children,
  );
  // Lets a change reload just this branch. A node that had no children has
  // no toggle yet: its parent's branch is reloaded so it gets one.
  li.reloadChildren = async () => {
    if (!toggle) {
      refresh(a.parent_id, false);
      return;
    }
    loaded = false;
    if (toggle.getAttribute('aria-expanded') === 'true') {
      toggle.setAttribute('aria-expanded', 'false');
      toggle.click();
    }
  };
  return li;
}

function actions(a) {
  const btn = (label, onclick, kind) => h('button', { type: 'button', class: ['button', 'button-small', kind], onclick }, label);
  return h(
    'span',
    { class: 'actions' },
    btn('Sửa', () => editAgency(a)),
    btn('Thêm đơn vị con', () => editAgency(null, a)),
    h('a', { class: 'button button-small', href: `/admin/modules.html?agency=${encodeURIComponent(a.id)}` }, 'Phân hệ'),
    h('a', { class: 'button button-small', href: `/admin/users.html?agency=${encodeURIComponent(a.id)}` }, 'Người dùng'),
    a.status === 'pending' ? btn('Xác nhận', () => confirmAgency(a), 'button-primary') : null,
    a.status === 'pending' ? btn('Gộp vào…', () => mergeAgency(a)) : null,
  );
}

/** After a change: reload the branch under parentId (or the roots) and the search results. */
function refresh(parentId, andSearch = true) {
  const li = parentId != null ? document.querySelector(`#tree li[data-id="${CSS.escape(String(parentId))}"]`) : null;
  if (li?.reloadChildren) li.reloadChildren();
  else loadRoots();
  if (andSearch && !$('#results').hidden) search();
}

// ---- search ----------------------------------------------------------------

let resultsTable = null;
async function search() {
  const form = $('#filters');
  const q = { q: form.elements.q.value.trim(), kind: form.elements.kind.value, status: form.elements.status.value };
  const url = new URL(location.href);
  for (const [k, v] of Object.entries(q)) v ? url.searchParams.set(k, v) : url.searchParams.delete(k);
  history.replaceState(null, '', url);

  const any = q.q || q.kind || q.status;
  $('#results').hidden = !any;
  $('#tree-section').hidden = !!any;
  if (!any) return;

  if (!resultsTable) {
    resultsTable = createTable({
      caption: 'Đơn vị tìm được',
      rowKey: 'id',
      filter: false,
      empty: 'Không tìm thấy đơn vị nào.',
      columns: [
        { key: 'name', label: 'Tên đơn vị' },
        { key: 'code', label: 'Mã' },
        { key: 'kind', label: 'Loại', value: (a) => kindTitle(a.kind) },
        { key: 'status', label: 'Trạng thái', value: (a) => a.status, render: (a) => statusBadge(a.status) },
        { key: 'actions', label: 'Thao tác', sortable: false, className: 'col-actions', render: actions },
      ],
    });
    replace($('#results-table'), resultsTable.el);
  }
  try {
    // Kind and status are also applied here: the host reads them only
    // together with q, and answers the scope root without it.
    const items = asList(await get(API, q)).items.filter((a) => (!q.kind || a.kind === q.kind) && (!q.status || a.status === q.status));
    resultsTable.setRows(items);
    if (!items.length && !q.q) notify('Hãy nhập tên hoặc mã đơn vị để tìm; loại và trạng thái lọc thêm trên kết quả tìm.', 'info');
  } catch (e) {
    notify(e.message, 'error');
  }
}

// ---- create / edit -----------------------------------------------------------

function editAgency(a, parent = null) {
  const creating = !a;
  const kindOptions = Array.from(kinds, ([value, label]) => ({ value, label }));
  let dlg;
  const form = createForm({
    id: 'agency-form',
    submitLabel: creating ? 'Thêm đơn vị' : 'Lưu thay đổi',
    values: a ? { ...a, parent_id: a.parent_id } : { parent_id: parent || null },
    fields: [
      agencyField({ name: 'parent_id', label: 'Đơn vị cấp trên', required: true }),
      { name: 'kind', label: 'Loại đơn vị', type: 'select', required: true, options: kindOptions },
      { name: 'code', label: 'Mã đơn vị', required: true, maxlength: 64, width: 'm', pattern: '[A-Za-z0-9._-]+', patternMessage: 'Chỉ dùng chữ không dấu, chữ số và các dấu . _ -', hint: 'Duy nhất trong hệ thống; chữ không dấu, chữ số, dấu chấm, gạch ngang. Ví dụ: P01-BTC' },
      { name: 'name', label: 'Tên đầy đủ', required: true, maxlength: 255 },
      { name: 'short_name', label: 'Tên viết tắt', maxlength: 100, width: 'l' },
    ],
    onCancel: () => dlg.close(),
    onSubmit: (v, { idempotencyKey }) => (creating ? post(API, v, { idempotencyKey }) : put(`${API}/${encodeURIComponent(a.id)}`, v)),
    onSuccess: (_, v) => {
      dlg.close(true);
      notify(creating ? `Đã thêm đơn vị “${v.name}”.` : `Đã lưu đơn vị “${v.name}”.`);
      refresh(v.parent_id);
      if (!creating && a.parent_id !== v.parent_id) refresh(a.parent_id);
    },
  });
  dlg = openDialog({ title: creating ? 'Thêm đơn vị' : `Sửa đơn vị: ${a.name}`, content: form.el, wide: true });
}

// ---- pending agencies --------------------------------------------------------

async function confirmAgency(a) {
  const ok = await confirmDialog({
    title: 'Xác nhận đơn vị',
    message: `Xác nhận “${a.name}” (${a.code}) là đơn vị chính thức? Đơn vị sẽ chuyển sang trạng thái đang hoạt động.`,
    confirmLabel: 'Xác nhận',
  });
  if (!ok) return;
  try {
    await post(`${API}/${encodeURIComponent(a.id)}/confirm`);
    notify(`Đã xác nhận đơn vị “${a.name}”.`);
    refresh(a.parent_id);
  } catch (e) {
    notify(e.message, 'error');
  }
}

function mergeAgency(a) {
  let dlg;
  const form = createForm({
    id: 'merge-form',
    submitLabel: 'Gộp đơn vị',
    fields: [agencyField({ name: 'into_id', label: 'Gộp vào đơn vị', required: true, query: { status: 'active' } })],
    validate: (v) => (String(v.into_id) === String(a.id) ? { into_id: 'Không thể gộp đơn vị vào chính nó.' } : null),
    onCancel: () => dlg.close(),
    onSubmit: (v, { idempotencyKey }) => post(`${API}/${encodeURIComponent(a.id)}/merge`, { into_id: v.into_id }, { idempotencyKey }),
    onSuccess: () => {
      dlg.close(true);
      notify(`Đã gộp “${a.name}” vào đơn vị đã chọn.`);
      refresh(a.parent_id);
    },
  });
  const intro = h(
    'div',
    null,
    h('p', null, `Đơn vị “${a.name}” (${a.code}) đang chờ xác nhận. Nếu đây là bản trùng của một đơn vị đã có, hãy gộp vào đơn vị đó.`),
    h('p', { class: 'notice notice-warning' }, 'Mọi dữ liệu đang gắn với đơn vị này (người dùng, hồ sơ, đăng ký…) sẽ chuyển sang đơn vị được chọn, sau đó đơn vị này bị xóa. Không thể hoàn tác.'),
    form.el,
  );
  dlg = openDialog({ title: 'Gộp đơn vị', content: intro, wide: true });
}
