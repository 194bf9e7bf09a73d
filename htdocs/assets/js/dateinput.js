// dateinput.js — a date field people can type as dd/mm/yyyy.
//
// A bare <input type=date> shows mm/dd/yyyy on an English-language browser and
// is awkward to type on many phones. So the field is a text input that takes
// dd/mm/yyyy (or yyyy-mm-dd), with a calendar button that opens the browser's
// own picker through a hidden <input type=date>. get() always answers
// yyyy-mm-dd, which is what the API wants.

import { h } from './dom.js';
import { formatDate, parseDate } from './format.js';

const CALENDAR_ICON =
  'M7 2v2H4a1 1 0 0 0-1 1v15a1 1 0 0 0 1 1h16a1 1 0 0 0 1-1V5a1 1 0 0 0-1-1h-3V2h-2v2H9V2H7zm-2 7h14v10H5V9z';

/**
 * createDateInput({id, name, value, required, min, max})
 * Returns {el, input, get, set}:
 *   get() → 'yyyy-mm-dd', '' when empty, null when what was typed is no date
 *   set('yyyy-mm-dd')
 * The label's `for` should point at `id` (the text input).
 */
export function createDateInput({ id, name, value = '', required = false, min, max }) {
  const input = h('input', {
    type: 'text',
    id,
    name,
    class: 'input-date',
    inputmode: 'numeric',
    autocomplete: 'off',
    placeholder: 'dd/mm/yyyy',
    pattern: '\\d{1,2}/\\d{1,2}/\\d{4}',
    maxlength: 10,
    required,
    value: formatDate(value),
  });
  // The native picker: out of the tab order and hidden from assistive
  // technology, since the text input is the real field.
  const native = h('input', { type: 'date', class: 'date-native', tabindex: -1, 'aria-hidden': 'true', min, max });
  const el = h('span', { class: 'date-field' }, input);

  if (typeof native.showPicker === 'function') {
    const button = h(
      'button',
      { type: 'button', class: 'button date-button', 'aria-label': 'Chọn ngày trên lịch', title: 'Chọn ngày trên lịch' },
      svgIcon(CALENDAR_ICON),
    );
    button.addEventListener('click', () => {
      native.value = parseDate(input.value) || '';
      try {
        native.showPicker();
      } catch {
        input.focus(); // some browsers refuse without a user gesture on the input itself
      }
    });
    native.addEventListener('change', () => {
      input.value = formatDate(native.value);
      input.dispatchEvent(new Event('input', { bubbles: true }));
      input.dispatchEvent(new Event('change', { bubbles: true }));
      input.focus();
    });
    el.append(button, native);
  }

  // Tidy what was typed ("5/3/2026" → "05/03/2026") but leave a wrong entry
  // as it is, so the person can see and correct it.
  input.addEventListener('blur', () => {
    const iso = parseDate(input.value);
    if (iso) input.value = formatDate(iso);
  });

  return {
    el,
    input,
    get: () => parseDate(input.value),
    set: (iso) => {
      input.value = formatDate(iso || '');
    },
  };
}

function svgIcon(d) {
  const ns = 'http://www.w3.org/2000/svg';
  const svg = document.createElementNS(ns, 'svg');
  svg.setAttribute('viewBox', '0 0 24 24');
  svg.setAttribute('width', '20');
  svg.setAttribute('height', '20');
  svg.setAttribute('aria-hidden', 'true');
  svg.setAttribute('focusable', 'false');
  const path = document.createElementNS(ns, 'path');
  path.setAttribute('d', d);
  path.setAttribute('fill', 'currentColor');
  svg.append(path);
  return svg;
}
