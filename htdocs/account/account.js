// account.js — my account: who I am, change my password, my sessions, log out.

import { initShell, logout, notify, flash } from '/assets/js/shell.js';
import { h, replace, $ } from '/assets/js/dom.js';
import { get, post, del, safeNext } from '/assets/js/api.js';
import { createForm, passwordToggle } from '/assets/js/form.js';
import { createTable } from '/assets/js/table.js';
import { confirmDialog } from '/assets/js/dialog.js';

const params = new URLSearchParams(location.search);
const mustChange = params.get('must_change') === '1';
const next = safeNext(params.get('next'), '/');

const session = await initShell({ section: 'account', title: 'Tài khoản của tôi' });
if (session) {
  renderInfo(session);
  renderPasswordForm();
  renderSessions();
  $('#logout').addEventListener('click', logout);
  if (mustChange || location.hash === '#password') $('#password').focus();
}

async function renderInfo({ user }) {
  let titles = {};
  try {
    titles = Object.fromEntries((await get('/api/core/roles')).map((r) => [r.code, r.title]));
  } catch {
    /* show the codes if the titles cannot be had */
  }
  const row = (k, v) => [h('dt', null, k), h('dd', null, v || '—')];
  replace(
    $('#info'),
    row('Tên đăng nhập', user.login),
    row('Họ và tên', user.full_name),
    row('Email', user.email),
    row('Đơn vị', user.agency?.name),
    row('Vai trò', (user.roles || []).map((r) => titles[r] || r).join(', ')),
  );
}

function renderPasswordForm() {
  if (mustChange) {
    $('#must-change').append(h('p', { class: 'notice notice-warning', role: 'alert' }, 'Bạn phải đổi mật khẩu trước khi tiếp tục sử dụng hệ thống.'));
  }
  const form = createForm({
    id: 'password-form',
    submitLabel: 'Đổi mật khẩu',
    busyLabel: 'Đang đổi mật khẩu…',
    fields: [
      { name: 'current_password', label: 'Mật khẩu hiện tại', type: 'password', required: true, autocomplete: 'current-password', width: 'l' },
      { name: 'new_password', label: 'Mật khẩu mới', type: 'password', required: true, autocomplete: 'new-password', width: 'l' },
      { name: 'confirm', label: 'Nhập lại mật khẩu mới', type: 'password', required: true, autocomplete: 'new-password', width: 'l' },
    ],
    validate: (v) => {
      if (v.new_password && v.confirm && v.new_password !== v.confirm) return { confirm: 'Mật khẩu nhập lại không khớp.' };
      if (v.new_password && v.new_password === v.current_password) return { new_password: 'Mật khẩu mới phải khác mật khẩu hiện tại.' };
      return null;
    },
    onSubmit: (v) => post('/api/core/password', { current_password: v.current_password, new_password: v.new_password }),
    onSuccess: () => {
      if (mustChange) {
        flash('Đã đổi mật khẩu.');
        location.assign(next);
        return;
      }
      form.reset();
      form.showMessage('Đã đổi mật khẩu.');
      renderSessions(); // the server may have ended my other sessions
    },
  });
  form.el.querySelector('.form-actions').before(passwordToggle(form.el));
  replace($('#password-form'), form.el);
}

/** "Mozilla/5.0 (Linux; Android 14; …) … Chrome/126 Mobile Safari/537.36" → "Chrome trên Android". */
function describeAgent(ua = '') {
  const browser = /CocCoc/.test(ua) ? 'Cốc Cốc' : /Edg\//.test(ua) ? 'Edge' : /Firefox\//.test(ua) ? 'Firefox' : /Chrom(e|ium)\//.test(ua) ? 'Chrome' : /Safari\//.test(ua) ? 'Safari' : '';
  const os = /Android/.test(ua) ? 'Android' : /iPhone|iPad/.test(ua) ? 'iOS' : /Windows/.test(ua) ? 'Windows' : /Mac OS X/.test(ua) ? 'macOS' : /Linux/.test(ua) ? 'Linux' : '';
  if (browser && os) return `${browser} trên ${os}`;
  return browser || os || ua || 'Không rõ';
}

let table = null;
async function renderSessions() {
  let list;
  try {
    list = await get('/api/core/sessions');
  } catch (e) {
    replace($('#sessions'), h('p', { class: 'notice notice-error', role: 'alert' }, e.message));
    return;
  }
  if (!table) {
    table = createTable({
      caption: 'Các phiên đăng nhập',
      filter: false,
      rowKey: 'id',
      sort: { key: 'last_seen_at', dir: 'desc' },
      empty: 'Không có phiên nào.',
      columns: [
        { key: 'user_agent', label: 'Thiết bị', render: (s) => h('span', { title: s.user_agent || '' }, describeAgent(s.user_agent), s.current ? [' ', h('span', { class: 'badge badge-ok' }, 'Phiên này')] : null) },
        { key: 'ip', label: 'Địa chỉ IP' },
        { key: 'created_at', label: 'Đăng nhập lúc', format: 'datetime' },
        { key: 'last_seen_at', label: 'Hoạt động gần nhất', format: 'datetime' },
        { key: 'actions', label: 'Thao tác', sortable: false, className: 'col-actions', render: (s) => h('button', { type: 'button', class: 'button button-small', onclick: () => endSession(s) }, 'Kết thúc phiên') },
      ],
    });
    const others = h('button', { type: 'button', class: 'button', onclick: endOthers }, 'Kết thúc các phiên khác');
    replace($('#sessions-tools'), others);
    replace($('#sessions'), table.el);
  }
  table.setRows(list);
}

async function endSession(s) {
  const ok = await confirmDialog({
    title: 'Kết thúc phiên',
    message: s.current ? 'Đây là phiên bạn đang dùng. Kết thúc phiên này sẽ đăng xuất bạn khỏi thiết bị này.' : `Kết thúc phiên trên “${describeAgent(s.user_agent)}” (${s.ip || 'không rõ IP'})? Thiết bị đó sẽ phải đăng nhập lại.`,
    confirmLabel: 'Kết thúc phiên',
    danger: true,
  });
  if (!ok) return;
  try {
    await del(`/api/core/sessions/${encodeURIComponent(s.id)}`, { auth: !s.current });
  } catch (e) {
    notify(e.message, 'error');
    return;
  }
  if (s.current) {
    location.assign('/login.html?reason=logged_out');
    return;
  }
  notify('Đã kết thúc phiên.');
  renderSessions();
}

async function endOthers() {
  const others = table.rows.filter((s) => !s.current);
  if (!others.length) {
    notify('Không có phiên nào khác.', 'info');
    return;
  }
  const ok = await confirmDialog({ title: 'Kết thúc các phiên khác', message: `Kết thúc ${others.length} phiên trên các thiết bị khác? Các thiết bị đó sẽ phải đăng nhập lại.`, confirmLabel: 'Kết thúc', danger: true });
  if (!ok) return;
  let failed = 0;
  for (const s of others) {
    try {
      await del(`/api/core/sessions/${encodeURIComponent(s.id)}`);
    } catch {
      failed += 1;
    }
  }
  notify(failed ? `Còn ${failed} phiên chưa kết thúc được. Vui lòng thử lại.` : 'Đã kết thúc các phiên khác.', failed ? 'error' : 'success');
  renderSessions();
}
