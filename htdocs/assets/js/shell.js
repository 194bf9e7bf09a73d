// shell.js — the frame every page sits in: skip link, header with the user's
// name and agency, navigation, account menu, logout, footer.
//
// The navigation lists exactly the modules in the session payload's
// `modules`, which the server fills with the modules enabled for the user's
// agency; a page never decides on its own what a user may open.
//
// A module page:
//     import { initShell } from '/assets/js/shell.js';
//     const session = await initShell({ module: 'tasks' });
//     if (session) start(session);
// initShell answers null when the page must not go on (not logged in: already
// on the way to the login page; module not enabled; not an admin); it has
// then already told the person why.

import { h, replace, $ } from './dom.js';
import { get, post, setCsrfToken, safeNext, ApiError } from './api.js';
import { formatDateTime } from './format.js';
import { alertDialog } from './dialog.js';

const FLASH_KEY = 'cadre.flash';
let session = null;

/** The session payload of this page (after initShell). */
export const getSession = () => session;
/** Whether the user holds a role (roles are held in the user's agency). */
export const hasRole = (code) => !!session?.user?.roles?.includes(code);
export const isAdmin = () => hasRole('admin');

/** A path on this site (the nav must not link elsewhere, whatever the data says). */
const localPath = (p) => typeof p === 'string' && safeNext(p, null) !== null;

/**
 * initShell({module, section, title})
 *   module   the module name this page belongs to ('tasks', 'course', …)
 *   section  for core pages: 'home' | 'account' | 'admin' ('admin' requires the admin role)
 *   title    sets document.title to "<title> — Cadre Suite"
 * Resolves to the session payload, or null (see above).
 */
export async function initShell({ module = null, section = null, title = null } = {}) {
  if (title) document.title = `${title} — Cadre Suite`;
  const main = ensureMain();
  main.setAttribute('aria-busy', 'true');
  try {
    session = await get('/api/core/session');
  } catch (e) {
    main.removeAttribute('aria-busy');
    if (e instanceof ApiError && e.status === 401) return null; // api.js is taking us to the login page
    renderFrame(null);
    stop(main, 'Không tải được phiên làm việc', e.message, true);
    return null;
  }
  main.removeAttribute('aria-busy');
  setCsrfToken(session.csrf_token);

  // A password set by an administrator must be replaced before anything else.
  if (session.user?.must_change_password && section !== 'account') {
    const here = location.pathname + location.search;
    location.assign(`/account/?must_change=1&next=${encodeURIComponent(here)}`);
    return null;
  }

  renderFrame(session, module || section);
  showFlash();

  if (module && !session.modules?.some((m) => m.name === module)) {
    stop(main, 'Phân hệ chưa được bật', 'Phân hệ này chưa được bật cho đơn vị của bạn. Nếu cần sử dụng, vui lòng liên hệ quản trị viên.');
    return null;
  }
  if (section === 'admin' && !isAdmin()) {
    stop(main, 'Không có quyền truy cập', 'Trang này chỉ dành cho quản trị viên.');
    return null;
  }
  return session;
}

function ensureMain() {
  let main = document.getElementById('main');
  if (!main) {
    main = h('main', { id: 'main' });
    document.body.append(main);
  }
  main.tabIndex = -1; // so the skip link moves the focus there in every browser
  return main;
}

function stop(main, title, text, retry = false) {
  replace(
    main,
    h('h1', null, title),
    h('p', { class: 'notice notice-error', role: 'alert' }, text),
    retry ? h('p', null, h('button', { type: 'button', class: 'button', onclick: () => location.reload() }, 'Thử lại')) : h('p', null, h('a', { href: '/' }, 'Về trang chủ')),
  );
}

// ---- the frame -----------------------------------------------------------

function renderFrame(s, current) {
  document.querySelector('body > .site-header')?.remove();
  document.querySelector('body > .skip-link')?.remove();
  document.querySelector('body > .site-footer')?.remove();

  const skip = h('a', { class: 'skip-link', href: '#main' }, 'Bỏ qua điều hướng');
  const header = h('header', { class: 'site-header' });
  const bar = h('div', { class: 'header-bar' }, h('a', { class: 'brand', href: '/' }, h('img', { src: '/favicon.svg', alt: '', width: 28, height: 28 }), h('span', null, 'Cadre Suite')));
  header.append(bar);

  if (s) {
    const nav = renderNav(s, current);
    const toggle = h('button', { type: 'button', class: 'nav-toggle', 'aria-expanded': 'false', 'aria-controls': nav.id }, 'Danh mục');
    toggle.addEventListener('click', () => {
      const open = header.classList.toggle('nav-open');
      toggle.setAttribute('aria-expanded', String(open));
    });
    bar.append(toggle, renderAccountMenu(s));
    header.append(nav);
  }
  document.body.prepend(skip, header);

  const footer = h('footer', { class: 'site-footer' }, h('p', null, 'Cadre Suite'));
  if (s?.expires_at) footer.append(h('p', null, `Phiên làm việc có hiệu lực đến ${formatDateTime(s.expires_at)}.`));
  document.body.append(footer);
}

function renderNav(s, current) {
  const link = (href, label, key, data) =>
    h('li', null, h('a', { href, 'aria-current': key === current ? 'page' : null, dataset: data }, label));
  const items = [link('/', 'Trang chủ', 'home', { section: 'home' })];
  for (const m of s.modules || []) {
    if (localPath(m.ui_path)) items.push(link(m.ui_path, m.title || m.name, m.name, { module: m.name }));
  }
  if (isAdmin()) items.push(link('/admin/', 'Quản trị', 'admin', { section: 'admin' }));
  return h('nav', { class: 'site-nav', id: 'site-nav', 'aria-label': 'Điều hướng chính' }, h('ul', null, items));
}

function renderAccountMenu(s) {
  const u = s.user || {};
  const logoutBtn = h('button', { type: 'button', class: 'menu-item', dataset: { action: 'logout' } }, 'Đăng xuất');
  logoutBtn.addEventListener('click', logout);
  const menu = h(
    'details',
    { class: 'account-menu' },
    h('summary', { 'aria-label': `Tài khoản: ${u.full_name || u.login}` }, h('span', { class: 'user-name' }, u.full_name || u.login), h('span', { class: 'user-agency' }, u.agency?.name || '')),
    h(
      'div',
      { class: 'menu-panel' },
      h('p', { class: 'menu-who' }, h('strong', null, u.full_name || u.login), h('br'), u.agency?.name || ''),
      h('a', { class: 'menu-item', href: '/account/' }, 'Tài khoản của tôi'),
      h('a', { class: 'menu-item', href: '/account/#password' }, 'Đổi mật khẩu'),
      logoutBtn,
    ),
  );
  // Esc and a click elsewhere close the menu, as people expect of a menu.
  menu.addEventListener('keydown', (ev) => {
    if (ev.key === 'Escape' && menu.open) {
      menu.open = false;
      menu.querySelector('summary').focus();
    }
  });
  document.addEventListener('click', (ev) => {
    if (menu.open && !menu.contains(ev.target)) menu.open = false;
  });
  return menu;
}

/** Ends the session on the server, then goes to the login page. */
export async function logout() {
  try {
    await post('/api/core/logout', null, { auth: false });
  } catch (e) {
    // 401: already logged out, which is what we wanted. Anything else means
    // the session may still be alive: say so rather than pretend.
    if (!(e instanceof ApiError) || e.status !== 401) {
      await alertDialog({ title: 'Chưa đăng xuất được', message: `${e.message} Phiên làm việc của bạn có thể vẫn còn hiệu lực.` });
      return;
    }
  }
  session = null;
  setCsrfToken(null);
  location.assign('/login.html?reason=logged_out');
}

// ---- messages ------------------------------------------------------------

function noticeArea() {
  let area = document.getElementById('shell-notices');
  if (!area) {
    area = h('div', { id: 'shell-notices', class: 'shell-notices' });
    ensureMain().prepend(area);
  }
  return area;
}

/**
 * notify('Đã lưu.', 'success'|'error'|'info'|'warning')
 * Shows a message at the top of the page; errors are announced at once,
 * others politely.
 */
export function notify(text, kind = 'success') {
  const msg = h('div', { class: `notice notice-${kind}`, role: kind === 'error' ? 'alert' : 'status' }, h('span', null, text));
  const close = h('button', { type: 'button', class: 'notice-close', 'aria-label': 'Ẩn thông báo' }, '×');
  close.addEventListener('click', () => msg.remove());
  msg.append(close);
  noticeArea().append(msg);
  return msg;
}

/** Like notify, but shown on the next page (after a redirect). */
export function flash(text, kind = 'success') {
  try {
    sessionStorage.setItem(FLASH_KEY, JSON.stringify({ text, kind }));
  } catch {
    /* private mode: the message is a courtesy */
  }
}

function showFlash() {
  try {
    const f = JSON.parse(sessionStorage.getItem(FLASH_KEY) || 'null');
    sessionStorage.removeItem(FLASH_KEY);
    if (f?.text) notify(f.text, f.kind);
  } catch {
    /* ignore */
  }
}
