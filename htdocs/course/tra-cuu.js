// tra-cuu.js — a participant looks up the registration (ticket, bridge point)
// and the state of the essay, with citizen ID and phone.

import { $, h } from '/assets/js/dom.js';
import { post } from '/assets/js/api.js';
import { createForm } from '/assets/js/form.js';
import { loadCourse, notice } from '/course/public.js';

const ESSAY = { submitted: 'Đã nộp, chờ tiếp nhận', acknowledged: 'Ban Tổ chức đã tiếp nhận', returned: 'Bị trả lại, đề nghị hoàn thiện và nộp lại' };
const result = h('div', { id: 'result' });
try {
  await loadCourse();
} catch {
  /* the form works without the title */
}
const form = createForm({
  id: 'lookup',
  submitLabel: 'Tra cứu',
  fields: [
    { name: 'cccd', label: 'Số căn cước công dân', required: true, inputmode: 'numeric', maxlength: 20 },
    { name: 'phone', label: 'Số điện thoại đã đăng ký', type: 'tel', required: true },
  ],
  onSubmit: (v) => post('/api/course/public/lookup', v, { auth: false }),
  onSuccess: (r) => notice(result, 'info',
    h('p', null, h('strong', null, r.full_name), ` — ${r.position}, ${r.unit_name}`),
    h('p', null, `Mã đăng ký: ${r.ticket}. Điểm cầu: ${r.bridge_point_name} (${r.bridge_point_code}), ${r.bridge_point_address}.`),
    h('p', null, `Bài thu hoạch: ${r.essay_status ? ESSAY[r.essay_status] : 'chưa nộp'}${r.essay_late ? ' (nộp muộn)' : ''}${r.essay_comment ? `. Nhận xét: ${r.essay_comment}` : ''}`)),
});
$('#content').append(form.el, result);
