// summary.js — the council summary sheet (phiếu tổng hợp) of one cycle, laid
// out for printing: every criterion with the school's, the provincial and
// the central council's results side by side, and signature blocks.

import { initShell } from '/assets/js/shell.js';
import { get } from '/assets/js/api.js';
import { $, h } from '/assets/js/dom.js';
import { formatNumber, formatDate, today } from '/assets/js/format.js';
import { API, STATE, accrNav, levelsText, param, showError, exportLinks } from '/accreditation/common.js';

const session = await initShell({ module: 'accreditation', title: 'Phiếu tổng hợp' });
const id = param('id');
if (session) start();

const RESULT_TEXT = { met: 'Đạt', partial: 'Đạt một phần', not_met: 'Không đạt', not_applicable: 'Không áp dụng' };

function cell(res, score) {
  if (!res) return '—';
  return score != null ? `${RESULT_TEXT[res]} (${formatNumber(score)})` : RESULT_TEXT[res];
}

async function start() {
  const content = $('#content');
  let s;
  try {
    s = await get(`${API}/cycles/${id}/summary`);
  } catch (e) {
    showError(content, e);
    return;
  }
  const c = s.cycle;
  $('h1').textContent = `Phiếu tổng hợp kết quả đánh giá — ${s.school_name}`;
  const table = h('table', { class: 'data-table criteria-table' },
    h('caption', null, `${c.title} (tiêu chuẩn ${s.version_code}, đăng ký mức ${c.target_level})`),
    h('thead', null, h('tr', null, ['Mã', 'Tiêu chí, chỉ báo', 'Mức', 'Bắt buộc', 'Điểm tối đa', 'Tự đánh giá',
      'HĐ cấp tỉnh', 'HĐ Trung ương', 'Số minh chứng'].map((t) => h('th', { scope: 'col' }, t)))),
    h('tbody', null, s.items.map((i) => h('tr', null,
      h('th', { scope: 'row' }, i.code), h('td', null, i.title), h('td', null, levelsText(i.levels)),
      h('td', null, i.mandatory ? 'x' : ''), h('td', null, i.max_score != null ? formatNumber(i.max_score) : '—'),
      h('td', null, cell(i.self_result, i.self_score)), h('td', null, cell(i.provincial_result, i.provincial_score)),
      h('td', null, cell(i.central_result, i.central_score)), h('td', null, formatNumber(i.evidence_count))))));
  const r = s.readiness;
  content.replaceChildren(
    accrNav(''),
    h('p', { class: 'no-print' }, h('a', { href: `/accreditation/cycle.html?id=${c.id}` }, '← Về hồ sơ')),
    exportLinks(`/cycles/${c.id}/summary`),
    s.is_sample ? h('p', { class: 'notice notice-warning' }, 'Bộ tiêu chí MẪU — không phải văn bản của Quy định.') : null,
    h('p', { class: 'sheet-head' }, `Trạng thái hồ sơ: ${STATE[c.state]?.[0] || c.state}. In ngày ${formatDate(today())}.`),
    h('p', null, `Mức 1: đạt ${r.level1.met}/${r.level1.total} tiêu chí, ${r.level1.unmet_mandatory} tiêu chí bắt buộc chưa đạt. `
      + `Mức 2: đạt ${r.level2.met}/${r.level2.total} tiêu chí, ${r.level2.unmet_mandatory} tiêu chí bắt buộc chưa đạt.`),
    h('div', { class: 'table-scroll', role: 'region', 'aria-label': 'Bảng tổng hợp', tabindex: 0 }, table),
    h('div', { class: 'signatures' },
      h('div', null, h('p', null, 'THƯ KÝ HỘI ĐỒNG')),
      h('div', null, h('p', null, 'CHỦ TỊCH HỘI ĐỒNG'))));
}
