// login.js — log in; if the password was set by an administrator, replace it
// before going on ("Bạn phải đổi mật khẩu").

import { h, replace, $ } from '/assets/js/dom.js';
import { get, post, setCsrfToken, safeNext } from '/assets/js/api.js';
import { createForm, passwordToggle } from '/assets/js/form.js';
import { flash } from '/assets/js/shell.js';

const params = new URLSearchParams(location.search);
const next = safeNext(params.get('next'), '/');

const REASONS = {
  expired: ['Phiên làm việc đã hết hạn. Vui lòng đăng nhập lại.', 'warning'],
  logged_out: ['Bạn đã đăng xuất.', 'success'],
  password_changed: ['Đã đổi mật khẩu. Vui lòng đăng nhập bằng mật khẩu mới.', 'success'],
};
const reason = REASONS[params.get('reason')];
if (reason) $('#notices').append(h('p', { class: `notice notice-${reason[1]}`, role: 'status' }, reason[0]));

showLogin();

// Someone already logged in (a bookmark to the login page, a second tab)
// goes straight on. Done after the form is shown, so a slow link does not
// leave the page blank.
get('/api/core/session', null, { auth: false })
  .then((s) => {
    if (s?.user) location.replace(s.user.must_change_password ? `/account/?must_change=1&next=${encodeURIComponent(next)}` : next);
  })
  .catch(() => {});

function showLogin() {
  const form = createForm({
    id: 'login-form',
    submitLabel: 'Đăng nhập',
    busyLabel: 'Đang đăng nhập…',
    errorTitle: 'Không đăng nhập được',
    fields: [
      { name: 'login', label: 'Tên đăng nhập', required: true, autocomplete: 'username', width: 'l' },
      { name: 'password', label: 'Mật khẩu', type: 'password', required: true, autocomplete: 'current-password', width: 'l' },
    ],
    onSubmit: (v) => post('/api/core/login', { login: v.login, password: v.password }, { auth: false }),
    onSuccess: (payload, v) => {
      setCsrfToken(payload?.csrf_token);
      if (payload?.user?.must_change_password) showChange(v.password);
      else location.assign(next);
    },
  });
  form.el.querySelector('.form-actions').before(passwordToggle(form.el));
  replace($('#login'), form.el);
  form.field('login').input.focus();
}

function showChange(currentPassword) {
  $('#title').textContent = 'Bạn phải đổi mật khẩu';
  document.title = 'Đổi mật khẩu — Cadre Suite';
  $('#notices').replaceChildren();
  const form = createForm({
    id: 'must-change-form',
    submitLabel: 'Đổi mật khẩu và tiếp tục',
    busyLabel: 'Đang đổi mật khẩu…',
    errorTitle: 'Chưa đổi được mật khẩu',
    fields: [
      { name: 'new_password', label: 'Mật khẩu mới', type: 'password', required: true, autocomplete: 'new-password', width: 'l' },
      { name: 'confirm', label: 'Nhập lại mật khẩu mới', type: 'password', required: true, autocomplete: 'new-password', width: 'l' },
    ],
    validate: (v) => {
      if (v.new_password && v.confirm && v.new_password !== v.confirm) return { confirm: 'Mật khẩu nhập lại không khớp.' };
      if (v.new_password && v.new_password === currentPassword) return { new_password: 'Mật khẩu mới phải khác mật khẩu hiện tại.' };
      return null;
    },
    onSubmit: (v) => post('/api/core/password', { current_password: currentPassword, new_password: v.new_password }),
    onSuccess: () => {
      flash('Đã đổi mật khẩu.');
      location.assign(next);
    },
  });
  form.el.querySelector('.form-actions').before(passwordToggle(form.el));
  replace(
    $('#login'),
    h('p', { class: 'notice notice-warning', role: 'status' }, 'Mật khẩu hiện tại do quản trị viên đặt. Để bảo vệ tài khoản, vui lòng đặt mật khẩu mới trước khi tiếp tục.'),
    form.el,
  );
  form.field('new_password').input.focus();
}
