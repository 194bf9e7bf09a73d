// chart.js — horizontal bar and stacked-bar charts without dependencies.
//
// Each category is one row: its name as HTML text (wraps, stays readable on a
// phone, prints crisply), an SVG bar scaled to the row's width, and the value.
// Horizontal bars suit what dashboards here compare: provinces, units, schools
// with long Vietnamese names. The figure is hidden from assistive technology;
// a real table with the same numbers stands in for it (and can be shown with
// a button), so nobody depends on colour or shape.

import { h, uid } from './dom.js';
import { formatNumber } from './format.js';

const SVG = 'http://www.w3.org/2000/svg';
const SCALE = 1000; // viewBox width: bars are in thousandths of the row

function svg(tag, attrs) {
  const el = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, String(v));
  return el;
}

/**
 * barChart({title, categories, series, stacked, unit, format, showTable})
 *   categories  ['Hà Nội', 'Nghệ An', …]
 *   series      [{name: 'Đã đăng ký', values: [120, 80, …]}, …]  (up to 6 series)
 *   stacked     true: series are parts of one bar (totals shown)
 *   unit        text after numbers in the table header, e.g. 'người'
 *   format      number → text (default Vietnamese grouping "1.046")
 *   categoryLabel  header of the table's first column (default 'Danh mục')
 * Returns a <figure>.
 */
export function barChart({ title, categories, series, stacked = false, unit = '', format = formatNumber, showTable = false, categoryLabel = 'Danh mục' }) {
  const n = series.length;
  const totals = categories.map((_, i) => series.reduce((s, se) => s + (Number(se.values[i]) || 0), 0));
  const max = Math.max(1, ...(stacked ? totals : series.flatMap((s) => s.values.map((v) => Number(v) || 0))));

  const rows = categories.map((cat, i) => {
    const bar = svg('svg', { class: 'chart-bar', viewBox: `0 0 ${SCALE} ${stacked ? 1 : n}`, preserveAspectRatio: 'none', 'aria-hidden': 'true', focusable: 'false' });
    let x = 0;
    series.forEach((se, k) => {
      const w = ((Number(se.values[i]) || 0) / max) * SCALE;
      bar.append(svg('rect', stacked ? { x, y: 0, width: w, height: 1, class: `chart-s${k}` } : { x: 0, y: k + 0.1, width: w, height: 0.8, class: `chart-s${k}` }));
      x += w;
    });
    const value = stacked || n === 1 ? format(stacked ? totals[i] : series[0].values[i]) : series.map((se) => format(se.values[i])).join(' / ');
    return h('div', { class: ['chart-row', !stacked && n > 1 && 'chart-row-grouped'] }, h('span', { class: 'chart-label' }, cat), bar, h('span', { class: 'chart-value' }, value));
  });

  const legend = n > 1 ? h('ul', { class: 'chart-legend' }, series.map((se, k) => h('li', null, h('span', { class: `chart-key chart-s${k}` }), se.name))) : null;

  const tableId = uid('chart-table');
  const unitText = unit ? ` (${unit})` : '';
  const table = h(
    'table',
    { class: 'data-table chart-table' },
    h('caption', null, title),
    h('thead', null, h('tr', null, h('th', { scope: 'col' }, categoryLabel), series.map((se) => h('th', { scope: 'col', class: 'num' }, se.name + unitText)), stacked && n > 1 ? h('th', { scope: 'col', class: 'num' }, `Tổng${unitText}`) : null)),
    h('tbody', null, categories.map((cat, i) => h('tr', null, h('th', { scope: 'row' }, cat), series.map((se) => h('td', { class: 'num' }, format(se.values[i]))), stacked && n > 1 ? h('td', { class: 'num' }, format(totals[i])) : null))),
  );
  // Visually hidden but read by screen readers until someone asks to see it;
  // scrolls sideways on a phone when shown.
  const wrap = h('div', { class: ['table-scroll', 'chart-table-wrap', !showTable && 'visually-hidden'], id: tableId }, table);
  const toggle = h('button', { type: 'button', class: 'button button-small chart-toggle', 'aria-controls': tableId, 'aria-expanded': String(showTable) }, showTable ? 'Ẩn bảng số liệu' : 'Xem bảng số liệu');
  toggle.addEventListener('click', () => {
    const show = wrap.classList.toggle('visually-hidden') === false;
    toggle.setAttribute('aria-expanded', String(show));
    toggle.textContent = show ? 'Ẩn bảng số liệu' : 'Xem bảng số liệu';
  });

  return h(
    'figure',
    { class: 'chart' },
    h('figcaption', null, title),
    h('div', { class: 'chart-plot', 'aria-hidden': 'true' }, legend, rows),
    toggle,
    wrap,
  );
}
