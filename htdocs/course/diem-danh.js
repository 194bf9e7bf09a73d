// diem-danh.js — a participant checks in to a session with the code shown
// during the session, the citizen ID and the phone given at registration.
// The nonce is made once per form, so retrying after a network failure is
// counted once.

import { $, h } from '/assets/js/dom.js';
import { post } from '/assets/js/api.js';
import { createForm, newIdempotencyKey } from '/assets/js/form.js';
import { loadCourse, notice } from '/course/public.js';

let nonce = `n-${newIdempotencyKey()}`;
const result = h('div', { id: 'result' });
try {
  await loadCourse();
} catch {
  /* the form works without the title */
}
const form = createForm({
  id: 'checkin',
  submitLabel: 'Điểm danh',
  fields: [
    { name: 'code', label: 'Mã điểm danh của buổi học', required: true, maxlength: 32, autocomplete: 'off' },
    { name: 'cccd', label: 'Số căn cước công dân', required: true, inputmode: 'numeric', maxlength: 20 },
    { name: 'phone', label: 'Số điện thoại đã đăng ký', type: 'tel', required: true },
  ],
  onSubmit: (v) => post('/api/course/public/checkin', { ...v, nonce }, { auth: false }),
  onSuccess: (r) => {
    nonce = `n-${newIdempotencyKey()}`;
    notice(result, 'success', h('p', null, h('strong', null, r.message)), h('p', null, `${r.full_name} — ${r.session}`));
  },
});
$('#content').append(form.el, result);
