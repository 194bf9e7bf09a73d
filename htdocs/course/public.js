// public.js — shared by the pages participants use without an account:
// the course in the page header, and answers shown as a clear notice.

import { h } from '/assets/js/dom.js';
import { get } from '/assets/js/api.js';

export async function loadCourse() {
  const course = await get('/api/course/public/course', null, { auth: false });
  const line = document.getElementById('course-title');
  if (line && course) line.textContent = course.title;
  return course;
}

export function notice(container, kind, ...content) {
  container.replaceChildren(h('div', { class: `notice notice-${kind}`, role: kind === 'error' ? 'alert' : 'status', tabindex: '-1' }, ...content));
  container.firstChild.focus();
}
