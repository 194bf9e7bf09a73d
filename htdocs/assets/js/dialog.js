// dialog.js — modal dialogs on the native <dialog> element.
//
// showModal() gives us, for free and correctly: the rest of the page made
// inert, focus kept inside, Esc to close. What we add: a labelled title, a
// close button, focus back on whatever opened the dialog, and removal from the
// DOM afterwards so a page never accumulates hidden dialogs.

import { h, uid } from './dom.js';

/**
 * openDialog({title, content, actions, wide})
 *   content  a Node (often a form from form.js) or text
 *   actions  [{label, value, kind: 'primary'|'danger'|'secondary', autofocus}]
 *            buttons that close the dialog with their value
 * Returns {dialog, body, close(value), closed} where closed is a Promise of the
 * value the dialog was closed with (null for Esc or the close button).
 */
export function openDialog({ title, content, actions = [], wide = false }) {
  const titleId = uid('dlg-title');
  const opener = document.activeElement;
  const body = h('div', { class: 'dialog-body' }, content);
  const dialog = h(
    'dialog',
    { class: ['dialog', wide && 'dialog-wide'], 'aria-labelledby': titleId },
    h(
      'div',
      { class: 'dialog-head' },
      h('h2', { id: titleId }, title),
      h('button', { type: 'button', class: 'dialog-close', 'aria-label': 'Đóng', title: 'Đóng (Esc)', onclick: () => close(null) }, '×'),
    ),
    body,
  );
  if (actions.length) {
    dialog.append(
      h(
        'div',
        { class: 'dialog-actions' },
        actions.map((a) =>
          h('button', {
            type: 'button',
            class: ['button', a.kind === 'primary' && 'button-primary', a.kind === 'danger' && 'button-danger'],
            autofocus: a.autofocus,
            onclick: () => close(a.value),
          }, a.label),
        ),
      ),
    );
  }

  let result = null;
  let resolveClosed;
  const closed = new Promise((r) => (resolveClosed = r));
  function close(value) {
    result = value ?? null;
    if (dialog.open) dialog.close();
  }
  // 'close' fires for Esc, close() and form method=dialog alike.
  dialog.addEventListener('close', () => {
    dialog.remove();
    if (opener && opener.isConnected && typeof opener.focus === 'function') opener.focus();
    resolveClosed(result);
  });
  dialog.addEventListener('cancel', () => {
    result = null;
  });

  document.body.append(dialog);
  dialog.showModal();
  // Without an explicit autofocus the browser focuses the × button; a form's
  // first field is the better start.
  if (!dialog.querySelector('[autofocus]')) {
    const first = body.querySelector('input:not([type=hidden]):not([disabled]), select, textarea');
    if (first) first.focus();
  }
  return { dialog, body, close, closed };
}

/**
 * confirmDialog({title, message, confirmLabel, cancelLabel, danger}) → Promise<boolean>
 * For a destructive action the safe choice (cancel) has the focus, so an
 * accidental Enter does no harm.
 */
export async function confirmDialog({ title, message, confirmLabel = 'Đồng ý', cancelLabel = 'Hủy', danger = false }) {
  const d = openDialog({
    title,
    content: typeof message === 'string' ? h('p', null, message) : message,
    actions: [
      { label: cancelLabel, value: false, kind: 'secondary', autofocus: danger },
      { label: confirmLabel, value: true, kind: danger ? 'danger' : 'primary', autofocus: !danger },
    ],
  });
  return (await d.closed) === true;
}

/** alertDialog({title, message}) → Promise resolved when dismissed. */
export async function alertDialog({ title, message }) {
  const d = openDialog({
    title,
    content: typeof message === 'string' ? h('p', null, message) : message,
    actions: [{ label: 'Đóng', value: true, kind: 'primary', autofocus: true }],
  });
  await d.closed;
}
