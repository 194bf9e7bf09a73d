// class.js — one class: its facts and admission funnel; its mode, size and
// dates; the seven admission steps with their deadlines, warnings and the
// forms to record them; the sending units with their allotments and
// contracts; the learners' dossiers with their state changes, and the
// diploma for each graduate. What the caller may change, the server says
// (can_manage); the server also checks every rule again.

import { initShell, notify, hasRole, isAdmin } from '/assets/js/shell.js';
import { h, $, replace } from '/assets/js/dom.js';
import { get, post, put, apiUrl } from '/assets/js/api.js';
import { createForm } from '/assets/js/form.js';
import { createTable } from '/assets/js/table.js';
import { openDialog, confirmDialog } from '/assets/js/dialog.js';
import { agencyField } from '/assets/js/agency-picker.js';
import { formatDate, today } from '/assets/js/format.js';
import {
  API, STATES, NEXT, DUE, badge, modeBadge, num, fact, llctNav, param,
} from '/llct/common.js';

const id = param('id');
let cls = null;

const session = await initShell({ module: 'llct', title: 'Lớp trung cấp LLCT' });
if (session) {
  $('h1').after(llctNav(''));
  load();
}

function showError(text) {
  const el = $('#error');
  el.textContent = text || '';
  el.hidden = !text;
}

async function load() {
  if (!id) {
    showError('Thiếu mã lớp trong địa chỉ trang.');
    return;
  }
  try {
    const [c, learners] = await Promise.all([get(`${API}/classes/${id}`), get(`${API}/classes/${id}/learners`)]);
    cls = c;
    render(c, learners);
  } catch (e) {
    showError(e.message);
  }
}

function render(c, learners) {
  document.title = `Lớp ${c.code} — Cadre Suite`;
  $('h1').textContent = `Lớp ${c.code}`;
  renderFacts(c);
  renderEdit(c);
  renderSteps(c);
  renderUnits(c);
  renderLearners(c, learners);
}

// ---- facts -------------------------------------------------------------------

function renderFacts(c) {
  const f = c.funnel;
  replace($('#facts'),
    h('dl', { class: 'facts' },
      fact('Kế hoạch', h('a', { href: `/llct/?plan=${c.plan_id}` }, `Số ${c.plan_number} (${c.plan_year})`)),
      fact('Trường', c.school_name),
      fact('Hình thức', modeBadge(c)),
      fact('Sĩ số', `dự kiến ${num(c.planned_learners)}, tối đa ${c.cap}; chỉ tiêu đã giao ${c.allotted_total}; hồ sơ đang có ${c.active_count}`),
      fact('Tháng (kế hoạch)', `${c.month}/${c.year}`),
      fact('Địa điểm', c.location || '—'),
      fact('Khai giảng, nhập học', `${formatDate(c.opening_on) || '—'}; nhập học ${formatDate(c.enrolment_on) || '—'}`),
      fact('Kết thúc', `${formatDate(c.end_on) || '—'}; học phần thứ nhất kết thúc ${formatDate(c.first_module_end_on) || '—'}`),
      fact('Kết quả tuyển sinh', `nộp hồ sơ ${f.submitted} (đang xét ${f.pending}, cần bổ sung ${f.needs_supplement}); `
        + `đủ điều kiện ${f.eligible}; không đủ ${f.ineligible}; trúng tuyển ${f.admitted}; nhập học ${f.enrolled}; `
        + `đang học ${f.studying}; tốt nghiệp ${f.graduated}; bỏ học ${f.dropped}; rút hồ sơ ${f.withdrawn}`)),
    h('p', { class: 'toolbar no-print' },
      h('a', { class: 'button', href: `/llct/print.html?class=${c.id}` }, 'Danh sách trích ngang (bản in)')));
}

// ---- mode, size, dates ----------------------------------------------------------

function renderEdit(c) {
  if (!c.can_manage) {
    replace($('#edit'));
    return;
  }
  const form = createForm({
    id: 'class-form',
    submitLabel: 'Lưu thông tin lớp',
    values: c,
    fields: [
      { name: 'mode', label: 'Hình thức đào tạo', type: 'select', options: [
        { value: 'full_time', label: `Tập trung (tối đa ${c.cap_full_time} học viên)` },
        { value: 'part_time', label: `Không tập trung (tối đa ${c.cap_part_time} học viên)` }] },
      { name: 'planned_learners', label: 'Số học viên dự kiến', type: 'number', min: 1, max: 80, width: 's' },
      { name: 'opening_on', label: 'Ngày khai giảng', type: 'date' },
      { name: 'enrolment_on', label: 'Ngày nhập học (theo giấy báo)', type: 'date' },
      { name: 'end_on', label: 'Ngày kết thúc khóa học', type: 'date' },
      { name: 'first_module_end_on', label: 'Ngày kết thúc học phần thứ nhất', type: 'date',
        hint: 'Hạn cuối nhập học bổ sung.' },
      { name: 'location', label: 'Địa điểm mở lớp', width: 'l' },
    ],
    onSubmit: (v) => put(`${API}/classes/${c.id}`, v),
    onSuccess: (r) => {
      notify(r.warnings?.length ? `Đã lưu. Lưu ý: ${r.warnings.map((w) => w.message).join(' ')}` : 'Đã lưu thông tin lớp.',
        r.warnings?.length ? 'warning' : 'success');
      load();
    },
  });
  replace($('#edit'), h('details', null, h('summary', { id: 'edit-title' }, 'Hình thức, sĩ số và ngày của lớp'), form.el));
}

// ---- the seven steps ---------------------------------------------------------------

const STEP_FIELDS = {
  1: [['done_on', 'Ngày gửi thông báo tuyển sinh']],
  2: [['done_on', 'Ngày hết hạn nhận hồ sơ']],
  3: [['planned_start', 'Ngày bắt đầu xét (dự kiến)'], ['start_on', 'Ngày bắt đầu xét hồ sơ'],
    ['done_on', 'Ngày kết thúc xét hồ sơ']],
  4: [['report_on', 'Ngày báo cáo kết quả với Ban Tổ chức'], ['appraisal_on', 'Ngày có ý kiến thẩm định'],
    ['done_on', 'Ngày quyết định công nhận trúng tuyển']],
  5: [['done_on', 'Ngày hoàn thành ký hợp đồng, thu kinh phí']],
  6: [['done_on', 'Ngày gửi giấy báo nhập học']],
  7: [['done_on', 'Ngày quyết định mở lớp']],
};

function stepDates(s) {
  const parts = [];
  if (s.planned_start) parts.push(`bắt đầu dự kiến ${formatDate(s.planned_start)}`);
  if (s.planned_on) parts.push(`dự kiến ${formatDate(s.planned_on)}`);
  if (s.start_on) parts.push(`bắt đầu ${formatDate(s.start_on)}`);
  if (s.report_on) parts.push(`báo cáo ${formatDate(s.report_on)}`);
  if (s.appraisal_on) parts.push(`thẩm định ${formatDate(s.appraisal_on)}`);
  if (s.done_on) parts.push(`thực hiện ${formatDate(s.done_on)}`);
  return parts.join('; ') || 'chưa ghi ngày';
}

function openStep(c, s) {
  const form = createForm({
    id: `step-${s.step}`,
    submitLabel: 'Lưu bước',
    values: { ...s, complete: s.completed },
    fields: [
      { name: 'planned_on', label: 'Ngày dự kiến hoàn thành', type: 'date' },
      ...STEP_FIELDS[s.step].map(([name, label]) => ({ name, label, type: 'date' })),
      { name: 'doc_number', label: 'Số văn bản', width: 'm',
        hint: s.step === 4 ? 'Số quyết định công nhận trúng tuyển.' : s.step === 7 ? 'Số quyết định mở lớp.' : null },
      { name: 'responsible_text', label: 'Bộ phận thực hiện', width: 'l' },
      { name: 'note', label: 'Ghi chú', type: 'textarea', rows: 2 },
      { name: 'complete', label: 'Đánh dấu hoàn thành bước này', type: 'checkbox' },
    ],
    onSubmit: (v) => {
      const body = { ...v };
      if (!v.complete) delete body.complete;
      if (s.completed && !v.complete && isAdmin()) body.reopen = true;
      return post(`${API}/classes/${c.id}/steps/${s.step}`, body);
    },
    onSuccess: (r) => {
      d.close(true);
      const extra = [];
      if (r.admitted) extra.push(`${r.admitted} hồ sơ được công nhận trúng tuyển.`);
      if (r.opened) extra.push(`${r.opened} học viên vào lớp.`);
      const warn = r.warnings?.map((w) => w.message) || [];
      notify([`Đã lưu bước ${s.step}.`, ...extra, ...warn].join(' '), warn.length ? 'warning' : 'success');
      load();
    },
    onCancel: () => d.close(null),
  });
  const d = openDialog({ title: `Bước ${s.step}. ${s.title}`, content: form.el, wide: true });
}

function renderSteps(c) {
  const items = c.steps.map((s) => h('li', { class: 'card', dataset: { step: String(s.step) } },
    h('h3', { class: 'card-title' }, `Bước ${s.step}. ${s.title} `, badge(DUE, s.due_status)),
    h('p', { class: 'card-text' },
      s.due_on ? `Hạn: ${formatDate(s.due_on)}. ` : '',
      stepDates(s), s.doc_number ? `; văn bản số ${s.doc_number}` : '',
      s.depends_on.length ? h('span', { class: 'muted' }, ` (sau bước ${s.depends_on.join(', ')})`) : ''),
    (s.warnings_json || []).map((w) => h('p', { class: 'notice notice-warning' }, w.message)),
    c.can_manage ? h('button', { type: 'button', class: 'button button-small no-print', onclick: () => openStep(c, s) },
      `Cập nhật bước ${s.step}`) : null));
  replace($('#steps'), h('h2', { id: 'steps-title' }, 'Quy trình tuyển sinh, mở lớp'), h('ol', { class: 'cards' }, items));
}

// ---- units, allotments, contracts --------------------------------------------------------

function unitOptions(c) {
  return c.allotments.filter((a) => a.agency_id).map((a) => ({ value: a.agency_id, label: a.agency_name || a.name_text }));
}

function openContract(c) {
  const form = createForm({
    id: 'contract-form',
    submitLabel: 'Lưu hợp đồng',
    fields: [
      { name: 'agency_id', label: 'Đơn vị cử người đi học', type: 'select', required: true, options: unitOptions(c) },
      { name: 'contract_no', label: 'Số hợp đồng', required: true, width: 'm' },
      { name: 'signed_on', label: 'Ngày ký hợp đồng', type: 'date', required: true },
      { name: 'fee_amount', label: 'Kinh phí (đồng)', type: 'number', min: 0 },
      { name: 'paid_on', label: 'Ngày nộp kinh phí', type: 'date' },
    ],
    onSubmit: (v) => post(`${API}/classes/${c.id}/contracts`, v),
    onSuccess: () => {
      d.close(true);
      notify('Đã lưu hợp đồng.');
      load();
    },
    onCancel: () => d.close(null),
  });
  const d = openDialog({ title: 'Hợp đồng, kinh phí đào tạo', content: form.el });
}

function openAllotment(c) {
  const form = createForm({
    id: 'allot-form',
    submitLabel: 'Lưu chỉ tiêu',
    fields: [
      agencyField({ name: 'agency_id', label: 'Đơn vị cử học viên', required: true }),
      { name: 'allotted', label: 'Chỉ tiêu (người)', type: 'number', min: 0, max: 80, required: true,
        hint: 'Ghi 0 để bỏ chỉ tiêu của đơn vị (khi đơn vị chưa cử ai).' },
    ],
    onSubmit: (v) => put(`${API}/classes/${c.id}/allotments`, v),
    onSuccess: () => {
      d.close(true);
      notify('Đã lưu chỉ tiêu.');
      load();
    },
    onCancel: () => d.close(null),
  });
  const d = openDialog({ title: 'Giao chỉ tiêu cho đơn vị', content: form.el });
}

function renderUnits(c) {
  const table = createTable({
    caption: 'Đơn vị cử học viên và chỉ tiêu',
    rows: c.allotments,
    filter: false,
    columns: [
      { key: 'name_text', label: 'Đơn vị (như kế hoạch ghi)' },
      { key: 'agency_name', label: 'Đơn vị trong hệ thống', render: (a) => (a.agency_id
        ? h('span', null, a.agency_name, a.agency_status === 'pending' ? h('span', { class: 'badge badge-warn' }, ' chờ xác nhận') : '')
        : h('span', { class: 'muted' }, 'không phải một đơn vị')) },
      { key: 'allotted', label: 'Chỉ tiêu', render: (a) => (a.allotted == null ? h('span', { class: 'badge badge-warn' }, 'chưa phân bổ') : num(a.allotted)) },
      { key: 'nominated', label: 'Đã cử', format: 'number' },
      { key: 'contract_no', label: 'Hợp đồng', value: (a) => (a.contract_no ? `${a.contract_no} (${formatDate(a.signed_on)})` : '') },
      { key: 'paid_on', label: 'Nộp kinh phí', format: 'date' },
    ],
  });
  const tools = c.can_manage ? h('p', { class: 'toolbar no-print' },
    h('button', { type: 'button', class: 'button', onclick: () => openAllotment(c) }, 'Giao chỉ tiêu'),
    h('button', { type: 'button', class: 'button', onclick: () => openContract(c) }, 'Ghi hợp đồng, kinh phí')) : null;
  replace($('#units'), h('h2', { id: 'units-title' }, 'Đơn vị cử học viên'), tools, table.el);
}

// ---- learners ---------------------------------------------------------------------------

function openNominate(c) {
  const units = c.can_manage ? c.allotments : c.allotments.filter((a) => a.mine);
  const form = createForm({
    id: 'learner-form',
    submitLabel: 'Lưu hồ sơ',
    values: { submitted_on: today() },
    fields: [
      { name: 'agency_id', label: 'Đơn vị cử đi học', type: 'select', required: true,
        options: units.filter((a) => a.agency_id && a.allotted != null)
          .map((a) => ({ value: a.agency_id, label: `${a.agency_name} (chỉ tiêu ${a.allotted}, đã cử ${a.nominated})` })) },
      { name: 'full_name', label: 'Họ và tên', required: true, width: 'l', autocomplete: 'off' },
      { name: 'birth_date', label: 'Ngày sinh', type: 'date', required: true },
      { name: 'gender', label: 'Giới tính', type: 'radios', options: [{ value: 'male', label: 'Nam' }, { value: 'female', label: 'Nữ' }] },
      { name: 'cccd', label: 'Số căn cước công dân', required: true, inputmode: 'numeric', width: 'm',
        pattern: '[0-9 ]{12,15}', patternMessage: 'Số căn cước gồm 12 chữ số.' },
      { name: 'ethnicity', label: 'Dân tộc', width: 's' },
      { name: 'party_joined_on', label: 'Ngày vào Đảng', type: 'date' },
      { name: 'position', label: 'Chức vụ', width: 'l' },
      { name: 'workplace', label: 'Đơn vị công tác', width: 'l' },
      { name: 'education', label: 'Trình độ chuyên môn', width: 'm' },
      { name: 'phone', label: 'Điện thoại', type: 'tel', width: 'm' },
      { name: 'email', label: 'Thư điện tử', type: 'email', width: 'l' },
      { name: 'submitted_on', label: 'Ngày nộp hồ sơ', type: 'date' },
    ],
    onSubmit: (v, { idempotencyKey }) => post(`${API}/classes/${c.id}/learners`, v, { idempotencyKey }),
    onSuccess: (r) => {
      d.close(true);
      notify(r.supplementary ? 'Đã nhận hồ sơ (tuyển bổ sung).' : 'Đã nhận hồ sơ dự tuyển.');
      load();
    },
    onCancel: () => d.close(null),
  });
  const d = openDialog({ title: 'Hồ sơ dự tuyển', content: form.el, wide: true });
}

function openMove(c, l) {
  const targets = c.can_manage ? NEXT[l.state] : NEXT[l.state].filter((s) => s === 'withdrawn');
  const form = createForm({
    id: 'move-form',
    submitLabel: 'Lưu',
    values: { on: today() },
    fields: [
      { name: 'to', label: 'Trạng thái mới', type: 'select', required: true,
        options: targets.map((s) => ({ value: s, label: STATES[s][0] })) },
      { name: 'on', label: 'Ngày chuyển trạng thái', type: 'date', required: true },
      { name: 'reason', label: 'Lý do', width: 'l',
        hint: 'Bắt buộc khi kết luận không đủ điều kiện, rút hồ sơ, bỏ học, nhập học chậm.' },
      { name: 'doc_no', label: 'Số quyết định', width: 'm',
        hint: 'Quyết định của Hiệu trưởng khi cho nhập học chậm, trúng tuyển bổ sung.' },
      { name: 'supplement_due', label: 'Hạn bổ sung hồ sơ', type: 'date' },
      { name: 'unit_confirmation', label: 'Xác nhận của đơn vị cử đi học', width: 'l',
        hint: 'Văn bản xác nhận lý do nhập học chậm.' },
    ],
    onSubmit: (v) => post(`${API}/learners/${l.id}/transition`, v),
    onSuccess: (r) => {
      d.close(true);
      notify(`${l.full_name}: ${STATES[r.state][0]}${r.late_days ? ` (chậm ${r.late_days} ngày)` : ''}.`);
      load();
    },
    onCancel: () => d.close(null),
  });
  const d = openDialog({ title: `Hồ sơ ${l.full_name}`, content: form.el });
}

function openIssue(l) {
  const form = createForm({
    id: 'issue-form',
    submitLabel: 'Cấp bằng',
    values: { on: today() },
    fields: [
      { name: 'serial', label: 'Số hiệu phôi bằng', required: true, width: 'm', autocomplete: 'off' },
      { name: 'on', label: 'Ngày cấp', type: 'date', required: true },
      { name: 'register_no', label: 'Số vào sổ cấp bằng', width: 'm' },
    ],
    onSubmit: (v, { idempotencyKey }) => post(`${API}/blanks/issue`, { ...v, learner_id: l.id }, { idempotencyKey }),
    onSuccess: () => {
      d.close(true);
      notify(`Đã cấp bằng cho ${l.full_name}.`);
      load();
    },
    onCancel: () => d.close(null),
  });
  const d = openDialog({ title: `Cấp bằng cho ${l.full_name}`, content: form.el });
}

async function noShows(c) {
  if (!await confirmDialog({ title: 'Người không nhập học', confirmLabel: 'Xử lý',
    message: `Những người trúng tuyển chưa nhập học sau ${c.late_max_days} ngày kể từ ngày nhập học bị coi là bỏ học: hủy kết quả xét tuyển và báo cáo. Tiếp tục?` })) return;
  try {
    const r = await post(`${API}/classes/${c.id}/no-shows`);
    notify(`Đã xử lý ${r.dropped} người không nhập học.`);
    load();
  } catch (e) {
    notify(e.message, 'error');
  }
}

function renderLearners(c, learners) {
  const actions = (l) => {
    const out = [];
    const canMove = c.can_manage ? NEXT[l.state].length : NEXT[l.state].includes('withdrawn');
    if (canMove) out.push(h('button', { type: 'button', class: 'button button-small', onclick: () => openMove(c, l) }, 'Chuyển trạng thái'));
    if (c.can_manage && l.state === 'graduated' && !l.diploma_serial) {
      out.push(' ', h('button', { type: 'button', class: 'button button-small', onclick: () => openIssue(l) }, 'Cấp bằng'));
    }
    return h('span', null, out);
  };
  const table = createTable({
    caption: 'Hồ sơ học viên',
    rowKey: 'id',
    rows: learners,
    exportUrl: apiUrl(`${API}/classes/${c.id}/learners`),
    empty: 'Lớp chưa có hồ sơ.',
    columns: [
      { key: 'full_name', label: 'Họ và tên' },
      { key: 'birth_date', label: 'Ngày sinh', format: 'date' },
      { key: 'sending_agency_name', label: 'Đơn vị cử' },
      { key: 'state', label: 'Trạng thái', value: (l) => l.state_title,
        render: (l) => h('span', null, badge(STATES, l.state), l.supplementary ? h('span', { class: 'muted' }, ' (bổ sung)') : '') },
      { key: 'enrolled_on', label: 'Nhập học', value: (l) => (l.enrolled_on ? `${formatDate(l.enrolled_on)}${l.late_days ? ` (chậm ${l.late_days} ngày)` : ''}` : '') },
      { key: 'state_reason', label: 'Lý do' },
      { key: 'diploma_serial', label: 'Số hiệu bằng' },
      { key: 'actions', label: 'Thao tác', sortable: false, className: 'col-actions', render: actions },
    ],
  });
  const canNominate = c.can_manage ? hasRole('officer') || isAdmin() : c.allotments.some((a) => a.mine);
  const tools = h('p', { class: 'toolbar no-print' },
    canNominate ? h('button', { type: 'button', class: 'button button-primary', onclick: () => openNominate(c) }, 'Thêm hồ sơ dự tuyển') : null,
    c.can_manage ? h('button', { type: 'button', class: 'button', onclick: () => noShows(c) }, 'Xử lý người không nhập học') : null);
  replace($('#learners'), h('h2', { id: 'learners-title' }, 'Học viên'), tools, table.el);
}
