// scores.js — the cluster's score table (bảng tổng hợp điểm) and ranking,
// ?id=N. Before the cluster finalises, only the head and the board see it
// (marked provisional); members see that it is not published yet. The head
// finalises; the ranking, with ties sharing a rank, and the awards it leads
// to are then published to every school of the cluster. Printed, it is the
// cluster's score table with the proposals of its Mẫu số 08.

import { initShell, notify } from '/assets/js/shell.js';
import { get, post, ApiError, apiUrl } from '/assets/js/api.js';
import { h, $, replace } from '/assets/js/dom.js';
import { formatDateTime } from '/assets/js/format.js';
import { createTable } from '/assets/js/table.js';
import { confirmDialog } from '/assets/js/dialog.js';
import { API, param, AWARD, UNRANKED, clusterLink, formHeader, signatures, facts } from '/emulation/common.js';

const session = await initShell({ module: 'emulation', title: 'Bảng tổng hợp điểm' });
const id = Number(param('id'));
if (session) load().catch(fail);

function fail(e) {
  replace($('#content'), h('p', { class: 'notice notice-error', role: 'alert' },
    e instanceof ApiError ? e.message : 'Không tải được bảng điểm.'));
}

async function load() {
  const [t, c] = await Promise.all([get(`${API}/clusters/${id}/scores`), get(`${API}/clusters/${id}`)]);
  $('#page-title').textContent = `Bảng tổng hợp điểm năm ${t.year} — ${t.cluster.name}`;
  const content = $('#content');
  replace(content,
    formHeader({ unit: t.cluster.name.toUpperCase(), form: 'Kèm theo Tờ trình (Mẫu số 08)' }),
    h('p', { class: 'em-print-only em-strong' }, `BẢNG TỔNG HỢP ĐIỂM CÁC TRƯỜNG TRONG CỤM NĂM ${t.year}`),
    h('p', { class: 'no-print' }, h('a', { href: clusterLink(id) }, `← ${t.cluster.name}`)),
    status(t));
  if (!t.visible) {
    content.append(h('p', { class: 'notice', id: 'hidden-note' },
      'Bảng điểm và xếp hạng sẽ được công bố cho các trường sau khi Cụm hoàn tất bảng tổng hợp điểm.'));
    return;
  }
  content.append(table(t));
  if (t.finalized) content.append(proposals(t, c));
  content.append(signatures('THƯ KÝ CỤM', 'CỤM TRƯỞNG'));
  content.append(actions(t, c));
}

function status(t) {
  if (t.finalized) {
    return facts([['Tình trạng', `Đã hoàn tất (lần ${t.round})`], ['Hoàn tất lúc', t.finalized_at ? formatDateTime(t.finalized_at) : null]]);
  }
  return facts([['Tình trạng', t.visible ? 'Tạm tính: Cụm chưa hoàn tất bảng điểm' : 'Chưa công bố']]);
}

function table(t) {
  return createTable({
    caption: t.provisional ? 'Bảng điểm tạm tính' : 'Bảng tổng hợp điểm và xếp hạng',
    rowKey: 'school_id',
    columns: [
      { key: 'rank', label: 'Xếp hạng', format: 'number', value: (r) => r.rank ?? '' },
      { key: 'name', label: 'Trường' },
      { key: 'self_total', label: 'Điểm tự chấm' },
      { key: 'cross_total', label: 'Điểm kiểm tra chéo' },
      { key: 'final_total', label: 'Điểm của Cụm' },
      { key: 'gap_flag', label: 'Chênh lệch', value: (r) => (r.gap_flag ? 'Lớn' : ''),
        render: (r) => (r.gap_flag ? h('span', { class: 'badge badge-warn' }, 'Chênh lệch lớn') : '') },
      { key: 'award', label: 'Đề nghị khen thưởng', value: (r) => AWARD[r.award] || '',
        render: (r) => h('span', null, AWARD[r.award] || '',
          r.award_tie ? h('span', { class: 'badge badge-warn' }, ' Đồng hạng vượt số lượng — Cụm quyết định') : null) },
      { key: 'unranked_reason', label: 'Ghi chú', value: (r) => UNRANKED[r.unranked_reason] || '' },
    ],
    rows: t.rows,
    perPage: 100,
    exportUrl: apiUrl(`${API}/clusters/${id}/scores`),
    empty: 'Chưa có trường nào trong cụm.',
  }).el;
}

function proposals(t, c) {
  const flag = t.rows.filter((r) => r.award === 'co_thi_dua').map((r) => r.name);
  const merit = t.rows.filter((r) => r.award === 'bang_khen').map((r) => r.name);
  return h('section', { 'aria-labelledby': 'prop-h' },
    h('h2', { id: 'prop-h' }, 'Đề nghị của Cụm (Mẫu số 08)'),
    facts([
      ['Đề nghị tặng Cờ thi đua', flag.join('; ') || '—'],
      ['Đề nghị tặng Bằng khen', merit.join('; ') || '—'],
      ['Giới thiệu Cụm trưởng năm sau', c.next_head_name || 'Chưa đề xuất'],
      ['Giới thiệu Cụm phó năm sau', c.next_deputy_name || 'Chưa đề xuất'],
    ]));
}

function actions(t, c) {
  const bar = h('div', { class: 'toolbar' },
    h('button', { type: 'button', class: 'button', onclick: () => window.print() }, 'In bảng điểm'));
  if (t.can_finalize) {
    const fin = h('button', { type: 'button', class: 'button button-primary', id: 'finalize' }, 'Hoàn tất bảng điểm');
    fin.addEventListener('click', async () => {
      const ok = await confirmDialog({ title: 'Hoàn tất bảng điểm',
        message: 'Sau khi hoàn tất, bảng điểm và xếp hạng được công bố cho các trường trong cụm và không chấm lại được nữa. Tiếp tục?',
        confirmLabel: 'Hoàn tất' });
      if (!ok) return;
      try {
        await post(`${API}/clusters/${id}/finalize`, {});
        notify('Đã hoàn tất bảng điểm; kết quả đã được công bố cho các trường trong cụm.');
        load().catch(fail);
      } catch (e) { notify(e.message, 'error'); }
    });
    bar.append(fin);
  }
  if (t.finalized && c.viewer === 'board') {
    const reopen = h('button', { type: 'button', class: 'button button-danger' }, 'Mở lại bảng điểm');
    reopen.addEventListener('click', async () => {
      if (!(await confirmDialog({ title: 'Mở lại bảng điểm', message: 'Mở lại để chấm lại? Kết quả đã công bố được giữ trong lịch sử.', confirmLabel: 'Mở lại', danger: true }))) return;
      try {
        await post(`${API}/clusters/${id}/reopen`, {});
        notify('Đã mở lại bảng điểm.');
        load().catch(fail);
      } catch (e) { notify(e.message, 'error'); }
    });
    bar.append(reopen);
  }
  return bar;
}
