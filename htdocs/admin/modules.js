// modules.js — which modules an agency uses: for each module, on, off, or
// inherit from the parent agency, and where the inherited value comes from.
//
// Changes are chosen with radio buttons and saved together with one button:
// saving on every radio change would fire a request per arrow key press.

import { initShell, notify } from '/assets/js/shell.js';
import { h, replace, $ } from '/assets/js/dom.js';
import { get, put, ApiError } from '/assets/js/api.js';
import { createAgencyPicker } from '/assets/js/agency-picker.js';
import { adminNav } from '/admin/admin-nav.js';

const CHOICES = [
  ['on', 'Bật'],
  ['off', 'Tắt'],
  ['inherit', 'Theo đơn vị cấp trên'],
];
const toChoice = (v) => (v === true ? 'on' : v === false ? 'off' : 'inherit');
const fromChoice = (c) => (c === 'on' ? true : c === 'off' ? false : null);

let picker;

const session = await initShell({ section: 'admin', title: 'Phân hệ theo đơn vị' });
if (session) start();

function start() {
  adminNav('modules');
  const params = new URLSearchParams(location.search);
  picker = createAgencyPicker({
    id: 'agency',
    name: 'agency',
    value: params.get('agency') || null,
    onChange: (a) => {
      const url = new URL(location.href);
      a ? url.searchParams.set('agency', a.id) : url.searchParams.delete('agency');
      history.replaceState(null, '', url);
      load();
    },
  });
  replace($('#agency-slot'), picker.el);
  if (params.get('agency')) load();
}

/**
 * The row's own setting: true/false, or null = inherit. The host answers
 * {name, title, enabled (effective), own_setting, inherited_from: {id, name}}.
 * Without own_setting (the contract as first written) a row with
 * inherited_from is read as inheriting and one without as set here.
 */
function ownSetting(m) {
  if ('own_setting' in m) return m.own_setting;
  return m.inherited_from == null ? (m.enabled ?? null) : null;
}

function sourceName(src) {
  if (src == null) return null;
  if (typeof src === 'object') return src.name || `#${src.id}`;
  return `đơn vị #${src}`;
}

function effectiveText(m) {
  const on = m.enabled;
  const state = on ? 'đang bật' : 'đang tắt';
  const from = sourceName(m.inherited_from);
  if (from) return `Hiện ${state}, kế thừa từ ${from}.`;
  if (ownSetting(m) == null) return `Hiện ${state} (chưa đơn vị nào thiết lập; mặc định là tắt).`;
  return `Hiện ${state}, thiết lập tại đơn vị này.`;
}

async function load() {
  const agencyId = picker.get();
  const box = $('#settings');
  if (agencyId == null) {
    box.replaceChildren();
    return;
  }
  box.setAttribute('aria-busy', 'true');
  let rows;
  try {
    rows = await get(`/api/core/agencies/${encodeURIComponent(agencyId)}/modules`);
  } catch (e) {
    replace(box, h('p', { class: 'notice notice-error', role: 'alert' }, e.message));
    return;
  } finally {
    box.removeAttribute('aria-busy');
  }
  render(agencyId, rows);
}

function render(agencyId, rows) {
  const agency = picker.agency();
  const groups = rows.map((m) => {
    const current = toChoice(ownSetting(m));
    const fs = h(
      'fieldset',
      { class: 'module-setting', dataset: { module: m.name, initial: current } },
      h('legend', null, m.title || m.name),
      h(
        'div',
        { class: 'choices' },
        CHOICES.map(([value, label]) => {
          const id = `m-${m.name}-${value}`;
          return h('div', { class: 'choice' }, h('input', { type: 'radio', id, name: `m-${m.name}`, value, checked: value === current }), h('label', { for: id }, label));
        }),
      ),
      h('p', { class: 'effective' }, effectiveText(m)),
    );
    return fs;
  });

  const save = h('button', { type: 'submit', class: 'button button-primary' }, 'Lưu thay đổi');
  const form = h(
    'form',
    { class: 'form form-wide', id: 'modules-form' },
    h('h2', null, `Phân hệ của ${agency?.name || 'đơn vị'}`),
    rows.length ? groups : h('p', { class: 'notice' }, 'Hệ thống chưa nạp phân hệ nào.'),
    h('div', { class: 'form-actions' }, save),
  );
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    const changes = groups
      .map((fs) => ({ module: fs.dataset.module, before: fs.dataset.initial, after: fs.querySelector('input:checked')?.value }))
      .filter((c) => c.after && c.after !== c.before);
    if (!changes.length) {
      notify('Không có thay đổi nào để lưu.', 'info');
      return;
    }
    save.disabled = true;
    save.textContent = 'Đang lưu…';
    let done = 0;
    try {
      for (const c of changes) {
        await put(`/api/core/agencies/${encodeURIComponent(agencyId)}/modules`, { module: c.module, enabled: fromChoice(c.after) });
        done += 1;
      }
      notify(`Đã lưu ${done} thay đổi.`);
    } catch (e) {
      notify(`Đã lưu ${done}/${changes.length} thay đổi. ${e instanceof ApiError ? e.message : ''}`, 'error');
    }
    await load(); // show what the server now says, inheritance included
    $('#modules-form h2')?.setAttribute('tabindex', '-1');
    $('#modules-form h2')?.focus();
  });
  replace($('#settings'), form);
}
