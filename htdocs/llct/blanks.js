// blanks.js — the diploma-blank stock: what each holder has now (ranges,
// issued, voided, left), the movements (the Academy receives from the
// printer, allocates to schools, schools return), voiding with minutes,
// the reconciliation per holder and period and the ledger behind it.
// Issuing a diploma is done from the class page, next to the graduate.

import { initShell, notify, hasRole, isAdmin } from '/assets/js/shell.js';
import { h, $, replace } from '/assets/js/dom.js';
import { get, post, apiUrl } from '/assets/js/api.js';
import { createForm } from '/assets/js/form.js';
import { createTable } from '/assets/js/table.js';
import { agencyField } from '/assets/js/agency-picker.js';
import { formatDate, today } from '/assets/js/format.js';
import { API, llctNav } from '/llct/common.js';

const session = await initShell({ module: 'llct', title: 'Phôi bằng tốt nghiệp trung cấp LLCT' });
if (session) start();

function showError(text) {
  const el = $('#error');
  el.textContent = text || '';
  el.hidden = !text;
}

function start() {
  $('h1').after(llctNav('blanks'));
  loadHoldings();
  if (hasRole('officer') || isAdmin()) renderActions();
  renderRecon();
}

async function loadHoldings() {
  try {
    const rows = await get(`${API}/blanks/holdings`);
    const table = createTable({
      caption: 'Phôi bằng đang giữ',
      rows,
      exportUrl: apiUrl(`${API}/blanks/holdings`),
      empty: 'Đơn vị chưa giữ phôi bằng nào.',
      columns: [
        { key: 'holder_name', label: 'Đơn vị giữ phôi' },
        { key: 'first_serial', label: 'Từ số' },
        { key: 'last_serial', label: 'Đến số' },
        { key: 'held_since', label: 'Nhận ngày', format: 'date' },
        { key: 'quantity', label: 'Số lượng', format: 'number', align: 'right' },
        { key: 'issued', label: 'Đã cấp bằng', format: 'number', align: 'right' },
        { key: 'voided', label: 'Đã hủy', format: 'number', align: 'right' },
        { key: 'available', label: 'Còn lại', format: 'number', align: 'right' },
      ],
    });
    replace($('#holdings'), h('h2', { id: 'holdings-title' }, 'Tồn kho phôi bằng'), table.el);
  } catch (e) {
    showError(e.message);
  }
}

function section(title, form) {
  return h('details', null, h('summary', null, title), form.el);
}

function renderActions() {
  const done = (text) => () => {
    notify(text);
    loadHoldings();
  };
  const receive = createForm({
    id: 'receive-form',
    submitLabel: 'Nhập kho',
    values: { on: today() },
    fields: [
      { name: 'first', label: 'Từ số hiệu', required: true, width: 'm', hint: 'Ví dụ: LL000001' },
      { name: 'last', label: 'Đến số hiệu', required: true, width: 'm' },
      { name: 'on', label: 'Ngày nhận', type: 'date', required: true },
      { name: 'doc_number', label: 'Số phiếu nhập, biên bản giao nhận', required: true, width: 'm' },
      { name: 'note', label: 'Ghi chú', width: 'l' },
    ],
    onSubmit: (v, { idempotencyKey }) => post(`${API}/blanks/receive`, v, { idempotencyKey }),
    onSuccess: done('Học viện đã nhận lô phôi.'),
  });
  const allocate = createForm({
    id: 'allocate-form',
    submitLabel: 'Giao phôi',
    values: { on: today() },
    fields: [
      { name: 'first', label: 'Từ số hiệu', required: true, width: 'm' },
      { name: 'last', label: 'Đến số hiệu', required: true, width: 'm' },
      agencyField({ name: 'from_agency_id', label: 'Đơn vị giao', required: true }),
      agencyField({ name: 'to_agency_id', label: 'Đơn vị nhận', required: true }),
      { name: 'on', label: 'Ngày giao', type: 'date', required: true },
      { name: 'doc_number', label: 'Số quyết định cấp phát', required: true, width: 'm' },
      { name: 'note', label: 'Ghi chú', width: 'l' },
    ],
    onSubmit: (v, { idempotencyKey }) => post(`${API}/blanks/allocate`, v, { idempotencyKey }),
    onSuccess: done('Đã giao phôi.'),
  });
  const voidForm = createForm({
    id: 'void-form',
    submitLabel: 'Hủy phôi',
    values: { on: today(), minutes_on: today() },
    fields: [
      { name: 'serial', label: 'Số hiệu phôi', required: true, width: 'm' },
      agencyField({ name: 'holder_agency_id', label: 'Đơn vị giữ phôi', required: true }),
      { name: 'why', label: 'Hình thức', type: 'select', required: true, options: [
        { value: 'damaged', label: 'Hỏng' }, { value: 'lost', label: 'Mất' }, { value: 'destroyed', label: 'Tiêu hủy' }] },
      { name: 'reason', label: 'Lý do', required: true, width: 'l' },
      { name: 'minutes_no', label: 'Số biên bản', required: true, width: 'm' },
      { name: 'minutes_on', label: 'Ngày biên bản', type: 'date', required: true },
      { name: 'on', label: 'Ngày hủy', type: 'date', required: true },
    ],
    onSubmit: (v, { idempotencyKey }) => post(`${API}/blanks/void`, v, { idempotencyKey }),
    onSuccess: done('Đã ghi hủy phôi.'),
  });
  replace($('#actions'), h('h2', { id: 'actions-title' }, 'Nhập, cấp phát, hủy phôi'),
    section('Học viện nhận phôi từ nơi in', receive),
    section('Cấp phát cho trường, trả lại Học viện', allocate),
    section('Hủy phôi hỏng, mất (có biên bản)', voidForm));
}

function renderRecon() {
  const year = today().slice(0, 4);
  const form = createForm({
    id: 'recon-form',
    submitLabel: 'Đối chiếu',
    values: { from: `${year}-01-01`, to: today() },
    fields: [
      { name: 'from', label: 'Từ ngày', type: 'date', required: true },
      { name: 'to', label: 'Đến ngày', type: 'date', required: true },
      agencyField({ name: 'agency_id', label: 'Đơn vị (để trống: mọi đơn vị trong phạm vi)' }),
      { name: 'series', label: 'Ký hiệu phôi (để trống: mọi ký hiệu)', width: 's' },
    ],
    onSubmit: (v) => get(`${API}/blanks/reconcile`, v).then((r) => ({ r, v })),
    onSuccess: ({ r, v }) => showRecon(r, v),
  });
  replace($('#recon'), h('h2', { id: 'recon-title' }, 'Đối chiếu phôi bằng theo kỳ'),
    h('p', { class: 'hint' }, 'Tồn đầu kỳ + nhận − cấp phát, trả đi − cấp bằng − hủy = tồn cuối kỳ; tồn cuối kỳ được so với số phôi đang giữ theo kho.'),
    form.el, h('div', { id: 'recon-result' }));
}

function showRecon(r, v) {
  const table = createTable({
    caption: `Đối chiếu từ ${formatDate(r.from)} đến ${formatDate(r.to)}`,
    rows: r.items,
    exportUrl: apiUrl(`${API}/blanks/reconcile`, v),
    empty: 'Không có đơn vị nào có phôi trong phạm vi.',
    columns: [
      { key: 'agency_name', label: 'Đơn vị' },
      { key: 'opening', label: 'Tồn đầu kỳ', format: 'number', align: 'right' },
      { key: 'received', label: 'Nhận', format: 'number', align: 'right' },
      { key: 'moved_out', label: 'Cấp phát, trả đi', format: 'number', align: 'right' },
      { key: 'issued', label: 'Cấp bằng', format: 'number', align: 'right' },
      { key: 'voided', label: 'Hủy', format: 'number', align: 'right' },
      { key: 'closing', label: 'Tồn cuối kỳ', format: 'number', align: 'right' },
      { key: 'on_hand', label: 'Tồn theo kho', format: 'number', align: 'right' },
      { key: 'balanced', label: 'Khớp', value: (x) => x.balanced_text,
        render: (x) => h('span', { class: `badge ${x.balanced ? 'badge-ok' : 'badge-warn'}` }, x.balanced_text) },
      { key: 'actions', label: 'Thao tác', sortable: false, className: 'col-actions',
        render: (x) => h('button', { type: 'button', class: 'button button-small', onclick: () => showLedger(x, v) }, 'Sổ theo dõi') },
    ],
  });
  replace($('#recon-result'), table.el);
}

async function showLedger(x, v) {
  const q = { agency_id: x.agency_id, from: v.from, to: v.to, series: v.series };
  try {
    const led = await get(`${API}/blanks/ledger`, q);
    const table = createTable({
      caption: `Sổ theo dõi phôi bằng: ${x.agency_name} (tồn đầu kỳ ${led.opening}, cuối kỳ ${led.closing})`,
      rows: led.items,
      exportUrl: apiUrl(`${API}/blanks/ledger`, q),
      columns: [
        { key: 'on_date', label: 'Ngày', format: 'date' },
        { key: 'event', label: 'Nghiệp vụ' },
        { key: 'serials', label: 'Số hiệu' },
        { key: 'qty_in', label: 'Nhập', format: 'number', align: 'right' },
        { key: 'qty_out', label: 'Xuất', format: 'number', align: 'right' },
        { key: 'balance', label: 'Tồn', format: 'number', align: 'right' },
        { key: 'doc', label: 'Văn bản, biên bản' },
        { key: 'counterpart', label: 'Đơn vị giao/nhận' },
        { key: 'learner', label: 'Người được cấp bằng' },
        { key: 'reason', label: 'Lý do' },
      ],
    });
    replace($('#ledger'), h('h2', { id: 'ledger-title' }, 'Sổ theo dõi phôi bằng'), table.el);
    $('#ledger').scrollIntoView();
  } catch (e) {
    notify(e.message, 'error');
  }
}
