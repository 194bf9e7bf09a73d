// form.js — accessible forms from a field list.
//
// What every form here must do, done once: each control has a <label for>;
// required fields are marked (for the eye and for assistive technology); a
// hint and an error sit next to their field and are tied to it with
// aria-describedby, with aria-invalid on the control; a summary at the top
// lists all problems as links, takes the focus and is announced; the submit
// button is disabled while sending; and each render carries an idempotency key
// so a double tap on a slow link does not create two records.

import { h, uid } from './dom.js';
import { ApiError } from './api.js';
import { createDateInput } from './dateinput.js';

/** A fresh random key. crypto.randomUUID needs HTTPS; getRandomValues does not. */
export function newIdempotencyKey() {
  const b = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/**
 * createForm({
 *   id, fields, values, submitLabel, busyLabel, cancelLabel, onCancel,
 *   onSubmit(values, {idempotencyKey, form}) → Promise,  // throw ApiError to show errors
 *   onSuccess(result, values), successMessage, validate(values) → {name: message},
 *   errorTitle   heading of the error summary when the API refuses (default 'Chưa thực hiện được')
 * })
 *
 * Field: {name, label, type, required, hint, placeholder, autocomplete,
 *         options: [{value, label}], min, max, minlength, maxlength, pattern,
 *         patternMessage, inputmode, rows, readonly, disabled, value,
 *         validate(value, values) → message}
 * Types: text (default), email, tel, password, number, search, url, textarea,
 *        select, date, checkbox, checkboxes, radios, hidden,
 *        custom (with create({id, name, field}) → {el, input, get, set}).
 * Empty fields are sent as null; numbers as numbers; dates as yyyy-mm-dd;
 * option values keep the type they were given in (so ids stay numbers).
 *
 * Returns {el, values(), setValues(obj), showErrors(fieldErrors, message),
 *          clearErrors(), showMessage(text, kind), field(name), reset()}.
 */
export function createForm(spec) {
  const prefix = spec.id || uid('form');
  const controls = new Map();
  let idempotencyKey = newIdempotencyKey();
  let busy = false;

  const summary = h('div', { class: 'error-summary', tabindex: -1, role: 'alert', hidden: true });
  const message = h('p', { class: 'form-message', role: 'status' });
  const form = h('form', { class: 'form', id: prefix, novalidate: true }, summary, message);

  if (spec.fields.some((f) => f.required && f.type !== 'hidden')) {
    form.append(h('p', { class: 'form-note' }, 'Mục có dấu ', h('span', { class: 'req' }, '*'), ' là bắt buộc.'));
  }
  for (const f of spec.fields) {
    const c = buildField(prefix, f, spec.values?.[f.name] ?? f.value);
    controls.set(f.name, c);
    form.append(c.wrapper);
  }

  const submit = h('button', { type: 'submit', class: 'button button-primary' }, spec.submitLabel || 'Lưu');
  const actions = h('div', { class: 'form-actions' }, submit);
  if (spec.onCancel) {
    actions.append(h('button', { type: 'button', class: 'button', onclick: spec.onCancel }, spec.cancelLabel || 'Hủy'));
  }
  form.append(actions);

  function values() {
    const out = {};
    for (const [name, c] of controls) out[name] = c.get();
    return out;
  }

  function clearErrors() {
    summary.hidden = true;
    summary.replaceChildren();
    for (const c of controls.values()) c.setError(null);
  }

  /** fieldErrors: {name: "message"} or the API's {name: {code, message}}. */
  function showErrors(fieldErrors = {}, text) {
    clearErrors();
    const items = [];
    for (const [name, e] of Object.entries(fieldErrors)) {
      const msg = typeof e === 'string' ? e : e?.message || 'Giá trị không hợp lệ.';
      const c = controls.get(name);
      if (c && c.field.type !== 'hidden') {
        c.setError(msg);
        items.push(h('li', null, h('a', { href: `#${c.focusId}`, onclick: focusField(c) }, `${c.field.label}: ${msg}`)));
      } else {
        items.push(h('li', null, msg)); // an error about a field this form does not show
      }
    }
    summary.append(h('p', { class: 'error-summary-title' }, items.length ? 'Vui lòng kiểm tra lại thông tin' : spec.errorTitle || 'Chưa thực hiện được'));
    // The API often repeats a single field's message as its top-level one.
    const repeated = Object.values(fieldErrors).some((e) => (typeof e === 'string' ? e : e?.message) === text);
    if (text && !repeated) summary.append(h('p', null, text));
    if (items.length) summary.append(h('ul', null, items));
    summary.hidden = false;
    message.textContent = '';
    summary.focus();
  }

  function showMessage(text, kind = 'success') {
    message.className = `form-message notice notice-${kind}`;
    message.textContent = text;
  }

  let submitHadFocus = false;
  function setBusy(on) {
    busy = on;
    if (on) submitHadFocus = document.activeElement === submit;
    submit.disabled = on;
    form.setAttribute('aria-busy', String(on));
    submit.textContent = on ? spec.busyLabel || 'Đang gửi…' : spec.submitLabel || 'Lưu';
    // A disabled button drops the focus to <body>; give it back so a keyboard
    // user is not thrown to the top of the page.
    if (!on && submitHadFocus && document.activeElement === document.body) submit.focus();
  }

  function validate(vals) {
    const errs = {};
    for (const [name, c] of controls) {
      const m = c.check(vals[name], vals);
      if (m) errs[name] = m;
    }
    return { ...errs, ...(spec.validate ? spec.validate(vals) || {} : {}) };
  }

  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    if (busy) return; // Enter pressed twice on a slow link
    const vals = values();
    const errs = validate(vals);
    if (Object.keys(errs).length) {
      showErrors(errs);
      return;
    }
    clearErrors();
    message.textContent = '';
    setBusy(true);
    let result;
    try {
      result = await spec.onSubmit(vals, { idempotencyKey, form: ctl });
    } catch (err) {
      setBusy(false);
      // A definite refusal (4xx) means nothing was stored: the corrected
      // attempt needs a new key, or the server would replay the refusal. After
      // a timeout or 5xx the outcome is unknown, so the retry keeps the key.
      if (err instanceof ApiError && err.status >= 400 && err.status < 500) idempotencyKey = newIdempotencyKey();
      if (err instanceof ApiError) showErrors(err.fields, err.message);
      else {
        console.error(err);
        showErrors({}, 'Đã có lỗi không mong muốn. Vui lòng tải lại trang và thử lại.');
      }
      return;
    }
    idempotencyKey = newIdempotencyKey();
    setBusy(false);
    if (spec.successMessage) showMessage(spec.successMessage);
    if (spec.onSuccess) await spec.onSuccess(result, vals);
  });

  const ctl = {
    el: form,
    values,
    setValues(obj) {
      for (const [k, v] of Object.entries(obj)) controls.get(k)?.set(v);
    },
    showErrors,
    clearErrors,
    showMessage,
    field: (name) => controls.get(name),
    reset() {
      form.reset();
      clearErrors();
      idempotencyKey = newIdempotencyKey();
    },
    get idempotencyKey() {
      return idempotencyKey;
    },
  };
  return ctl;
}

/**
 * A "Hiện mật khẩu" checkbox that shows the form's password fields as text:
 * typing a long password on a phone keyboard blind is error-prone.
 */
export function passwordToggle(formEl, label = 'Hiện mật khẩu') {
  const id = uid('show-pw');
  const box = h('input', { type: 'checkbox', id });
  box.addEventListener('change', () => {
    for (const i of formEl.querySelectorAll('input[data-password]')) i.type = box.checked ? 'text' : 'password';
  });
  return h('div', { class: 'choice show-password' }, box, h('label', { for: id }, label));
}

function focusField(c) {
  return (ev) => {
    ev.preventDefault();
    const target = document.getElementById(c.focusId);
    if (target) {
      target.focus();
      target.scrollIntoView({ block: 'center' });
    }
  };
}

// ---- one field ---------------------------------------------------------

function buildField(prefix, f, initial) {
  const type = f.type || 'text';
  const id = `${prefix}-${f.name}`;
  const hintId = f.hint ? `${id}-hint` : null;
  const errorId = `${id}-error`;
  const label = f.label || f.name;

  if (type === 'hidden') {
    const input = h('input', { type: 'hidden', name: f.name, value: initial ?? '' });
    return fieldCtl({ field: f, wrapper: input, get: () => input.value || null, set: (v) => (input.value = v ?? '') });
  }

  const hint = f.hint ? h('p', { class: 'hint', id: hintId }, f.hint) : null;
  const error = h('p', { class: 'field-error', id: errorId, hidden: true });
  const marks = f.required ? h('span', { class: 'req', 'aria-hidden': 'true' }, ' *') : null;

  // Groups of choices: the fieldset's legend is their label.
  if (type === 'checkboxes' || type === 'radios') {
    const inputType = type === 'checkboxes' ? 'checkbox' : 'radio';
    const chosen = new Set([initial ?? []].flat().map(String));
    const boxes = (f.options || []).map((o, i) => {
      const oid = `${id}-${i}`;
      const input = h('input', { type: inputType, id: oid, name: f.name, value: String(o.value), checked: chosen.has(String(o.value)) });
      return { o, input, el: h('div', { class: 'choice' }, input, h('label', { for: oid }, o.label, o.hint ? h('span', { class: 'hint' }, ` — ${o.hint}`) : null)) };
    });
    const fieldset = h(
      'fieldset',
      { class: 'field field-group', 'aria-describedby': hintId, 'aria-required': f.required ? 'true' : null },
      h('legend', null, label, marks),
      hint,
      error,
      boxes.map((b) => b.el),
    );
    const focusId = boxes[0] ? boxes[0].input.id : id;
    const getAll = () => boxes.filter((b) => b.input.checked).map((b) => b.o.value);
    return fieldCtl({
      field: f,
      wrapper: fieldset,
      focusId,
      describe: fieldset,
      invalidTargets: () => boxes.map((b) => b.input),
      error,
      hintId,
      get: () => (type === 'checkboxes' ? getAll() : getAll()[0] ?? null),
      set: (v) => {
        const s = new Set([v ?? []].flat().map(String));
        for (const b of boxes) b.input.checked = s.has(String(b.o.value));
      },
    });
  }

  if (type === 'checkbox') {
    const input = h('input', { type: 'checkbox', id, name: f.name, checked: !!initial, 'aria-describedby': hintId });
    const wrapper = h('div', { class: 'field field-check' }, error, h('div', { class: 'choice' }, input, h('label', { for: id }, label, marks)), hint);
    return fieldCtl({ field: f, wrapper, input, error, hintId, get: () => input.checked, set: (v) => (input.checked = !!v) });
  }

  let input;
  let el;
  let get;
  let set;
  if (type === 'date') {
    const d = createDateInput({ id, name: f.name, value: initial, required: f.required, min: f.min, max: f.max });
    ({ input, el } = d);
    get = d.get;
    set = d.set;
  } else if (type === 'custom') {
    const c = f.create({ id, name: f.name, field: f, value: initial });
    ({ input, el } = c);
    get = c.get;
    set = c.set;
  } else if (type === 'select') {
    const opts = f.options || [];
    input = h(
      'select',
      { id, name: f.name, required: f.required, disabled: f.disabled },
      h('option', { value: '' }, f.placeholder || '— Chọn —'),
      opts.map((o, i) => h('option', { value: String(i) }, o.label)),
    );
    const indexOf = (v) => opts.findIndex((o) => String(o.value) === String(v));
    set = (v) => {
      const i = indexOf(v);
      input.value = i >= 0 ? String(i) : '';
    };
    get = () => (input.value === '' ? null : opts[Number(input.value)].value);
    set(initial);
    el = input;
  } else if (type === 'textarea') {
    input = h('textarea', { id, name: f.name, rows: f.rows || 4, required: f.required, maxlength: f.maxlength, readonly: f.readonly, disabled: f.disabled, placeholder: f.placeholder }, initial ?? '');
    get = () => (input.value.trim() === '' ? null : input.value);
    set = (v) => (input.value = v ?? '');
    el = input;
  } else {
    input = h('input', {
      type,
      id,
      name: f.name,
      required: f.required,
      autocomplete: f.autocomplete,
      inputmode: f.inputmode,
      placeholder: f.placeholder,
      minlength: f.minlength,
      maxlength: f.maxlength,
      min: f.min,
      max: f.max,
      step: f.step,
      pattern: f.pattern,
      readonly: f.readonly,
      disabled: f.disabled,
      spellcheck: type === 'text' ? null : 'false',
      value: initial ?? '',
      class: f.width ? `w-${f.width}` : null,
      dataset: type === 'password' ? { password: '' } : null,
    });
    get = () => {
      // Passwords are sent as typed; surrounding spaces elsewhere are noise.
      const v = type === 'password' ? input.value : input.value.trim();
      if (v === '') return null;
      return type === 'number' ? Number(v) : v;
    };
    set = (v) => (input.value = v ?? '');
    el = input;
  }

  const wrapper = h('div', { class: 'field', dataset: { field: f.name } }, h('label', { for: id }, label, marks), hint, error, el);
  if (hintId) input.setAttribute('aria-describedby', hintId);
  return fieldCtl({ field: f, wrapper, input, error, hintId, get, set });
}

/** The per-field controller: value access, client checks, error display. */
function fieldCtl({ field, wrapper, input, focusId, describe, invalidTargets, error, hintId, get, set }) {
  const type = field.type || 'text';
  const target = describe || input; // what aria-describedby goes on
  const invalid = invalidTargets || (() => (input ? [input] : []));

  function setError(msg) {
    if (!error) return;
    if (!msg) {
      error.hidden = true;
      error.replaceChildren();
      wrapper.classList.remove('field-invalid');
      for (const i of invalid()) i.removeAttribute('aria-invalid');
      if (target) setDescribedBy(target, hintId);
      return;
    }
    error.replaceChildren(h('span', { class: 'visually-hidden' }, 'Lỗi: '), msg);
    error.hidden = false;
    wrapper.classList.add('field-invalid');
    for (const i of invalid()) i.setAttribute('aria-invalid', 'true');
    if (target) setDescribedBy(target, [hintId, error.id].filter(Boolean).join(' '));
  }

  function check(value, all) {
    const label = field.label || field.name;
    const empty = value == null || value === '' || (Array.isArray(value) && !value.length) || value === false;
    if (type === 'date' && value === null && input && input.value.trim() !== '') {
      return 'Ngày không hợp lệ. Nhập theo dạng ngày/tháng/năm, ví dụ 05/03/2026.';
    }
    if (field.required && empty) {
      const choose = ['select', 'checkboxes', 'radios', 'checkbox', 'custom'].includes(type);
      return `${choose ? 'Vui lòng chọn' : 'Vui lòng nhập'} “${label}”.`;
    }
    if (!empty && typeof value === 'string') {
      if (type === 'email' && !EMAIL.test(value)) return 'Địa chỉ email không hợp lệ.';
      if (field.minlength && value.length < field.minlength) return `Cần ít nhất ${field.minlength} ký tự.`;
      if (field.pattern && !new RegExp(`^(?:${field.pattern})$`, 'u').test(value)) {
        return field.patternMessage || 'Giá trị không đúng định dạng.';
      }
    }
    if (!empty && type === 'number') {
      if (!Number.isFinite(value)) return 'Vui lòng nhập một số.';
      if (field.min != null && value < field.min) return `Giá trị nhỏ nhất là ${field.min}.`;
      if (field.max != null && value > field.max) return `Giá trị lớn nhất là ${field.max}.`;
    }
    return field.validate ? field.validate(value, all) || null : null;
  }

  return { field, wrapper, input, focusId: focusId || input?.id, get, set, setError, check };
}

function setDescribedBy(el, ids) {
  if (ids) el.setAttribute('aria-describedby', ids);
  else el.removeAttribute('aria-describedby');
}
