// register.js — the recognition register (sổ công nhận): every decision with
// its level, dates and status after inspections; one decision's inspections.

import { initShell } from '/assets/js/shell.js';
import { get, post } from '/assets/js/api.js';
import { $, h } from '/assets/js/dom.js';
import { createForm } from '/assets/js/form.js';
import { createTable } from '/assets/js/table.js';
import { formatDate } from '/assets/js/format.js';
import { API, RECOGNITION, OUTCOME, accrNav, badge, fact, isAcademy, param, showError, exportLinks } from '/accreditation/common.js';

const session = await initShell({ module: 'accreditation', title: 'Sổ công nhận' });
if (session) start();

function statusBadge(r) {
  return r.expired && r.status !== 'withdrawn' ? h('span', { class: 'badge badge-off' }, 'Hết hiệu lực') : badge(RECOGNITION, r.status);
}

async function start() {
  const content = $('#content');
  try {
    const one = param('recognition');
    if (one) {
      content.replaceChildren(accrNav('register'), detail(await get(`${API}/recognitions/${one}`)));
      return;
    }
    const rows = await get(`${API}/register`);
    const publicLink = h('p', { class: 'no-print' }, 'Bản công khai, không cần đăng nhập: ', h('a', { href: '/accreditation/cong-khai.html' }, 'Sổ công nhận công khai'), '.');
    content.replaceChildren(accrNav('register'), publicLink, exportLinks('/register'), createTable({
      caption: 'Các trường được công nhận đạt chuẩn', rows, rowKey: 'id', empty: 'Chưa có quyết định công nhận nào.',
      columns: [
        { key: 'school_name', label: 'Trường', render: (r) => h('a', { href: `?recognition=${r.id}` }, r.school_name) },
        { key: 'province_name', label: 'Tỉnh, thành phố / Bộ, ngành' },
        { key: 'level', label: 'Mức', format: 'number' },
        { key: 'decision_no', label: 'Số quyết định' },
        { key: 'decision_date', label: 'Ngày quyết định', format: 'date' },
        { key: 'valid_until', label: 'Hiệu lực đến', format: 'date' },
        { key: 'status', label: 'Tình trạng', value: (r) => r.status_title, render: statusBadge },
        { key: 'inspections', label: 'Số lần kiểm tra', format: 'number' },
        { key: 'last_inspection', label: 'Kiểm tra gần nhất', format: 'date' },
      ],
    }).el);
  } catch (e) {
    showError(content, e);
  }
}

function detail(r) {
  $('h1').textContent = `Công nhận: ${r.school_name}`;
  const box = h('div', null,
    h('p', { class: 'no-print' }, h('a', { href: '/accreditation/register.html' }, '← Sổ công nhận')),
    h('dl', { class: 'facts' },
      fact('Trường', r.school_name), fact('Mức', `Mức ${r.level}`),
      fact('Quyết định', `Số ${r.decision_no} ngày ${formatDate(r.decision_date)}`),
      fact('Hiệu lực đến', formatDate(r.valid_until)), fact('Tình trạng', statusBadge(r)),
      fact('Ghi chú', r.status_note),
      fact('Hồ sơ', h('a', { href: `/accreditation/cycle.html?id=${r.cycle_id}` }, 'Xem hồ sơ đánh giá'))),
    h('h2', null, 'Kiểm tra duy trì tiêu chí'),
    createTable({
      caption: 'Các đợt kiểm tra', rows: r.inspections, filter: false, empty: 'Chưa có đợt kiểm tra nào.',
      columns: [
        { key: 'inspection_date', label: 'Ngày kiểm tra', render: (i) => h('a', { href: `/accreditation/inspection.html?id=${i.id}` }, formatDate(i.inspection_date)) },
        { key: 'team', label: 'Đoàn kiểm tra' },
        { key: 'findings', label: 'Số phát hiện', format: 'number' },
        { key: 'outcome', label: 'Kết luận', render: (i) => (i.outcome ? badge(OUTCOME, i.outcome) : 'Đang kiểm tra') },
      ],
    }).el);
  if (isAcademy() && r.status !== 'withdrawn') {
    box.append(h('h3', null, 'Mở đợt kiểm tra'), createForm({
      id: 'inspection',
      submitLabel: 'Mở đợt kiểm tra',
      fields: [
        { name: 'inspection_date', label: 'Ngày kiểm tra', type: 'date', required: true },
        { name: 'team', label: 'Thành phần đoàn kiểm tra', required: true, maxlength: 2000 },
      ],
      onSubmit: (v) => post(`${API}/recognitions/${r.id}/inspections`, v),
      onSuccess: (i) => location.assign(`/accreditation/inspection.html?id=${i.id}`),
    }).el);
  }
  return box;
}
