// overview.js — the Academy's overview across clusters (?year=Y): members,
// plans on time and late, schools not evaluated, reports and score sheets
// in, the cluster's own documents, overdue items, the state of each score
// table and who came first. Exports to CSV (with BOM) and Excel.

import { initShell } from '/assets/js/shell.js';
import { get, ApiError, apiUrl } from '/assets/js/api.js';
import { h, $, replace } from '/assets/js/dom.js';
import { createTable } from '/assets/js/table.js';
import { barChart } from '/assets/js/chart.js';
import { API, pageYear, clusterLink, scoresLink } from '/emulation/common.js';

const session = await initShell({ module: 'emulation', title: 'Tổng hợp thi đua các cụm' });
if (session) load().catch((e) => replace($('#content'), h('p', { class: 'notice notice-error', role: 'alert' },
  e instanceof ApiError ? e.message : 'Không tải được bảng tổng hợp.')));

async function load() {
  const year = await pageYear();
  const data = await get(`${API}/years/${year}/overview`);
  $('#page-title').textContent = `Tổng hợp thi đua các cụm năm ${year}`;
  const table = createTable({
    caption: 'Các cụm thi đua',
    rowKey: 'id',
    columns: [
      { key: 'name', label: 'Cụm', render: (c) => h('a', { href: clusterLink(c.id) }, c.name) },
      { key: 'head_name', label: 'Cụm trưởng' },
      { key: 'members', label: 'Số trường', format: 'number' },
      { key: 'plan_on_time', label: 'Mẫu 01 đúng hạn', format: 'number' },
      { key: 'plan_late', label: 'Mẫu 01 trễ hạn', format: 'number' },
      { key: 'not_evaluated', label: 'Không được bình xét', format: 'number' },
      { key: 'reports', label: 'Báo cáo (Mẫu 04)', format: 'number' },
      { key: 'sheets', label: 'Phiếu chấm điểm', format: 'number' },
      { key: 'cluster_docs', label: 'Hồ sơ của cụm' },
      { key: 'overdue', label: 'Quá hạn chưa nộp', format: 'number' },
      { key: 'state_text', label: 'Bảng điểm', render: (c) => h('a', { href: scoresLink(c.id) }, c.state_text) },
      { key: 'first_place', label: 'Xếp thứ nhất' },
    ],
    rows: data.clusters,
    perPage: 100,
    exportUrl: apiUrl(`${API}/years/${year}/overview`),
    empty: 'Năm thi đua chưa có cụm nào.',
  });
  replace($('#content'),
    h('p', { class: 'no-print' }, h('a', { href: `/emulation/?year=${year}` }, '← Về trang thi đua')),
    h('p', { class: 'lead' }, `Chủ đề: “${data.theme}”`),
    table.el,
    data.clusters.length ? barChart({
      title: 'Kế hoạch thi đua (Mẫu số 01) theo cụm',
      categories: data.clusters.map((c) => c.code),
      series: [
        { name: 'Đúng hạn', values: data.clusters.map((c) => c.plan_on_time) },
        { name: 'Trễ hạn (gia hạn)', values: data.clusters.map((c) => c.plan_late) },
        { name: 'Không được bình xét', values: data.clusters.map((c) => c.not_evaluated) },
      ],
      stacked: true,
      unit: 'trường',
      categoryLabel: 'Cụm',
    }) : null);
}
