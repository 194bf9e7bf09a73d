// table.js — data tables: sort, quick filter, pages, export, print.
//
// Two modes:
//  - client: give `rows`; sorting (Vietnamese collation), the accent-
//    insensitive quick filter and paging all happen in the browser.
//  - server: give `load({page, per_page})` → {items, total} (or an array);
//    the page's own filter form narrows the query, and sorting is off
//    because sorting one page of many would mislead.
// Printing shows every filtered row (client mode), with headers repeated on
// each sheet by the print stylesheet.

import { h, uid, replace } from './dom.js';
import { apiUrl, asList, ApiError } from './api.js';
import { fold, compareText, formatDate, formatDateTime, formatNumber } from './format.js';

/**
 * createTable({
 *   caption,            visible title of the table (also names the scroll region)
 *   columns: [{key, label, value(row), render(row) → Node|string,
 *              format: 'date'|'datetime'|'number', sortable, sortKey(row),
 *              align: 'right', className}],
 *              (sortKey: what to sort by when it differs from what is shown,
 *              e.g. personSortKey from format.js for people's names)
 *   rows,               client mode data
 *   load,               server mode loader
 *   perPage = 50, filter = true, filterLabel, empty = 'Không có dữ liệu.',
 *   exportUrl,          list URL (string or () => string): adds "Xuất CSV/Excel/PDF" links
 *   rowKey,             field used as data-key on each <tr> (tests, scripts)
 *   sort: {key, dir: 'asc'|'desc'}
 * })
 * Returns {el, setRows(rows), reload({page}), setExportUrl(url), get rows()}.
 */
export function createTable(opts) {
  const id = opts.id || uid('tbl');
  const perPage = opts.perPage || 50;
  const columns = opts.columns;
  const server = typeof opts.load === 'function';
  let rows = opts.rows || [];
  let total = 0;
  let page = 1;
  let sort = opts.sort || null;
  let query = '';
  let printing = false;
  const folded = new WeakMap();

  const captionId = `${id}-caption`;
  const tbody = h('tbody');
  const headRow = h('tr');
  const table = h('table', { class: 'data-table', id }, h('caption', { id: captionId }, opts.caption), h('thead', null, headRow), tbody);
  // A focusable, labelled scroll region: keyboard users can scroll a wide
  // table sideways on a phone.
  const scroller = h('div', { class: 'table-scroll', role: 'region', 'aria-labelledby': captionId, tabindex: 0 }, table);
  const status = h('p', { class: 'table-status', 'aria-live': 'polite' });
  const pager = h('nav', { class: 'pager', 'aria-label': `Phân trang: ${opts.caption}` });
  const tools = h('div', { class: 'table-tools' });
  const exports = h('span', { class: 'table-exports' });
  const el = h('div', { class: 'table-block' }, tools, scroller, status, pager);

  if (opts.filter !== false && !server) {
    const fid = `${id}-filter`;
    const input = h('input', { type: 'search', id: fid, class: 'w-m', autocomplete: 'off' });
    let t;
    input.addEventListener('input', () => {
      clearTimeout(t);
      t = setTimeout(() => {
        query = fold(input.value.trim());
        page = 1;
        render();
      }, 150);
    });
    tools.append(h('div', { class: 'field field-inline' }, h('label', { for: fid }, opts.filterLabel || 'Lọc nhanh'), input));
  }
  tools.append(exports);

  for (const col of columns) {
    const th = h('th', { scope: 'col', class: [col.align === 'right' && 'num', col.className] });
    const sortable = !server && (col.sortable ?? true); // action columns say sortable: false
    if (sortable) {
      th.append(h('button', { type: 'button', class: 'sort', onclick: () => toggleSort(col.key) }, col.label, h('span', { class: 'sort-mark', 'aria-hidden': 'true' })));
    } else {
      th.textContent = col.label;
    }
    th.dataset.key = col.key;
    headRow.append(th);
  }

  function rawValue(row, col) {
    return col.value ? col.value(row) : row[col.key];
  }
  function displayValue(row, col) {
    const v = rawValue(row, col);
    if (col.format === 'date') return formatDate(v);
    if (col.format === 'datetime') return formatDateTime(v);
    if (col.format === 'number') return formatNumber(v);
    return v == null ? '' : String(v);
  }
  function rowText(row) {
    let t = folded.get(row);
    if (t === undefined) {
      t = fold(columns.map((c) => displayValue(row, c)).join(' '));
      folded.set(row, t);
    }
    return t;
  }

  function toggleSort(key) {
    sort = sort && sort.key === key && sort.dir === 'asc' ? { key, dir: 'desc' } : { key, dir: 'asc' };
    render();
  }

  function visibleRows() {
    let list = query ? rows.filter((r) => rowText(r).includes(query)) : rows.slice();
    if (sort) {
      const col = columns.find((c) => c.key === sort.key);
      const dir = sort.dir === 'desc' ? -1 : 1;
      const numeric = col.format === 'number';
      list.sort((a, b) => {
        const x = col.sortKey ? col.sortKey(a) : rawValue(a, col);
        const y = col.sortKey ? col.sortKey(b) : rawValue(b, col);
        if (x == null || x === '') return y == null || y === '' ? 0 : 1; // blanks last either way
        if (y == null || y === '') return -1;
        return dir * (numeric ? Number(x) - Number(y) : compareText(x, y));
      });
    }
    return list;
  }

  function cell(row, col) {
    const td = h('td', { class: [col.align === 'right' || col.format === 'number' ? 'num' : null, col.format === 'date' || col.format === 'datetime' ? 'nowrap' : null, col.className] });
    if (col.render) {
      const out = col.render(row);
      if (out != null) td.append(out instanceof Node ? out : document.createTextNode(String(out)));
    } else {
      td.textContent = displayValue(row, col);
    }
    return td;
  }

  function renderRows(list) {
    if (!list.length) {
      replace(tbody, h('tr', { class: 'empty' }, h('td', { colspan: columns.length }, query ? 'Không có dòng nào khớp với từ khóa lọc.' : opts.empty || 'Không có dữ liệu.')));
      return;
    }
    replace(
      tbody,
      list.map((r) => h('tr', { class: opts.rowClass ? opts.rowClass(r) : null, dataset: opts.rowKey ? { key: r[opts.rowKey] } : null }, columns.map((c) => cell(r, c)))),
    );
  }

  function renderHead() {
    for (const th of headRow.children) {
      if (sort && th.dataset.key === sort.key) {
        th.setAttribute('aria-sort', sort.dir === 'asc' ? 'ascending' : 'descending');
        th.querySelector('.sort-mark').textContent = sort.dir === 'asc' ? ' ▲' : ' ▼';
      } else {
        th.removeAttribute('aria-sort');
        const m = th.querySelector('.sort-mark');
        if (m) m.textContent = ' ↕';
      }
    }
  }

  function renderPager(count) {
    const pages = Math.max(1, Math.ceil(count / perPage));
    if (page > pages) page = pages;
    const first = count ? (page - 1) * perPage + 1 : 0;
    const last = Math.min(count, page * perPage);
    status.textContent = count ? `Hiển thị ${formatNumber(first)}–${formatNumber(last)} trên ${formatNumber(count)} dòng` : '';
    if (pages <= 1) {
      pager.hidden = true;
      return;
    }
    pager.hidden = false;
    const go = (p) => () => {
      page = p;
      server ? reload() : render();
      scroller.focus();
    };
    replace(
      pager,
      h('button', { type: 'button', class: 'button', disabled: page <= 1, onclick: go(page - 1) }, '‹ Trang trước'),
      h('span', { class: 'pager-pos' }, `Trang ${page}/${pages}`),
      h('button', { type: 'button', class: 'button', disabled: page >= pages, onclick: go(page + 1) }, 'Trang sau ›'),
    );
  }

  function render() {
    renderHead();
    if (server) {
      renderRows(rows);
      renderPager(total);
      return;
    }
    const list = visibleRows();
    renderRows(printing ? list : list.slice((page - 1) * perPage, page * perPage));
    renderPager(list.length);
  }

  async function reload(o = {}) {
    if (!server) return render();
    if (o.page) page = o.page;
    el.setAttribute('aria-busy', 'true');
    try {
      const ans = asList(await opts.load({ page, per_page: perPage }));
      rows = ans.items;
      total = ans.total;
      render();
    } catch (e) {
      if (!(e instanceof ApiError)) throw e;
      replace(tbody, h('tr', { class: 'empty' }, h('td', { colspan: columns.length, role: 'alert' }, e.message)));
      status.textContent = '';
    } finally {
      el.removeAttribute('aria-busy');
    }
  }

  function setExportUrl(url) {
    exports.replaceChildren();
    if (!url) return;
    for (const [fmt, label] of [['csv', 'Xuất CSV'], ['xlsx', 'Xuất Excel'], ['pdf', 'Xuất PDF']]) {
      exports.append(h('a', { class: 'button', href: apiUrl(url, { format: fmt }), download: '' }, label), ' ');
    }
  }
  setExportUrl(typeof opts.exportUrl === 'function' ? opts.exportUrl() : opts.exportUrl);

  // Print every filtered row, not just the current page.
  if (!server) {
    window.addEventListener('beforeprint', () => {
      if (!el.isConnected) return;
      printing = true;
      render();
    });
    window.addEventListener('afterprint', () => {
      if (!printing) return;
      printing = false;
      render();
    });
  }

  if (server) reload();
  else render();

  return {
    el,
    setRows(next) {
      rows = next || [];
      page = 1;
      render();
    },
    reload,
    setExportUrl,
    get rows() {
      return rows;
    },
  };
}
