// units.js — import the official list of administrative units (code, name,
// kind, province) into the agency tree: a dry run first, then the import,
// which takes the whole file or nothing.

import { initShell, isAdmin } from '/assets/js/shell.js';
import { $, h } from '/assets/js/dom.js';
import { post } from '/assets/js/api.js';
import { createTable } from '/assets/js/table.js';

const session = await initShell({ module: 'course', title: 'Danh mục đơn vị hành chính' });
if (session) start();

function start() {
  const content = $('#content');
  if (!isAdmin()) {
    content.append(h('p', { class: 'notice notice-warning' }, 'Chỉ quản trị cấp Trung ương nhập danh mục đơn vị hành chính.'));
    return;
  }
  const file = h('input', { type: 'file', id: 'u-file', accept: '.csv,text/csv,text/plain' });
  const out = h('div', { 'aria-live': 'polite' });
  const run = async (dryRun) => {
    if (!file.files.length) return;
    const body = new FormData();
    body.append('dry_run', dryRun ? '1' : '0');
    body.append('file', file.files[0]);
    try {
      show(out, await post('/api/course/units/import', body, { timeout: 120000 }));
    } catch (e) {
      out.replaceChildren(h('p', { class: 'notice notice-error', role: 'alert' }, e.message));
    }
  };
  content.append(
    h('p', null, 'Tệp CSV UTF-8 với các cột code, name, kind, province (Mã, Tên, Loại, Tỉnh). Loại: Tỉnh, Thành phố, Xã, Phường, Đặc khu. Cột tỉnh của xã ghi mã hoặc tên tỉnh, thành phố.'),
    h('div', null, h('label', { for: 'u-file' }, 'Tệp danh mục'), file),
    h('div', { class: 'toolbar' },
      h('button', { type: 'button', class: 'button', onclick: () => run(true) }, 'Chạy thử'),
      h('button', { type: 'button', class: 'button button-primary', onclick: () => run(false) }, 'Nhập danh mục')),
    out);
}

function show(out, r) {
  const text = `${r.dry_run ? 'Chạy thử' : 'Kết quả'}: ${r.total} dòng (${r.provinces} tỉnh, thành phố; ${r.communes} xã, phường, đặc khu) — thêm ${r.provinces_to_add} tỉnh, ${r.communes_to_add} xã; đổi tên ${r.to_rename}; giữ nguyên ${r.unchanged}; lỗi ${r.problems}.`;
  const rows = createTable({
    caption: 'Dòng không nhập được',
    rows: r.rows,
    columns: [{ key: 'line', label: 'Dòng', format: 'number' }, { key: 'code', label: 'Mã' }, { key: 'message', label: 'Lý do' }],
    empty: 'Không có dòng lỗi.',
  });
  out.replaceChildren(h('p', { class: r.problems ? 'notice notice-warning' : 'notice notice-success' }, text), rows.el);
}
