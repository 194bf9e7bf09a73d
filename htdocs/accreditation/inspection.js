// inspection.js — one inspection of maintenance: findings per criterion with
// their severity, corrective actions (owner, due date, done), and the
// conclusion that keeps, warns or withdraws the recognition.

import { initShell, notify } from '/assets/js/shell.js';
import { get, post, put } from '/assets/js/api.js';
import { $, h } from '/assets/js/dom.js';
import { createForm } from '/assets/js/form.js';
import { openDialog } from '/assets/js/dialog.js';
import { formatDate, today } from '/assets/js/format.js';
import { API, SEVERITY, OUTCOME, RECOGNITION, accrNav, badge, fact, isAcademy, options, param, showError } from '/accreditation/common.js';

const session = await initShell({ module: 'accreditation', title: 'Kiểm tra duy trì' });
const id = param('id');
if (session) start();

async function start() {
  const content = $('#content');
  let insp;
  try {
    insp = await get(`${API}/inspections/${id}`);
  } catch (e) {
    showError(content, e);
    return;
  }
  const open = insp.status === 'open';
  const academy = isAcademy();
  $('h1').textContent = `Kiểm tra duy trì: ${insp.school_name} (${formatDate(insp.inspection_date)})`;
  const box = h('div', null,
    h('p', { class: 'no-print' }, h('a', { href: `/accreditation/register.html?recognition=${insp.recognition_id}` }, '← Quyết định công nhận')),
    h('dl', { class: 'facts' },
      fact('Trường', insp.school_name), fact('Quyết định công nhận', `${insp.decision_no} (mức ${insp.level})`),
      fact('Tình trạng công nhận', badge(RECOGNITION, insp.recognition_status)),
      fact('Đoàn kiểm tra', insp.team), fact('Kết luận', insp.outcome ? badge(OUTCOME, insp.outcome) : 'Đang kiểm tra'),
      fact('Nội dung kết luận', insp.conclusion)),
    h('h2', null, 'Phát hiện và biện pháp khắc phục'));
  if (!insp.findings.length) box.append(h('p', null, 'Chưa có phát hiện nào.'));
  for (const f of insp.findings) {
    box.append(h('article', { class: 'finding' },
      h('h3', null, `${f.criterion_code}: `, badge(SEVERITY, f.severity)),
      h('p', null, f.description), f.root_cause ? h('p', { class: 'hint' }, `Nguyên nhân: ${f.root_cause}`) : null,
      h('ul', null, f.actions.map((a) => h('li', null,
        `${a.description} — ${a.owner}, hạn ${formatDate(a.due_date)} — `,
        a.status === 'done' ? h('span', { class: 'badge badge-ok' }, `Đã xong ${formatDate(a.done_date)}`)
          : h('span', { class: `badge ${a.overdue ? 'badge-off' : 'badge-warn'}` }, a.overdue ? 'Quá hạn' : 'Đang thực hiện'),
        a.status !== 'done' && (insp.can_report || academy)
          ? h('button', { type: 'button', class: 'button button-small no-print', onclick: () => done(a) }, 'Báo cáo hoàn thành') : null))),
      open && academy ? h('button', { type: 'button', class: 'button button-small no-print', onclick: () => addAction(f) }, 'Giao biện pháp khắc phục') : null));
  }
  if (open && academy) {
    box.append(h('h3', null, 'Ghi phát hiện'), await findingForm(insp), h('h3', null, 'Kết luận kiểm tra'), closeForm(insp));
  }
  content.replaceChildren(accrNav('register'), box);
}

async function findingForm(insp) {
  const rec = await get(`${API}/recognitions/${insp.recognition_id}`);
  const criteria = await get(`${API}/cycles/${rec.cycle_id}/criteria`);
  return createForm({
    id: 'finding',
    submitLabel: 'Ghi phát hiện',
    fields: [
      { name: 'criterion_id', label: 'Tiêu chí', type: 'select', required: true,
        options: criteria.filter((c) => c.assessable).map((c) => ({ value: c.id, label: `${c.code} — ${c.title}` })) },
      { name: 'severity', label: 'Mức độ', type: 'radios', required: true, options: options(SEVERITY) },
      { name: 'description', label: 'Nội dung phát hiện', type: 'textarea', required: true },
      { name: 'root_cause', label: 'Nguyên nhân', type: 'textarea' },
    ],
    onSubmit: (v) => post(`${API}/inspections/${insp.id}/findings`, v),
    onSuccess: () => { notify('Đã ghi phát hiện.'); start(); },
  }).el;
}

function closeForm(insp) {
  return createForm({
    id: 'close',
    submitLabel: 'Kết luận',
    fields: [
      { name: 'outcome', label: 'Kết luận', type: 'radios', required: true, options: options(OUTCOME),
        hint: 'Không kết luận “duy trì” khi còn phát hiện rất nghiêm trọng chưa khắc phục xong.' },
      { name: 'conclusion', label: 'Nội dung kết luận', type: 'textarea', required: true },
    ],
    onSubmit: (v) => post(`${API}/inspections/${insp.id}/close`, v),
    onSuccess: () => { notify('Đã kết luận đợt kiểm tra.'); start(); },
  }).el;
}

function addAction(f) {
  const form = createForm({
    id: 'action',
    submitLabel: 'Giao',
    fields: [
      { name: 'description', label: 'Biện pháp khắc phục', type: 'textarea', required: true },
      { name: 'owner', label: 'Người, đơn vị phụ trách', required: true, maxlength: 255 },
      { name: 'due_date', label: 'Thời hạn', type: 'date', required: true },
    ],
    onSubmit: (v) => post(`${API}/findings/${f.id}/actions`, v),
    onSuccess: () => { d.close(true); start(); },
  });
  const d = openDialog({ title: `Biện pháp khắc phục: ${f.criterion_code}`, content: form.el });
}

function done(a) {
  const form = createForm({
    id: 'done',
    submitLabel: 'Báo cáo hoàn thành',
    values: { done_date: today() },
    fields: [
      { name: 'done_date', label: 'Ngày hoàn thành', type: 'date', required: true },
      { name: 'done_note', label: 'Kết quả khắc phục', type: 'textarea' },
    ],
    onSubmit: (v) => put(`${API}/actions/${a.id}`, { ...v, status: 'done' }),
    onSuccess: () => { d.close(true); start(); },
  });
  const d = openDialog({ title: 'Hoàn thành biện pháp khắc phục', content: form.el });
}
