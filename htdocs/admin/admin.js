// admin.js — the administration landing page; flags agencies awaiting confirmation.

import { initShell } from '/assets/js/shell.js';
import { h, $ } from '/assets/js/dom.js';
import { get, asList } from '/assets/js/api.js';
import { formatNumber } from '/assets/js/format.js';

const session = await initShell({ section: 'admin', title: 'Quản trị' });
if (session) {
  try {
    // Counted here too: an answer that ignores the status filter must not
    // announce pending agencies that are not.
    const total = asList(await get('/api/core/agencies', { status: 'pending' })).items.filter((a) => a.status === 'pending').length;
    if (total) {
      $('#pending').append(
        h('p', { class: 'notice notice-warning' }, `Có ${formatNumber(total)} đơn vị đang chờ xác nhận. `, h('a', { href: '/admin/agencies.html?status=pending' }, 'Xem và xử lý')),
      );
    }
  } catch {
    /* the landing page works without the count */
  }
}
