// cycle.js — one assessment cycle (hồ sơ đánh giá): where it stands, the
// steps the caller may take now, the criteria with the three layers of
// results (school, provincial council, central council) and the evidence
// linked to each, site visits, recognition and history.

import { initShell, notify } from '/assets/js/shell.js';
import { get, post, put, del } from '/assets/js/api.js';
import { $, h } from '/assets/js/dom.js';
import { createForm } from '/assets/js/form.js';
import { openDialog, alertDialog } from '/assets/js/dialog.js';
import { formatDate, formatDateTime, formatNumber } from '/assets/js/format.js';
import {
  API, STATE, RESULT, VALIDITY, accrNav, badge, fact, levelsText, param, showError, exportLinks,
} from '/accreditation/common.js';

const session = await initShell({ module: 'accreditation', title: 'Hồ sơ đánh giá' });
const id = param('id');
if (session) start();

const LAYERS = [
  ['self', 'Tự đánh giá'],
  ['provincial', 'HĐ cấp tỉnh'],
  ['central', 'HĐ Trung ương'],
];

async function start() {
  const content = $('#content');
  let cycle;
  let tree;
  try {
    [cycle, tree] = await Promise.all([get(`${API}/cycles/${id}`), get(`${API}/cycles/${id}/criteria`)]);
  } catch (e) {
    showError(content, e);
    return;
  }
  const library = cycle.can.self ? await get(`${API}/schools/${cycle.school_agency_id}/evidence`) : [];
  const councils = cycle.can.assign_provincial || cycle.can.assign_central ? await get(`${API}/councils`) : [];
  $('h1').textContent = `${cycle.title} — ${cycle.school_name}`;
  document.title = `${cycle.title} — ${cycle.school_name} — Cadre Suite`;
  content.replaceChildren(
    accrNav(''),
    header(cycle),
    actionsBar(cycle),
    readiness(cycle),
    councilSection(cycle, councils),
    criteriaSection(cycle, tree, library),
    visitsSection(cycle),
    historySection(cycle));
}

// ---- header ---------------------------------------------------------------------

function header(c) {
  const box = h('section', { 'aria-labelledby': 'state-h' });
  box.append(h('h2', { id: 'state-h', class: 'visually-hidden' }, 'Thông tin hồ sơ'));
  if (c.is_sample) {
    box.append(h('p', { class: 'notice notice-warning' },
      `Bộ tiêu chí ${c.version_code} đang dùng là bộ MẪU để minh họa, không phải văn bản của Quy định.`));
  }
  box.append(h('dl', { class: 'facts' },
    fact('Trường', h('a', { href: `/accreditation/school.html?id=${c.school_agency_id}` }, c.school_name)),
    fact('Tỉnh, thành phố', c.province_name),
    fact('Tiêu chuẩn', `${c.version_code} — ${c.version_title}`),
    fact('Mức đăng ký', `Mức ${c.target_level}`),
    fact('Trạng thái', h('span', { id: 'cycle-state', dataset: { state: c.state } }, badge(STATE, c.state))),
    fact('Hội đồng cấp tỉnh', c.provincial_council_name),
    fact('Hội đồng cấp Trung ương', c.central_council_name),
    fact('Nộp cấp tỉnh', c.submitted_at && formatDateTime(c.submitted_at)),
    fact('Đề nghị công nhận', c.endorsed_at && formatDateTime(c.endorsed_at))));
  if (c.state === 'changes_requested' && c.changes_note) {
    box.append(h('div', { class: 'notice notice-warning', role: 'status' }, h('strong', null, 'Hội đồng cấp tỉnh yêu cầu bổ sung: '), c.changes_note));
  }
  if (c.state === 'not_recognised' && c.refusal_reasons) {
    box.append(h('div', { class: 'notice notice-error' }, h('strong', null, 'Lý do không công nhận: '), c.refusal_reasons));
  }
  if (c.recognition) {
    const r = c.recognition;
    box.append(h('div', { class: 'notice notice-success', id: 'recognition' },
      `Được công nhận đạt chuẩn mức ${r.level} theo Quyết định số ${r.decision_no} ngày ${formatDate(r.decision_date)}, hiệu lực đến ${formatDate(r.valid_until)}.`));
  }
  if (c.conflicted) {
    box.append(h('p', { class: 'notice notice-info' }, 'Bạn đã khai báo xung đột lợi ích với trường này nên không tham gia đánh giá.'));
  }
  box.append(h('p', { class: 'toolbar no-print' },
    h('a', { class: 'button button-small', href: `/accreditation/summary.html?id=${c.id}` }, 'Phiếu tổng hợp (in)'),
    c.can.clone ? h('a', { class: 'button button-small', href: `/accreditation/school.html?id=${c.school_agency_id}#cycles-h` }, 'Mở kỳ mới từ kỳ này') : null));
  return box;
}

// ---- the steps --------------------------------------------------------------------

const NEEDS_NOTE = {
  request_changes: 'Nội dung yêu cầu bổ sung, hoàn thiện',
  reject: 'Lý do không công nhận',
};

function actionsBar(c) {
  const bar = h('section', { class: 'no-print', 'aria-labelledby': 'actions-h' }, h('h2', { id: 'actions-h' }, 'Thao tác'));
  if (!c.actions.length) {
    bar.append(h('p', null, c.state === 'recognised' || c.state === 'not_recognised'
      ? 'Kỳ đánh giá đã kết thúc.' : 'Hiện bạn không có thao tác nào với hồ sơ này.'));
    return bar;
  }
  bar.append(h('p', { class: 'toolbar' }, c.actions.map((a) => h('button', {
    type: 'button',
    class: ['button', a.action === 'reject' || a.action === 'request_changes' ? 'button-danger' : 'button-primary'],
    dataset: { action: a.action },
    onclick: () => stepDialog(c, a),
  }, a.title))));
  return bar;
}

function stepDialog(c, a) {
  const fields = [];
  if (a.action === 'recognise') {
    fields.push(
      { name: 'level', label: 'Mức công nhận', type: 'radios', required: true,
        options: [1, 2].filter((l) => l <= c.target_level).map((l) => ({ value: l, label: `Mức ${l}` })) },
      { name: 'decision_no', label: 'Số quyết định', required: true, maxlength: 100, hint: 'Ví dụ: 123-QĐ/HVCTQG' },
      { name: 'decision_date', label: 'Ngày quyết định', type: 'date', required: true },
      { name: 'valid_until', label: 'Hiệu lực đến', type: 'date', required: true },
      { name: 'note', label: 'Ghi chú', type: 'textarea' });
  } else {
    fields.push({ name: 'note', label: NEEDS_NOTE[a.action] || 'Ý kiến (không bắt buộc)', type: 'textarea', required: !!NEEDS_NOTE[a.action], rows: 4 });
  }
  const form = createForm({
    id: `step-${a.action}`,
    submitLabel: a.title,
    values: { level: c.target_level },
    fields,
    onSubmit: (v) => post(`${API}/cycles/${c.id}/transition`, { ...v, action: a.action }),
    onSuccess: (next) => {
      d.close(true);
      notify(`Đã thực hiện: ${a.title}. Hồ sơ chuyển sang “${next.state_title}”.`);
      start();
    },
    onCancel: () => d.close(null),
  });
  const d = openDialog({ title: a.title, content: form.el, wide: a.action === 'recognise' });
}

// ---- readiness and councils ----------------------------------------------------------

function readiness(c) {
  const r = c.readiness;
  const line = (l, x) => h('li', null, `Mức ${l}: đạt ${formatNumber(x.met)}/${formatNumber(x.total)} tiêu chí`,
    x.unmet_mandatory ? `, còn ${x.unmet_mandatory} tiêu chí bắt buộc chưa đạt` : '',
    x.max_score ? `; điểm ${formatNumber(x.score)}/${formatNumber(x.max_score)}` : '',
    x.ready ? ' — đủ điều kiện' : '');
  return h('section', { 'aria-labelledby': 'ready-h' }, h('h2', { id: 'ready-h' }, 'Mức độ đạt chuẩn (kết quả mới nhất)'),
    h('ul', null, line(1, r.level1), line(2, r.level2)));
}

function councilSection(c, councils) {
  if (!c.can.assign_provincial && !c.can.assign_central) return h('span');
  const box = h('section', { class: 'no-print', 'aria-labelledby': 'council-h' }, h('h2', { id: 'council-h' }, 'Phân công hội đồng'));
  for (const level of ['provincial', 'central']) {
    if (!c.can[`assign_${level}`]) continue;
    const list = councils.filter((k) => k.level === level);
    const form = createForm({
      id: `assign-${level}`,
      submitLabel: 'Phân công',
      values: { council_id: level === 'central' ? c.central_council_id : c.provincial_council_id },
      fields: [{ name: 'council_id', label: level === 'central' ? 'Hội đồng cấp Trung ương' : 'Hội đồng đánh giá cấp tỉnh',
        type: 'select', required: true, options: list.map((k) => ({ value: k.id, label: `${k.name} (${k.agency_name})` })) }],
      onSubmit: (v) => put(`${API}/cycles/${c.id}/council`, { ...v, level }),
      onSuccess: () => { notify('Đã phân công hội đồng.'); start(); },
    });
    box.append(form.el);
  }
  return box;
}

// ---- criteria -----------------------------------------------------------------------

function resultCell(node, layer) {
  const res = node[`${layer}_result`];
  const score = node[`${layer}_score`];
  const comment = node[`${layer}_comment`];
  return h('div', null,
    res ? badge(RESULT, res) : h('span', { class: 'muted' }, '—'),
    score != null ? ` ${formatNumber(score)}` : '',
    layer === 'provincial' && node.stale ? h('span', { class: 'badge badge-warn' }, ' Cần đánh giá lại') : null,
    comment ? h('div', { class: 'hint' }, comment) : null,
    layer === 'self' && node.prev_result ? h('div', { class: 'hint' }, `Kỳ trước: ${RESULT[node.prev_result]?.[0] || node.prev_result}`) : null);
}

function editCell(node, layer) {
  const label = `${LAYERS.find((l) => l[0] === layer)[1]} — ${node.code}`;
  const select = h('select', { name: `result-${node.id}`, 'aria-label': `Kết quả ${label}`, dataset: { criterion: node.code } },
    h('option', { value: '' }, '— Chưa đánh giá —'),
    Object.entries(RESULT).map(([v, [t]]) => h('option', { value: v, selected: node[`${layer}_result`] === v }, t)));
  const score = node.max_score != null ? h('input', {
    type: 'number', name: `score-${node.id}`, min: 0, max: node.max_score, step: '0.01', class: 'w-s',
    'aria-label': `Điểm (tối đa ${formatNumber(node.max_score)}) ${label}`, value: node[`${layer}_score`] ?? '',
  }) : null;
  const comment = h('input', { type: 'text', name: `comment-${node.id}`, maxlength: 5000, class: 'w-m', 'aria-label': `Nhận xét ${label}`, value: node[`${layer}_comment`] ?? '' });
  return h('div', { class: 'assess-edit', dataset: { id: node.id } }, select, score, comment,
    layer === 'self' && node.prev_result ? h('div', { class: 'hint' }, `Kỳ trước: ${RESULT[node.prev_result]?.[0]}`) : null);
}

function evidenceCell(c, node, library) {
  const list = h('ul', { class: 'plain' }, (node.evidence || []).map((e) => h('li', null,
    e.has_file ? h('a', { href: `${API}/evidence/${e.id}/file` }, `${e.code} — ${e.title}`) : `${e.code} — ${e.title}`,
    ' ', badge(VALIDITY, e.validity),
    c.can.self ? h('button', { type: 'button', class: 'button button-small no-print', 'aria-label': `Gỡ minh chứng ${e.code} khỏi ${node.code}`, onclick: () => unlink(c, node, e) }, 'Gỡ') : null)));
  const cell = h('div', null, list);
  if (c.can.self && library.length) {
    const linked = new Set((node.evidence || []).map((e) => e.id));
    const pick = h('select', { 'aria-label': `Chọn minh chứng cho ${node.code}` },
      h('option', { value: '' }, '— Gắn minh chứng —'),
      library.filter((e) => !linked.has(e.id)).map((e) => h('option', { value: e.id }, `${e.code} — ${e.title}`)));
    cell.append(h('div', { class: 'no-print' }, pick,
      h('button', { type: 'button', class: 'button button-small', onclick: () => pick.value && link(c, node, pick.value) }, 'Gắn')));
  }
  return cell;
}

function criteriaSection(c, tree, library) {
  const editing = LAYERS.map((l) => l[0]).find((l) => c.can[l]);
  const table = h('table', { class: 'data-table criteria-table', id: 'criteria' },
    h('caption', null, 'Tiêu chí, kết quả đánh giá và minh chứng'),
    h('thead', null, h('tr', null,
      h('th', { scope: 'col' }, 'Mã'), h('th', { scope: 'col' }, 'Nội dung'), h('th', { scope: 'col' }, 'Mức'),
      h('th', { scope: 'col' }, 'Bắt buộc'), h('th', { scope: 'col' }, 'Điểm tối đa'),
      LAYERS.map(([, t]) => h('th', { scope: 'col' }, t)), h('th', { scope: 'col' }, 'Minh chứng'))));
  const body = h('tbody');
  for (const node of tree) {
    if (!node.assessable) {
      body.append(h('tr', { class: node.kind === 'group' ? 'row-group' : 'row-parent' },
        h('th', { scope: 'row' }, node.code), h('td', { colspan: 9 }, h('strong', null, node.title))));
      continue;
    }
    const guidance = node.guidance || node.expected_evidence
      ? h('details', null, h('summary', null, 'Hướng dẫn, minh chứng gợi ý'),
        node.guidance ? h('p', null, node.guidance) : null,
        node.expected_evidence ? h('p', null, h('em', null, 'Minh chứng gợi ý: '), node.expected_evidence) : null)
      : null;
    body.append(h('tr', { dataset: { criterion: node.code } },
      h('th', { scope: 'row' }, node.code),
      h('td', null, node.title, guidance),
      h('td', null, levelsText(node.levels)),
      h('td', null, node.mandatory ? 'x' : ''),
      h('td', null, node.max_score != null ? formatNumber(node.max_score) : '—'),
      LAYERS.map(([l]) => h('td', null, l === editing ? editCell(node, l) : resultCell(node, l))),
      h('td', null, evidenceCell(c, node, library))));
  }
  table.append(body);
  const section = h('section', { 'aria-labelledby': 'crit-h' }, h('h2', { id: 'crit-h' }, 'Tiêu chí và kết quả'),
    exportLinks(`/cycles/${c.id}/summary`),
    h('div', { class: 'table-scroll', role: 'region', 'aria-labelledby': 'crit-h', tabindex: 0 }, table));
  if (editing) {
    const status = h('p', { role: 'status', 'aria-live': 'polite' });
    section.append(h('p', { class: 'toolbar no-print' },
      h('button', { type: 'button', class: 'button button-primary', id: 'save-results', onclick: () => saveResults(c, tree, editing, status) }, 'Lưu kết quả')), status);
  }
  return section;
}

async function saveResults(c, tree, layer, status) {
  const items = [];
  for (const node of tree.filter((n) => n.assessable)) {
    const row = $(`.assess-edit[data-id="${node.id}"]`);
    if (!row) continue;
    const result = $('select', row).value || null;
    const scoreInput = $(`input[name="score-${node.id}"]`, row);
    const score = scoreInput && scoreInput.value !== '' ? Number(scoreInput.value) : null;
    const comment = $(`input[name="comment-${node.id}"]`, row).value.trim() || null;
    if (result === (node[`${layer}_result`] ?? null) && score === (node[`${layer}_score`] ?? null)
        && comment === (node[`${layer}_comment`] ?? null)) continue;
    items.push({ criterion_id: node.id, result, score, comment });
  }
  if (!items.length) {
    status.textContent = 'Không có thay đổi nào.';
    return;
  }
  status.textContent = `Đang lưu ${items.length} tiêu chí…`;
  // The whole sheet in one request: saved together, or not at all.
  try {
    await put(`${API}/cycles/${c.id}/assessments`, { layer, items });
  } catch (e) {
    status.textContent = '';
    alertDialog({ title: 'Chưa lưu được kết quả', message: e.message });
    return;
  }
  await start();
  notify(`Đã lưu kết quả ${items.length} tiêu chí.`);
}

async function link(c, node, evidenceId) {
  try {
    await post(`${API}/cycles/${c.id}/criteria/${node.id}/evidence`, { evidence_id: Number(evidenceId) });
    start();
  } catch (e) {
    alertDialog({ title: 'Không gắn được minh chứng', message: e.message });
  }
}

async function unlink(c, node, e) {
  try {
    await del(`${API}/cycles/${c.id}/criteria/${node.id}/evidence/${e.id}`);
    start();
  } catch (err) {
    alertDialog({ title: 'Không gỡ được minh chứng', message: err.message });
  }
}

// ---- site visits and history --------------------------------------------------------

function visitsSection(c) {
  if (!c.site_visits.length && !c.can.site_visit) return h('span');
  const box = h('section', { 'aria-labelledby': 'visit-h' }, h('h2', { id: 'visit-h' }, 'Khảo sát thực tế'),
    h('ul', null, c.site_visits.map((v) => h('li', null, `${formatDate(v.visit_date)} — ${v.team}`, v.notes ? `: ${v.notes}` : ''))));
  if (c.can.site_visit) {
    box.append(createForm({
      id: 'site-visit',
      submitLabel: 'Ghi nhận khảo sát',
      fields: [
        { name: 'visit_date', label: 'Ngày khảo sát', type: 'date', required: true },
        { name: 'team', label: 'Thành phần đoàn', required: true, maxlength: 2000 },
        { name: 'notes', label: 'Kết quả khảo sát', type: 'textarea' },
      ],
      onSubmit: (v) => post(`${API}/cycles/${c.id}/site-visits`, v),
      onSuccess: () => { notify('Đã ghi nhận khảo sát thực tế.'); start(); },
    }).el);
  }
  return box;
}

function historySection(c) {
  return h('section', { 'aria-labelledby': 'hist-h' }, h('h2', { id: 'hist-h' }, 'Quá trình xử lý'),
    c.events.length
      ? h('ol', { id: 'history' }, c.events.map((e) => h('li', null,
        `${formatDateTime(e.at)} — ${e.user_name || ''}: ${STATE[e.from_state]?.[0] || e.from_state} → ${STATE[e.to_state]?.[0] || e.to_state}`,
        e.note ? ` (${e.note})` : '')))
      : h('p', null, 'Chưa có bước nào.'));
}
