// councils.js — the provincial evaluation councils (formed by the provinces)
// and the central council (formed by the Academy): members, the conflicts of
// interest they declare, and the dossiers each was given.

import { initShell, notify, getSession } from '/assets/js/shell.js';
import { get, post, del } from '/assets/js/api.js';
import { $, h } from '/assets/js/dom.js';
import { createForm } from '/assets/js/form.js';
import { createTable } from '/assets/js/table.js';
import { confirmDialog, alertDialog } from '/assets/js/dialog.js';
import { formatDate } from '/assets/js/format.js';
import { API, STATE, COUNCIL_LEVEL, MEMBER_ROLE, accrNav, badge, fact, isAcademy, isProvince, options, param, showError } from '/accreditation/common.js';

const session = await initShell({ module: 'accreditation', title: 'Hội đồng' });
if (session) start();

async function start() {
  const content = $('#content');
  try {
    const id = param('id');
    if (id) {
      const council = await get(`${API}/councils/${id}`);
      content.replaceChildren(accrNav('councils'), await detail(council));
      return;
    }
    const list = await get(`${API}/councils`);
    content.replaceChildren(accrNav('councils'), listSection(list));
    if (isAcademy() || isProvince()) content.append(createSection());
  } catch (e) {
    showError(content, e);
  }
}

function listSection(list) {
  return h('section', { 'aria-labelledby': 'list-h' }, h('h2', { id: 'list-h' }, 'Danh sách hội đồng'),
    createTable({
      caption: 'Hội đồng bạn quản lý hoặc là thành viên', rows: list, rowKey: 'id', empty: 'Chưa có hội đồng nào.',
      columns: [
        { key: 'name', label: 'Hội đồng', render: (k) => h('a', { href: `?id=${k.id}` }, k.name) },
        { key: 'level', label: 'Cấp', value: (k) => COUNCIL_LEVEL[k.level] },
        { key: 'agency_name', label: 'Cơ quan thành lập' },
        { key: 'decision_no', label: 'Quyết định' },
        { key: 'decision_date', label: 'Ngày', format: 'date' },
        { key: 'members', label: 'Thành viên', format: 'number' },
        { key: 'cycles', label: 'Hồ sơ được giao', format: 'number' },
        { key: 'is_member', label: 'Bạn là thành viên', value: (k) => (k.is_member ? 'Có' : '') },
      ],
    }).el);
}

function createSection() {
  const levels = [];
  if (isProvince() || isAcademy()) levels.push({ value: 'provincial', label: COUNCIL_LEVEL.provincial });
  if (isAcademy()) levels.push({ value: 'central', label: COUNCIL_LEVEL.central });
  const form = createForm({
    id: 'council',
    submitLabel: 'Thành lập hội đồng',
    values: { level: levels[0].value },
    fields: [
      { name: 'level', label: 'Cấp hội đồng', type: 'radios', required: true, options: levels },
      { name: 'name', label: 'Tên hội đồng', required: true, maxlength: 500 },
      { name: 'decision_no', label: 'Số quyết định thành lập', maxlength: 100 },
      { name: 'decision_date', label: 'Ngày quyết định', type: 'date' },
    ],
    onSubmit: (v) => post(`${API}/councils`, v),
    onSuccess: (k) => location.assign(`/accreditation/councils.html?id=${k.id}`),
  });
  return h('section', { class: 'no-print', 'aria-labelledby': 'new-h' }, h('h2', { id: 'new-h' }, 'Thành lập hội đồng'), form.el);
}

async function detail(k) {
  $('h1').textContent = k.name;
  const me = getSession().user.id;
  const box = h('div', null,
    h('p', { class: 'no-print' }, h('a', { href: '/accreditation/councils.html' }, '← Danh sách hội đồng')),
    h('dl', { class: 'facts' },
      fact('Cấp', COUNCIL_LEVEL[k.level]), fact('Cơ quan thành lập', k.agency_name),
      fact('Quyết định', [k.decision_no, k.decision_date && `ngày ${formatDate(k.decision_date)}`].filter(Boolean).join(' '))));
  box.append(h('h2', null, 'Thành viên'), createTable({
    caption: 'Thành viên hội đồng', rows: k.members, filter: false, empty: 'Chưa có thành viên.',
    columns: [
      { key: 'full_name', label: 'Họ và tên' },
      { key: 'agency_name', label: 'Đơn vị' },
      { key: 'member_role', label: 'Vai trò', value: (m) => MEMBER_ROLE[m.member_role] },
      { key: 'actions', label: 'Thao tác', sortable: false, className: 'col-actions',
        render: (m) => (k.can_manage ? h('button', { type: 'button', class: 'button button-small button-danger', onclick: () => removeMember(k, m) }, 'Bớt') : '') },
    ],
  }).el);
  if (k.can_manage) {
    box.append(createForm({
      id: 'member',
      submitLabel: 'Thêm thành viên',
      values: { member_role: 'member' },
      fields: [
        { name: 'login', label: 'Tên đăng nhập của thành viên', required: true, maxlength: 64,
          hint: k.level === 'central' ? 'Người dùng cần có vai trò Thành viên Hội đồng cấp Trung ương.' : 'Người dùng cần có vai trò Thành viên Hội đồng đánh giá cấp tỉnh.' },
        { name: 'member_role', label: 'Vai trò trong hội đồng', type: 'select', options: options(MEMBER_ROLE) },
      ],
      onSubmit: (v) => post(`${API}/councils/${k.id}/members`, v),
      onSuccess: () => { notify('Đã thêm thành viên.'); start(); },
    }).el);
  }
  box.append(h('h2', null, 'Hồ sơ được giao'), createTable({
    caption: 'Hồ sơ hội đồng đánh giá', rows: k.cycles, filter: false, empty: 'Chưa được giao hồ sơ nào.',
    columns: [
      { key: 'school_name', label: 'Trường', render: (c) => h('a', { href: `/accreditation/cycle.html?id=${c.id}` }, c.school_name) },
      { key: 'title', label: 'Kỳ đánh giá' },
      { key: 'state', label: 'Trạng thái', value: (c) => STATE[c.state]?.[0], render: (c) => badge(STATE, c.state) },
    ],
  }).el);
  box.append(h('h2', null, 'Xung đột lợi ích đã khai báo'), createTable({
    caption: 'Thành viên không tham gia đánh giá trường', rows: k.conflicts, filter: false, empty: 'Chưa có khai báo nào.',
    columns: [
      { key: 'full_name', label: 'Thành viên' },
      { key: 'school_name', label: 'Trường' },
      { key: 'reason', label: 'Lý do' },
      { key: 'created_at', label: 'Ngày khai báo', format: 'datetime' },
    ],
  }).el);
  const amMember = k.members.some((m) => m.user_id === me);
  if (amMember || k.can_manage) {
    const schools = await get(`${API}/schools`);
    box.append(createForm({
      id: 'conflict',
      submitLabel: 'Khai báo xung đột lợi ích',
      fields: [
        ...(k.can_manage ? [{ name: 'user_id', label: 'Thành viên (để trống: chính bạn)', type: 'select',
          options: k.members.map((m) => ({ value: m.user_id, label: m.full_name })) }] : []),
        { name: 'school_id', label: 'Trường', type: 'select', required: true, options: schools.map((s) => ({ value: s.id, label: s.name })) },
        { name: 'reason', label: 'Lý do', required: true, maxlength: 1000, hint: 'Ví dụ: đang hoặc đã công tác tại trường; có người thân là cán bộ của trường.' },
      ],
      onSubmit: (v) => post(`${API}/councils/${k.id}/conflicts`, v),
      onSuccess: () => { notify('Đã ghi nhận. Bạn sẽ không thấy và không đánh giá hồ sơ của trường này.'); start(); },
    }).el);
  }
  return box;
}

async function removeMember(k, m) {
  if (!(await confirmDialog({ title: 'Bớt thành viên', message: `Bớt ${m.full_name} khỏi hội đồng?`, confirmLabel: 'Bớt', danger: true }))) return;
  try {
    await del(`${API}/councils/${k.id}/members/${m.user_id}`);
    start();
  } catch (e) {
    alertDialog({ title: 'Không thực hiện được', message: e.message });
  }
}
