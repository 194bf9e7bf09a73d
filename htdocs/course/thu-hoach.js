// thu-hoach.js — a participant submits the essay (text and/or a file, with
// proposals by topic) with the citizen ID and phone given at registration.

import { $, h } from '/assets/js/dom.js';
import { post } from '/assets/js/api.js';
import { createForm } from '/assets/js/form.js';
import { formatDateTime } from '/assets/js/format.js';
import { loadCourse, notice } from '/course/public.js';

let course = null;
try {
  course = await loadCourse();
} catch (e) {
  notice($('#content'), 'error', e.message);
}
if (course) start();

function fileField() {
  return {
    name: 'file', label: 'Tệp bài thu hoạch (PDF, Word, ảnh; tối đa 10 MB)', type: 'custom',
    create: ({ id, name }) => {
      const input = h('input', { type: 'file', id, name, accept: '.pdf,.doc,.docx,.odt,.jpg,.jpeg,.png' });
      return { el: input, input, get: () => (input.files.length ? input.files[0] : null), set: () => {} };
    },
  };
}

function start() {
  const result = h('div', { id: 'result' });
  const topics = course.topics || [];
  const intro = h('p', null, `Nhận bài từ ${formatDateTime(course.essay_opens_at)}; hạn nộp ${formatDateTime(course.essay_due_at)}; bài nộp sau hạn được ghi nhận là nộp muộn đến ${formatDateTime(course.essay_cutoff_at)}. Bài được gửi tới Ban Tổ chức tỉnh ủy, thành ủy nơi đồng chí công tác.`);
  const form = createForm({
    id: 'essay',
    submitLabel: 'Nộp bài',
    fields: [
      { name: 'cccd', label: 'Số căn cước công dân', required: true, inputmode: 'numeric', maxlength: 20 },
      { name: 'phone', label: 'Số điện thoại đã đăng ký', type: 'tel', required: true },
      { name: 'title', label: 'Tên bài thu hoạch', required: true, minlength: 5, maxlength: 500 },
      { name: 'body', label: 'Nội dung', type: 'textarea', rows: 12, maxlength: 60000,
        hint: 'Nhập nội dung hoặc đính kèm tệp (hoặc cả hai).' },
      ...topics.map((t) => ({ name: `proposal_${t.no}`, label: `Kiến nghị, đề xuất về Chuyên đề ${t.no}: ${t.title}`, type: 'textarea', rows: 3, maxlength: 5000 })),
      fileField(),
    ],
    onSubmit: (v) => {
      const body = new FormData();
      body.append('course', String(course.id));
      for (const [k, val] of Object.entries(v)) if (val != null && val !== '') body.append(k, val);
      return post('/api/course/public/essays', body, { auth: false, timeout: 120000 });
    },
    onSuccess: (r) => {
      form.el.hidden = true;
      notice(result, 'success', h('p', null, h('strong', null, r.message)), h('p', null, 'Số biên nhận: ', h('strong', { id: 'receipt' }, r.receipt)));
    },
  });
  $('#content').append(intro, form.el, result);
}
