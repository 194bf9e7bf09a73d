// dom.js — a tiny element builder.
//
// Everything passed as a child becomes a text node, never HTML, so a name such
// as "<b>Hà Nội</b>" coming from the API is shown as typed and cannot inject
// markup. That is why no module should need innerHTML for data.

// Properties that must be set on the element, not as attributes, to mean the
// current state (a <select>'s value only exists once its options do).
const PROPS = new Set(['value', 'checked', 'selected', 'indeterminate']);

/**
 * h('button', {type: 'button', class: 'button', onclick: fn}, 'Lưu')
 * Attributes with null/undefined/false are skipped; true gives an empty
 * attribute; on<event> functions become listeners; dataset is an object.
 */
export function h(tag, attrs, ...children) {
  const el = document.createElement(tag);
  const props = [];
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v == null || v === false) continue;
    if (k === 'class') el.className = Array.isArray(v) ? v.filter(Boolean).join(' ') : v;
    else if (k === 'dataset') Object.assign(el.dataset, v);
    else if (k.startsWith('on') && typeof v === 'function') el.addEventListener(k.slice(2), v);
    else if (PROPS.has(k)) props.push([k, v]);
    else el.setAttribute(k, v === true ? '' : String(v));
  }
  append(el, children);
  for (const [k, v] of props) el[k] = v;
  return el;
}

/** Appends children: nodes as they are, strings and numbers as text, arrays flattened, null skipped. */
export function append(parent, children) {
  for (const c of [children].flat(Infinity)) {
    if (c == null || c === false) continue;
    parent.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return parent;
}

/** Removes all children, then appends the new ones. */
export function replace(parent, ...children) {
  parent.replaceChildren();
  return append(parent, children);
}

let seq = 0;
/** A unique id for label/aria wiring on pages that build the same component twice. */
export function uid(prefix = 'c') {
  seq += 1;
  return `${prefix}-${seq}`;
}

/** Query helpers: $ returns one element, $$ an array. */
export const $ = (sel, root = document) => root.querySelector(sel);
export const $$ = (sel, root = document) => Array.from(root.querySelectorAll(sel));
