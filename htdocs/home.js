// home.js — the page after login: a greeting and the user's modules as cards.

import { initShell, isAdmin } from '/assets/js/shell.js';
import { h, replace, $ } from '/assets/js/dom.js';
import { safeNext } from '/assets/js/api.js';

const session = await initShell({ section: 'home', title: 'Trang chủ' });
if (session) render(session);

function card(href, title, text, data) {
  return h('li', null, h('a', { class: 'card', href, dataset: data }, h('span', { class: 'card-title' }, title), h('span', { class: 'card-text' }, text)));
}

function render({ user, modules = [] }) {
  $('#greeting').textContent = `Xin chào, ${user.full_name || user.login}`;
  const mods = modules.filter((m) => safeNext(m.ui_path, null));
  const parts = [h('p', { class: 'lead' }, user.agency?.name || '')];

  parts.push(h('h2', { id: 'modules-title' }, 'Phân hệ của đơn vị'));
  if (mods.length) {
    parts.push(h('ul', { class: 'cards', 'aria-labelledby': 'modules-title' }, mods.map((m) => card(m.ui_path, m.title || m.name, 'Mở phân hệ', { module: m.name }))));
  } else {
    parts.push(h('p', { class: 'notice' }, 'Đơn vị của bạn chưa được bật phân hệ nào. Vui lòng liên hệ quản trị viên để được cấp quyền sử dụng.'));
  }

  const other = [card('/account/', 'Tài khoản của tôi', 'Đổi mật khẩu, xem và kết thúc các phiên đăng nhập')];
  if (isAdmin()) other.unshift(card('/admin/', 'Quản trị', 'Đơn vị, người dùng, phân hệ theo đơn vị, nhật ký thay đổi', { section: 'admin' }));
  parts.push(h('h2', { id: 'other-title' }, isAdmin() ? 'Tài khoản và quản trị' : 'Tài khoản'), h('ul', { class: 'cards', 'aria-labelledby': 'other-title' }, other));

  replace($('#home'), parts);
}
