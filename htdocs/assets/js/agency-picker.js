// agency-picker.js — choose one agency (đơn vị) out of thousands.
//
// A <select> cannot hold 3,300 communes usefully, and a hand-made combobox is
// easy to get wrong for screen readers. So: a search box that asks the API
// (accent-insensitive `q`) and a plain <select> showing what was found. Both
// work with keyboard, touch and screen readers without special handling.

import { h, replace } from './dom.js';
import { get, asList } from './api.js';
import { fold } from './format.js';

const STATUS_NOTE = { pending: ' — chờ xác nhận' };

function optionLabel(a) {
  return `${a.name}${a.code ? ` (${a.code})` : ''}${STATUS_NOTE[a.status] || ''}`;
}

/**
 * createAgencyPicker({id, name, value, query, onChange, emptyLabel})
 *   id       id of the <select> (point your <label for> at it)
 *   value    the current agency {id, name, code}, or just its id, or null
 *   query    extra filters for /api/core/agencies, e.g. {status: 'active'}
 *   onChange(agency|null)
 * Returns {el, input, get() → id|null, agency() → object|null, set(agency)}.
 */
export function createAgencyPicker({ id, name, value = null, query = {}, onChange, emptyLabel = '— Chọn đơn vị —', required = false }) {
  const known = new Map(); // id → agency, for everything ever listed
  let current = value && typeof value === 'object' ? value : null;
  let pending = null;
  let timer;

  const select = h('select', { id, name, required });
  const search = h('input', {
    type: 'search',
    id: `${id}-q`,
    class: 'agency-search',
    autocomplete: 'off',
    placeholder: 'Gõ tên hoặc mã đơn vị để tìm…',
    'aria-label': 'Tìm đơn vị theo tên hoặc mã',
    'aria-controls': id,
  });
  const note = h('p', { class: 'hint agency-note', 'aria-live': 'polite' });
  const el = h('div', { class: 'agency-picker' }, search, select, note);

  function fill(list) {
    for (const a of list) known.set(String(a.id), a);
    const shown = current && !list.some((a) => String(a.id) === String(current.id)) ? [current, ...list] : list;
    replace(select, h('option', { value: '' }, emptyLabel), shown.map((a) => h('option', { value: String(a.id) }, optionLabel(a))));
    select.value = current ? String(current.id) : '';
  }

  async function runSearch() {
    const q = search.value.trim();
    if (fold(q).length < 2) {
      note.textContent = q ? 'Gõ ít nhất 2 ký tự để tìm.' : '';
      return;
    }
    pending?.abort();
    pending = new AbortController();
    note.textContent = 'Đang tìm…';
    try {
      const { items } = asList(await get('/api/core/agencies', { ...query, q }, { signal: pending.signal }));
      fill(items);
      note.textContent = items.length ? `Tìm thấy ${items.length} đơn vị. Chọn trong danh sách bên dưới.` : 'Không tìm thấy đơn vị nào.';
    } catch (e) {
      if (e?.name === 'AbortError' || pending.signal.aborted) return; // a newer search replaced this one
      note.textContent = e.message;
    }
  }

  search.addEventListener('input', () => {
    clearTimeout(timer);
    timer = setTimeout(runSearch, 300);
  });
  // Enter in the search box searches now instead of submitting the form.
  search.addEventListener('keydown', (ev) => {
    if (ev.key === 'Enter') {
      ev.preventDefault();
      clearTimeout(timer);
      runSearch();
    }
  });
  select.addEventListener('change', () => {
    current = known.get(select.value) || null;
    onChange?.(current);
  });

  fill([]);
  // Given only an id: show it, then fetch its name.
  if (value != null && typeof value !== 'object') {
    current = { id: value, name: `Đơn vị #${value}` };
    fill([]);
    get(`/api/core/agencies/${encodeURIComponent(value)}`)
      .then((a) => {
        if (current && String(current.id) === String(a.id)) {
          current = a;
          fill(Array.from(known.values()).filter((x) => String(x.id) !== String(a.id)));
        }
      })
      .catch(() => {});
  }
  // Start with the caller's own scope so the common choice needs no typing.
  get('/api/core/agencies', query)
    .then((ans) => fill(asList(ans).items))
    .catch(() => {});

  return {
    el,
    input: select,
    get: () => (current ? current.id : null),
    agency: () => current,
    set(a) {
      current = a && typeof a === 'object' ? a : null;
      if (current) known.set(String(current.id), current);
      fill(Array.from(known.values()).filter((x) => x !== current));
    },
  };
}

/** The same picker as a form.js field: {...agencyField(), name, label, required}. */
export function agencyField(opts = {}) {
  return {
    type: 'custom',
    ...opts,
    create: ({ id, name, value, field }) => createAgencyPicker({ id, name, value, query: opts.query, required: field.required, onChange: opts.onChange }),
  };
}
