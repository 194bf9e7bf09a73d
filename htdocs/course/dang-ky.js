// dang-ky.js — self-registration of a participant with the bridge point's
// code (no account). The form carries an idempotency key, so a double tap or
// a retry on a slow link registers once and shows the same answer.

import { $, h } from '/assets/js/dom.js';
import { get, post } from '/assets/js/api.js';
import { createForm } from '/assets/js/form.js';
import { loadCourse, notice } from '/course/public.js';

const CATEGORIES = [
  { value: 'commune_leader', label: 'Cán bộ lãnh đạo, quản lý cấp xã, phòng, ban, trung tâm trực thuộc cấp xã' },
  { value: 'school_lecturer', label: 'Cán bộ, giảng viên trường chính trị cấp tỉnh' },
  { value: 'other', label: 'Đối tượng khác do tỉnh ủy, thành ủy quyết định' },
];

let course = null;
try {
  course = await loadCourse();
} catch (e) {
  notice($('#content'), 'error', e.message);
}
if (course) start();

function start() {
  const result = h('div', { id: 'result' });
  const pointInfo = h('p', { id: 'bp-info', class: 'muted', 'aria-live': 'polite' });
  const form = createForm({
    id: 'reg',
    submitLabel: 'Đăng ký',
    values: { bridge_point: new URLSearchParams(location.search).get('diem-cau') || '' },
    fields: [
      { name: 'bridge_point', label: 'Mã điểm cầu', required: true, maxlength: 64, autocomplete: 'off',
        hint: 'Mã do người tổ chức tại điểm cầu cung cấp.' },
      { name: 'full_name', label: 'Họ và tên', required: true, maxlength: 200, autocomplete: 'name' },
      { name: 'cccd', label: 'Số căn cước công dân', required: true, inputmode: 'numeric', maxlength: 20,
        hint: '12 chữ số.', pattern: '[0-9 ]{12,20}', patternMessage: 'Số căn cước công dân gồm 12 chữ số.' },
      { name: 'position', label: 'Chức vụ', required: true, maxlength: 200 },
      { name: 'unit', label: 'Đơn vị công tác', required: true, maxlength: 255 },
      { name: 'phone', label: 'Số điện thoại', type: 'tel', required: true, autocomplete: 'tel' },
      { name: 'email', label: 'Thư điện tử', type: 'email', autocomplete: 'email',
        hint: 'Không bắt buộc; nếu có, thư xác nhận sẽ được gửi tới địa chỉ này.' },
      { name: 'category', label: 'Đối tượng', type: 'radios', required: true, options: CATEGORIES },
    ],
    onSubmit: (v, { idempotencyKey }) => post('/api/course/public/register',
      { ...v, course: course.id, idempotency_key: idempotencyKey }, { auth: false }),
    onSuccess: (r) => {
      form.el.hidden = true;
      notice(result, 'success',
        h('p', null, h('strong', null, `Đăng ký thành công: ${r.full_name}.`)),
        h('p', null, `Điểm cầu: ${r.bridge_point.name} (mã ${r.bridge_point.code}).`),
        h('p', null, 'Mã đăng ký của đồng chí: ', h('strong', { id: 'ticket' }, r.ticket)),
        h('p', null, 'Vui lòng ghi lại mã đăng ký. Khi điểm danh và nộp bài thu hoạch, đồng chí dùng số căn cước công dân và số điện thoại đã khai.'),
        h('button', { type: 'button', class: 'button no-print', onclick: () => window.print() }, 'In phiếu đăng ký'));
    },
  });
  const code = form.field('bridge_point').input;
  code.addEventListener('change', async () => {
    const v = code.value.trim();
    if (!v) return;
    try {
      const bp = await get(`/api/course/public/bridge-points/${encodeURIComponent(v)}`, { course: course.id }, { auth: false });
      pointInfo.textContent = bp.status === 'approved'
        ? `${bp.name}${bp.province_name ? `, ${bp.province_name}` : ''} — còn ${bp.seats_left} chỗ.`
        : `${bp.name}: điểm cầu chưa được duyệt, chưa nhận đăng ký.`;
    } catch (e) {
      pointInfo.textContent = e.message;
    }
  });
  code.closest('div')?.append(pointInfo);
  $('#content').append(form.el, result);
}
