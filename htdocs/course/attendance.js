// attendance.js — the roster of one bridge point for one session: one
// choice per participant (present, late, excused, absent), sent in one
// request with a nonce. If the network fails the roster is kept in this
// browser with the same nonce and can be sent again later: the server
// applies a nonce once, so a roster that did arrive is not counted twice.

import { initShell, notify } from '/assets/js/shell.js';
import { $, h } from '/assets/js/dom.js';
import { get, post, asList } from '/assets/js/api.js';
import { formatDateTime } from '/assets/js/format.js';
import { MARK, currentCourse, courseNav, option, nonce, param, showError } from '/course/common.js';

let course;
const PENDING = 'course-roster-pending';

const session = await initShell({ module: 'course', title: 'Điểm danh theo buổi' });
if (session) start();

async function start() {
  const content = $('#content');
  let points;
  try {
    course = await currentCourse();
    points = course ? asList(await get('/api/course/bridge-points', { course: course.id, status: 'approved', per_page: 500 })).items : [];
  } catch (e) {
    showError(content, e);
    return;
  }
  if (!course) return;
  const sessionSel = h('select', { id: 'a-session' },
    (course.sessions || []).map((s) => option(String(s.id), `Buổi ${s.seq}: ${s.title} (${formatDateTime(s.starts_at)})`, String(s.id) === param('session'))));
  const pointSel = h('select', { id: 'a-point' },
    points.map((p) => option(String(p.id), `${p.name} (${p.code})`, String(p.id) === param('bridge_point'))));
  const pick = h('form', { class: 'filters no-print' },
    h('div', null, h('label', { for: 'a-session' }, 'Buổi học'), sessionSel),
    h('div', null, h('label', { for: 'a-point' }, 'Điểm cầu'), pointSel),
    h('div', { class: 'form-actions' }, h('button', { type: 'submit', class: 'button' }, 'Mở danh sách điểm danh')));
  const area = h('div', { id: 'roster' });
  pick.addEventListener('submit', (ev) => { ev.preventDefault(); load(area); });
  content.append(courseNav('attendance', course), pendingNotice(), pick, area);
  if (points.length) load(area);
  else area.append(h('p', { class: 'notice notice-info' }, 'Chưa có điểm cầu đã duyệt trong phạm vi của đơn vị.'));
}

async function load(area) {
  const sid = $('#a-session').value;
  const bp = $('#a-point').value;
  let data;
  try {
    data = await get(`/api/course/sessions/${sid}/roster`, { bridge_point: bp });
  } catch (e) {
    showError(area, e);
    return;
  }
  const rows = data.items.map((r, i) => {
    const group = h('fieldset', { class: 'roster-choice' },
      h('legend', { class: 'visually-hidden' }, `Điểm danh ${r.full_name}`),
      Object.entries(MARK).map(([code, [label]]) => h('label', null,
        h('input', { type: 'radio', name: `m-${r.registration_id}`, value: code, checked: (r.status || '') === code, disabled: !data.editable,
          'data-reg': String(r.registration_id) }), ` ${label}`)));
    return h('tr', null, h('td', null, String(i + 1)), h('th', { scope: 'row' }, r.full_name),
      h('td', null, r.position || ''), h('td', null, group),
      h('td', null, r.marked_at ? formatDateTime(r.marked_at) : '—'));
  });
  const note = data.window === 'not_started' ? 'Chưa đến giờ điểm danh buổi học này.'
    : data.window === 'province_only' && !data.editable ? 'Đã hết thời gian điểm danh của điểm cầu; chỉ cấp tỉnh được sửa.' : null;
  area.replaceChildren(
    h('h2', null, `${data.session.title} — ${data.bridge_point.name}`),
    note ? h('p', { class: 'notice notice-warning' }, note) : '',
    h('div', { class: 'toolbar no-print' },
      h('button', { type: 'button', class: 'button', id: 'all-present', disabled: !data.editable,
        onclick: () => area.querySelectorAll('input[value=present]').forEach((x) => { x.checked = true; }) }, 'Tất cả có mặt')),
    h('div', { class: 'table-scroll', role: 'region', 'aria-label': 'Danh sách điểm danh', tabindex: 0 },
      h('table', { class: 'data-table' }, h('caption', null, `Danh sách điểm danh (${data.items.length} người)`),
      h('thead', null, h('tr', null, ['TT', 'Họ và tên', 'Chức vụ', 'Điểm danh', 'Ghi nhận lúc'].map((x) => h('th', { scope: 'col' }, x)))),
      h('tbody', null, rows))),
    h('div', { class: 'toolbar no-print' },
      h('button', { type: 'button', class: 'button button-primary', id: 'roster-send', disabled: !data.editable || !rows.length,
        onclick: () => send(area, data) }, 'Gửi điểm danh')));
}

function collect(area) {
  return Array.from(area.querySelectorAll('input[type=radio]:checked'))
    .map((x) => ({ registration_id: Number(x.dataset.reg), status: x.value }));
}

async function send(area, data, pending = null) {
  const body = pending || { bridge_point_id: data.bridge_point.id, nonce: nonce(), entries: collect(area) };
  const sid = pending ? pending.session_id : data.session.id;
  if (!body.entries.length) {
    notify('Chưa chọn trạng thái cho người nào.', 'warning');
    return;
  }
  try {
    const r = await post(`/api/course/sessions/${sid}/roster`, { bridge_point_id: body.bridge_point_id, nonce: body.nonce, entries: body.entries });
    localStorage.removeItem(PENDING);
    notify(r.replay ? 'Danh sách này đã được ghi nhận trước đó.' : `Đã ghi nhận điểm danh ${r.marked} người.`);
    if (area) load(area);
  } catch (e) {
    if (e.code === 'network' || e.code === 'timeout' || e.status >= 500) {
      localStorage.setItem(PENDING, JSON.stringify({ ...body, session_id: sid }));
      notify('Mất kết nối: danh sách được giữ trên máy này, hãy bấm "Gửi lại" khi có mạng.', 'warning');
    } else {
      notify(e.message, 'error');
    }
  }
}

function pendingNotice() {
  const saved = localStorage.getItem(PENDING);
  if (!saved) return '';
  const body = JSON.parse(saved);
  return h('p', { class: 'notice notice-warning' }, `Có một danh sách điểm danh (${body.entries.length} người) chưa gửi được. `,
    h('button', { type: 'button', class: 'button button-small', onclick: () => send($('#roster'), null, body) }, 'Gửi lại'));
}
