// import.js — the upload form of the importer and its report: rows read,
// tasks per part and section, joined page-break rows, duplicated numbers,
// gaps, deadlines not understood, units matched or waiting for an admin,
// and every error with its line. A dry run shows the report and writes
// nothing; a file with errors is refused whole.

import { initShell, isAdmin } from '/assets/js/shell.js';
import { h, $, replace } from '/assets/js/dom.js';
import { createForm } from '/assets/js/form.js';
import { formatNumber, formatDate, formatDateTime } from '/assets/js/format.js';
import { get, post, ApiError } from '/assets/js/api.js';
import { PERIODS, tasksNav } from '/tasks/common.js';

const session = await initShell({ module: 'tasks', title: 'Nhập chương trình' });
if (session) start();

function start() {
  $('h1').after(tasksNav('import', { canImport: true }));
  if (!isAdmin()) {
    replace($('#content'), h('p', { class: 'notice notice-warning' }, 'Chỉ quản trị của đơn vị chủ quản mới nhập được chương trình.'));
    return;
  }
  const form = createForm({
    id: 'import-form',
    submitLabel: 'Gửi tệp',
    values: { dry_run: true, report_period: 'quarter' },
    fields: [
      {
        name: 'file', label: 'Tệp chương trình', type: 'custom', required: true,
        create: ({ id }) => {
          const input = h('input', { type: 'file', id, name: 'file', accept: '.txt,.tsv,text/plain', required: true });
          return { el: input, input, get: () => input.files[0] || null, set: () => { input.value = ''; } };
        },
      },
      { name: 'code', label: 'Mã chương trình', maxlength: 64, width: 'm', pattern: '[A-Za-z0-9._-]+',
        hint: 'Để trống: lấy theo tên tệp. Nhập lại tệp đã sửa với cùng mã để cập nhật chương trình.' },
      { name: 'title', label: 'Tên chương trình', maxlength: 1000, hint: 'Để trống: lấy từ tiêu đề trong tệp.' },
      { name: 'starts_on', label: 'Ngày bắt đầu theo dõi', type: 'date', hint: 'Để trống: hôm nay. Các kỳ báo cáo kết thúc trước ngày này không bị tính là chậm.' },
      { name: 'report_period', label: 'Kỳ báo cáo của nhiệm vụ thường xuyên', type: 'select',
        options: Object.entries(PERIODS).map(([value, label]) => ({ value, label })) },
      { name: 'dry_run', label: 'Chạy thử (chỉ xem báo cáo, không ghi gì)', type: 'checkbox' },
    ],
    onSubmit: (v) => send(v),
    onSuccess: () => {},
  });
  replace($('#content'), form.el);
  programmes();
}

// The programmes this admin looks after: when each was last imported and
// which of its units still wait for an admin to confirm or merge them
// (core admin pages, "Đơn vị").
async function programmes() {
  const box = h('section', { id: 'programmes' }, h('h2', null, 'Các chương trình'));
  $('#main').append(box);
  try {
    const list = (await get('/api/tasks/programmes')).filter((p) => p.can_admin);
    if (!list.length) {
      box.append(h('p', { class: 'muted' }, 'Chưa có chương trình nào do đơn vị của bạn quản lý.'));
      return;
    }
    const details = await Promise.all(list.map((p) => get(`/api/tasks/programmes/${p.id}`)));
    box.append(h('ul', null, details.map((p) => h('li', null,
      h('strong', null, p.code), ` — ${p.title}. `,
      `${formatNumber(p.tasks)} nhiệm vụ; đơn vị chủ quản: ${p.owner_name}; báo cáo ${PERIODS[p.report_period]?.toLowerCase() || p.report_period} từ ${formatDate(p.starts_on)}. `,
      p.last_import ? `Nhập lần cuối ${formatDateTime(p.last_import.created_at)} (${p.last_import.filename || ''}). ` : '',
      p.pending_units.length
        ? h('span', null, h('a', { href: '/admin/agencies.html' }, `${p.pending_units.length} đơn vị chờ xác nhận hoặc gộp`),
          `: ${p.pending_units.map((u) => u.name).join('; ')}.`)
        : 'Mọi đơn vị đã được xác nhận.'))));
  } catch (e) {
    box.append(h('p', { class: 'notice notice-error' }, e.message));
  }
}

// When the file has errors the server answers 422 with the whole report
// attached (ApiError.body): it is shown like any other report.
async function send(v) {
  const fd = new FormData();
  for (const [k, val] of Object.entries(v)) {
    if (val == null || val === '') continue;
    if (k === 'dry_run') fd.append(k, val ? '1' : '0');
    else fd.append(k, val instanceof File ? val : String(val));
  }
  replace($('#report'), h('p', null, 'Đang đọc tệp…'));
  try {
    const report = await post('/api/tasks/import', fd, { timeout: 180000 });
    showReport(report, null);
    return report;
  } catch (e) {
    if (e instanceof ApiError && e.body?.report) {
      showReport(e.body.report, e.message);
      return {};
    }
    replace($('#report'));
    throw e; // the form shows it (and per-field problems next to their fields)
  }
}

const n = (x) => formatNumber(x || 0);

function list(title, items, render) {
  if (!items || !items.length) return null;
  return h('section', null, h('h3', null, `${title} (${n(items.length)})`), h('ul', null, items.map((x) => h('li', null, render(x)))));
}

function showReport(r, refusal) {
  const written = r.written === true;
  const headline = refusal
    ? h('div', { class: 'notice notice-error', role: 'alert' }, refusal)
    : h('div', { class: 'notice notice-success', role: 'status' },
      r.dry_run ? 'Chạy thử xong: chưa ghi gì. Nếu báo cáo đúng, bỏ chọn “Chạy thử” và gửi lại tệp.'
        : written ? `Đã nhập chương trình ${r.code}.` : 'Đã đọc tệp.');
  const units = r.units;
  replace($('#report'),
    h('h2', null, 'Báo cáo nhập'),
    headline,
    list('Lỗi (chưa nhập gì)', r.errors, (e) => [e.message, e.text ? h('br') : null, e.text ? h('span', { class: 'muted' }, e.text) : null]),
    h('dl', { class: 'facts', id: 'report-facts' },
      h('dt', null, 'Tệp'), h('dd', null, `${r.file || ''} (${n(r.lines)} dòng)`),
      h('dt', null, 'Mã chương trình'), h('dd', null, r.code || ''),
      h('dt', null, 'Dòng bảng đã đọc'), h('dd', { 'data-key': 'rows_read' }, n(r.rows_read)),
      h('dt', null, 'Dòng tiêu đề bảng'), h('dd', null, `${n(r.header_rows)} (${n(r.repeated_headers)} dòng lặp lại ở đầu trang, đã bỏ qua)`),
      h('dt', null, 'Dòng mục'), h('dd', null, n(r.section_rows)),
      h('dt', null, 'Nhiệm vụ'), h('dd', { 'data-key': 'tasks_total' }, n(r.tasks_total)),
      h('dt', null, 'Dòng nối trang đã ghép'), h('dd', { 'data-key': 'continuation_rows' }, n(r.continuation_rows)),
      h('dt', null, 'Dòng không xếp được (giữ lại)'), h('dd', null, n(r.unplaced_rows)),
      h('dt', null, 'Văn bản ngoài bảng'), h('dd', null, `${n(r.prose_lines)} dòng, giữ nguyên trong phần mở đầu`),
      r.created != null ? [h('dt', null, 'Kết quả'), h('dd', { 'data-key': 'result' },
        `${n(r.created)} tạo mới, ${n(r.updated)} cập nhật, ${n(r.unchanged)} không đổi`
        + (r.missing_from_file?.length ? `, ${n(r.missing_from_file.length)} có trong hệ thống nhưng không có trong tệp (giữ nguyên)` : ''))] : null),
    (r.parts || []).map((p) => h('section', null,
      h('h3', null, `${p.title}: ${n(p.tasks)} nhiệm vụ`),
      h('ul', null, p.sections.map((s) => h('li', null,
        `${s.numeral ? `${s.numeral}. ` : ''}${s.title}: ${n(s.tasks)} nhiệm vụ${s.lead ? ` (chủ trì: ${s.lead})` : ''}`))))),
    list('Dòng nối trang đã ghép vào nhiệm vụ', r.joins, (j) => `Dòng ${j.line} → ${j.task || `mục ${j.section}`} (dòng ${j.task_line})`),
    list('Số thứ tự trùng (giữ cả hai, đánh dấu)', r.duplicates, (d) => `Phần ${d.part}, số ${d.number}: dòng ${d.lines.join(', ')}`),
    list('Số thứ tự bị thiếu', r.gaps, (g) => `Phần ${g.part}: ${g.from === g.to ? `số ${g.from}` : `số ${g.from}–${g.to}`} (trước dòng ${g.line})`),
    list('Thời hạn chưa hiểu được (cần đặt bằng tay)', r.unparsed_deadlines, (u) => `Dòng ${u.line}, nhiệm vụ ${u.task}: “${u.text || '(trống)'}”`),
    units ? list(`Đơn vị chờ quản trị xác nhận hoặc gộp (${n(units.matched)} đơn vị đã khớp)`,
      units.list.filter((u) => u.status !== 'matched'),
      (u) => `${u.name} → ${u.agency_code} (${u.status === 'created' ? 'tạo mới' : 'đã có, đang chờ xác nhận'})`) : null,
    list('Dòng không xếp được (giữ lại trong báo cáo)', r.unplaced, (u) => [u.message, h('br'), h('span', { class: 'muted' }, u.text || '')]),
    list('Cảnh báo', r.warnings, (w) => w.message),
  );
  $('#report').scrollIntoView({ behavior: 'smooth', block: 'start' });
}
