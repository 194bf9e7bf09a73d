// import.js — upload a plan file; the answer is the import report: each
// appendix and the whole plan, classes and learners by mode, against what
// the plan's text and the tables' total rows declare, with every mismatch,
// warning and (when refused) error with its line.

import { initShell, notify } from '/assets/js/shell.js';
import { h, $, replace } from '/assets/js/dom.js';
import { post, ApiError } from '/assets/js/api.js';
import { createForm } from '/assets/js/form.js';
import { agencyField } from '/assets/js/agency-picker.js';
import { formatDate } from '/assets/js/format.js';
import { API, CHECK, RATIO, badge, num, fact, llctNav } from '/llct/common.js';

const session = await initShell({ module: 'llct', title: 'Nhập kế hoạch đào tạo trung cấp LLCT' });
if (session) start();

function start() {
  $('h1').after(llctNav('import'));
  const file = {
    type: 'custom', name: 'file', label: 'Tệp kế hoạch', required: true,
    create: ({ id }) => {
      const input = h('input', { type: 'file', id, accept: '.txt,text/plain' });
      return { el: input, input, get: () => input.files[0] || null, set: () => { input.value = ''; } };
    },
  };
  const form = createForm({
    id: 'import-form',
    submitLabel: 'Gửi tệp',
    values: { dry_run: true },
    fields: [
      file,
      agencyField({ name: 'agency_id', label: 'Đơn vị ban hành (để trống: theo văn bản)', query: { kind: 'province' } }),
      agencyField({ name: 'school_id', label: 'Trường thực hiện (để trống: trường của tỉnh)' }),
      { name: 'dry_run', label: 'Chạy thử (chỉ xem báo cáo, không ghi gì)', type: 'checkbox' },
    ],
    onSubmit: async (v) => {
      const data = new FormData();
      data.append('file', v.file);
      data.append('dry_run', v.dry_run ? '1' : '0');
      if (v.agency_id) data.append('agency_id', String(v.agency_id));
      if (v.school_id) data.append('school_id', String(v.school_id));
      try {
        return await post(`${API}/import`, data, { timeout: 120000 });
      } catch (e) {
        if (e instanceof ApiError && e.code === 'import_invalid') renderErrors(e);
        throw e;
      }
    },
    onSuccess: (r) => {
      renderReport(r);
      notify(r.dry_run ? 'Chạy thử xong: chưa ghi gì.' : `Đã nhập kế hoạch số ${r.plan.number}.`);
    },
  });
  replace($('#form'), form.el);
}

const METRIC = {
  classes: 'Số lớp', learners: 'Số học viên', ft_classes: 'Lớp tập trung', ft_learners: 'Học viên tập trung',
  pt_classes: 'Lớp không tập trung', pt_learners: 'Học viên không tập trung',
};

function checks(caption, list) {
  return h('div', { class: 'table-scroll' }, h('table', { class: 'data-table' },
    h('caption', null, caption),
    h('thead', null, h('tr', null, ['Chỉ tiêu', 'Theo bảng', 'Kế hoạch nêu', 'Nguồn', 'Đối chiếu'].map((t) => h('th', { scope: 'col' }, t)))),
    h('tbody', null, list.map((c) => h('tr', { dataset: { metric: c.metric, against: c.against } },
      h('th', { scope: 'row' }, METRIC[c.metric] || c.title || c.metric),
      h('td', { class: 'num' }, num(c.computed)), h('td', { class: 'num' }, num(c.declared)),
      h('td', null, c.against === 'table_total' ? 'dòng tổng của bảng' : 'văn bản kế hoạch'),
      h('td', null, badge(CHECK, c.status)))))));
}

function tally(t) {
  return `${num(t.classes)} lớp, ${num(t.learners)} học viên (tập trung ${num(t.full_time.classes)}/${num(t.full_time.learners)}; `
    + `không tập trung ${num(t.part_time.classes)}/${num(t.part_time.learners)}; chưa xác định ${num(t.undecided.classes)}/${num(t.undecided.learners)})`;
}

function renderReport(r) {
  const p = r.plan;
  const created = r.created;
  replace($('#report'),
    h('h2', null, r.dry_run ? 'Báo cáo chạy thử' : 'Báo cáo nhập kế hoạch'),
    h('p', { class: `notice ${r.consistent ? 'notice-success' : 'notice-warning'}`, id: 'consistency' },
      r.consistent ? 'Số lớp, số học viên khớp với số liệu kế hoạch nêu.'
        : `Có ${r.mismatch_count} chỉ tiêu không khớp với số liệu kế hoạch nêu (xem các bảng dưới).`),
    h('dl', { class: 'facts', id: 'report-facts' },
      fact('Kế hoạch', `Số ${p.number} ngày ${formatDate(p.issued_on)}, năm ${p.year}`),
      fact('Cơ quan ban hành', p.issuer || '—'),
      fact('Học viên theo văn bản', `${num(p.targets.total)} (tập trung ${num(p.targets.full_time)}, không tập trung ${num(p.targets.part_time)})`),
      fact('Toàn kế hoạch', h('span', { dataset: { key: 'overall' } }, tally(r.overall))),
      fact('Tỷ lệ lớp tập trung', `${r.ratio.full_time}/${r.ratio.part_time} (tối thiểu ${r.ratio.num}/${r.ratio.den}) `, badge(RATIO, r.ratio.status)),
      fact('Kết quả', h('span', { dataset: { key: 'result' } }, r.dry_run
        ? `Sẽ tạo ${created.classes} lớp, ${created.lines} dòng; ${r.pending_agencies.length} đơn vị chưa có trong hệ thống (chờ xác nhận).`
        : `${created.classes} lớp tạo mới, ${r.existing.classes} lớp đã có; ${created.agencies_pending} đơn vị chờ xác nhận.`))),
    r.appendices.map((a) => [
      h('h3', null, `Phụ lục ${a.appendix}: ${a.lines} dòng — ${tally(a)}`),
      checks(`Đối chiếu Phụ lục ${a.appendix}`, a.checks),
      a.undecided_lines.length ? h('p', { class: 'notice notice-warning' }, a.undecided_lines.map((l) =>
        `Dòng ${l.seq}: ${l.classes} lớp, ${num(l.learners)} học viên chưa chia lớp, chưa xác định hình thức. `)) : null]),
    checks('Đối chiếu toàn kế hoạch', [...r.overall.checks, ...r.text_checks]),
    r.warnings.length ? [h('h3', null, 'Cảnh báo'), h('ul', null, r.warnings.map((w) => h('li', null, w.message)))] : null,
    r.changed.length ? [h('h3', null, 'Khác với dữ liệu đã có (không ghi đè)'),
      h('ul', null, r.changed.map((c) => h('li', null, `${c.key}: đã có ${c.stored}, tệp ghi ${c.file}`)))] : null,
    !r.dry_run && p.id ? h('p', null, h('a', { class: 'button', href: `/llct/?plan=${p.id}` }, 'Xem kế hoạch')) : null);
}

function renderErrors(e) {
  replace($('#report'),
    h('h2', null, 'Tệp chưa nhập được'),
    h('ul', { class: 'notice notice-error' }, (e.body?.errors || []).map((x) => h('li', null, x.message))));
}
