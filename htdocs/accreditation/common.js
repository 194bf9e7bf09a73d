// common.js — what every page of the accreditation module (trường chính trị
// chuẩn) shares: labels and badges, the module's sub-navigation, small
// helpers for pages that take ?id=, and the upload form.

import { h } from '/assets/js/dom.js';
import { apiUrl } from '/assets/js/api.js';
import { createForm } from '/assets/js/form.js';
import { hasRole } from '/assets/js/shell.js';

export const API = '/api/accreditation';

export const STATE = {
  draft: ['Khởi tạo', 'badge-info'],
  self_assessing: ['Đang tự đánh giá', 'badge-info'],
  submitted_provincial: ['Đã nộp Hội đồng cấp tỉnh', 'badge-warn'],
  provincial_review: ['Hội đồng cấp tỉnh đang đánh giá', 'badge-warn'],
  changes_requested: ['Yêu cầu bổ sung, hoàn thiện', 'badge-off'],
  resubmitted: ['Đã nộp lại sau bổ sung', 'badge-warn'],
  endorsed: ['Hội đồng cấp tỉnh đề nghị công nhận', 'badge-ok'],
  submitted_central: ['Đã trình Hội đồng cấp Trung ương', 'badge-warn'],
  central_appraisal: ['Hội đồng cấp Trung ương đang thẩm định', 'badge-warn'],
  recognised: ['Được công nhận đạt chuẩn', 'badge-ok'],
  not_recognised: ['Không được công nhận', 'badge-off'],
};
export const RESULT = {
  met: ['Đạt', 'badge-ok'],
  partial: ['Đạt một phần', 'badge-warn'],
  not_met: ['Không đạt', 'badge-off'],
  not_applicable: ['Không áp dụng', 'badge-info'],
};
export const VALIDITY = {
  valid: ['Còn hiệu lực', 'badge-ok'],
  expiring: ['Sắp hết hiệu lực', 'badge-warn'],
  expired: ['Hết hiệu lực', 'badge-off'],
  not_yet_valid: ['Chưa có hiệu lực', 'badge-info'],
};
export const RECOGNITION = {
  active: ['Đang duy trì', 'badge-ok'],
  warning: ['Cảnh báo', 'badge-warn'],
  withdrawn: ['Đã thu hồi', 'badge-off'],
};
export const PROJECT_FLAG = {
  on_time: ['Đã trình đúng hạn', 'badge-ok'],
  late: ['Trình sau thời hạn', 'badge-warn'],
  pending: ['Chưa trình (còn hạn)', 'badge-info'],
  missing: ['Chưa trình — quá hạn', 'badge-off'],
};
export const SEVERITY = {
  minor: ['Nhẹ', 'badge-info'],
  major: ['Nghiêm trọng', 'badge-warn'],
  critical: ['Rất nghiêm trọng', 'badge-off'],
};
export const OUTCOME = {
  maintained: ['Duy trì đạt chuẩn', 'badge-ok'],
  warning: ['Cảnh báo, yêu cầu khắc phục', 'badge-warn'],
  withdrawn: ['Thu hồi công nhận', 'badge-off'],
};
export const COUNCIL_LEVEL = { provincial: 'Hội đồng đánh giá cấp tỉnh', central: 'Hội đồng cấp Trung ương' };
export const MEMBER_ROLE = { chair: 'Chủ tịch', vice_chair: 'Phó Chủ tịch', secretary: 'Thư ký', member: 'Ủy viên' };
export const STAFF_KIND = { lecturer: 'Giảng viên', manager: 'Cán bộ quản lý', both: 'Quản lý kiêm giảng dạy' };
export const DEGREE = { none: 'Chưa qua đào tạo', bachelor: 'Đại học', master: 'Thạc sĩ', doctor: 'Tiến sĩ' };
export const TITLE = { none: '—', associate_professor: 'Phó Giáo sư', professor: 'Giáo sư' };
export const THEORY = { none: 'Chưa có', elementary: 'Sơ cấp', intermediate: 'Trung cấp', advanced: 'Cao cấp', bachelor: 'Cử nhân' };
export const RANK = { none: '—', lecturer: 'Giảng viên', main_lecturer: 'Giảng viên chính', senior_lecturer: 'Giảng viên cao cấp' };

export function badge(map, code, fallback = '—') {
  const [label, cls] = map[code] || [code || fallback, 'badge-info'];
  return h('span', { class: `badge ${cls}` }, label);
}

export function options(map) {
  return Object.entries(map).map(([value, label]) => ({ value, label: Array.isArray(label) ? label[0] : label }));
}

export function levelsText(levels) {
  return { 1: '1', 2: '2', 3: '1, 2' }[levels] || '—';
}

export function param(name) {
  return new URLSearchParams(location.search).get(name);
}

export function showError(container, e) {
  container.replaceChildren(h('p', { class: 'notice notice-error', role: 'alert' }, e.message || String(e)));
}

export const isAcademy = () => hasRole('accr_academy');
export const isProvince = () => hasRole('accr_province');
export const isSchool = () => hasRole('accr_school_officer') || hasRole('accr_school_head');

/** Links between the module's pages. */
export function accrNav(current) {
  const pages = [
    ['index', 'Tổng quan', '/accreditation/'],
    ['catalogue', 'Bộ tiêu chí', '/accreditation/catalogue.html'],
    ['councils', 'Hội đồng', '/accreditation/councils.html'],
    ['register', 'Sổ công nhận', '/accreditation/register.html'],
    ['reports', 'Báo cáo', '/accreditation/reports.html'],
  ];
  return h('nav', { class: 'toolbar no-print', 'aria-label': 'Các trang trường chính trị chuẩn' },
    pages.map(([key, label, href]) => h('a', {
      class: key === current ? 'button button-small button-primary' : 'button button-small',
      href,
      'aria-current': key === current ? 'page' : null,
    }, label)));
}

export function fact(label, value) {
  return [h('dt', null, label), h('dd', null, value == null || value === '' ? '—' : value)];
}

/** "Xuất CSV" / "Xuất Excel" / "In" for a report route. */
export function exportLinks(path, query = {}) {
  return h('p', { class: 'toolbar no-print' },
    h('a', { class: 'button button-small', href: apiUrl(API + path, { ...query, format: 'csv' }), download: '' }, 'Xuất CSV'),
    h('a', { class: 'button button-small', href: apiUrl(API + path, { ...query, format: 'xlsx' }), download: '' }, 'Xuất Excel'),
    h('button', { type: 'button', class: 'button button-small', onclick: () => window.print() }, 'In'));
}

/** A file input as a form.js custom field; get() is the chosen File. */
export function fileField({ name, label, accept, required = false, hint }) {
  return {
    name, label, type: 'custom', required, hint,
    create: ({ id }) => {
      const input = h('input', { type: 'file', id, name, accept });
      return { el: input, input, get: () => input.files[0] || null, set: () => { input.value = ''; } };
    },
  };
}

/** A createForm whose values go out as multipart (with the file). */
export function uploadForm(spec) {
  return createForm({
    ...spec,
    onSubmit: (values, meta) => {
      const data = new FormData();
      for (const [k, v] of Object.entries(values)) {
        if (v == null) continue;
        data.append(k, v instanceof File ? v : String(v === true ? '1' : v === false ? '0' : v));
      }
      return spec.onSubmit(data, meta);
    },
  });
}

export function yesNo(v) {
  return v ? 'Có' : 'Không';
}
