// api.js — the one way pages talk to /api/.
//
// It sends and reads JSON, adds the CSRF header on unsafe methods, sends a
// logged-out visitor to the login page, and turns every failure (an API error,
// a proxy's HTML error page, a dropped mobile connection, a timeout) into an
// ApiError carrying a Vietnamese message a person can act on.

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const SESSION_PATH = '/api/core/session';

let csrfToken = null;

/** Remembers the session's CSRF token (initShell and the login page call this). */
export function setCsrfToken(token) {
  csrfToken = token || null;
}

export class ApiError extends Error {
  /**
   * status: HTTP status (0 when the request never got an answer)
   * code: the API's stable error code ("validation_failed", "forbidden", …),
   *       or "network" / "timeout" / "http_<status>" when there was no JSON
   * fields: {field: {code, message}} for per-field problems
   * retryAfter: seconds, from Retry-After on 429/503
   * body: the whole parsed JSON answer (an import report rides on a 422)
   */
  constructor({ status = 0, code, message, fields, retryAfter = null, body = null }) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.fields = fields || {};
    this.retryAfter = retryAfter;
    this.body = body;
  }
}

/** Builds "/api/…?a=1&b=2", dropping empty parameters and repeating array ones. */
export function apiUrl(path, query) {
  const url = new URL(path, location.origin);
  for (const [k, v] of Object.entries(query || {})) {
    if (v == null || v === '') continue;
    url.searchParams.delete(k);
    for (const item of [v].flat()) url.searchParams.append(k, item);
  }
  return url.pathname + url.search;
}

/**
 * A "next" value is followed only when it is a path on this site, so a crafted
 * link cannot use our login page to send someone to another site.
 */
export function safeNext(value, fallback = '/') {
  if (typeof value !== 'string' || !value.startsWith('/') || value.startsWith('//') || value.includes('\\')) {
    return fallback;
  }
  return value;
}

/** The login page's address, remembering where to come back to. */
export function loginUrl(reason) {
  const here = location.pathname + location.search + location.hash;
  const q = new URLSearchParams({ next: here });
  if (reason) q.set('reason', reason);
  return `/login.html?${q}`;
}

function retryAfterSeconds(res) {
  const v = res.headers.get('Retry-After');
  if (!v) return null;
  const n = Number(v);
  if (Number.isFinite(n)) return n;
  const t = Date.parse(v);
  return Number.isNaN(t) ? null : Math.max(0, Math.round((t - Date.now()) / 1000));
}

// Used when the answer carries no JSON message (an nginx error page, say).
function fallbackMessage(status, retryAfter) {
  const wait = retryAfter ? ` Vui lòng thử lại sau ${retryAfter} giây.` : ' Vui lòng thử lại sau.';
  if (status === 401) return 'Bạn cần đăng nhập để tiếp tục.';
  if (status === 403) return 'Bạn không có quyền thực hiện thao tác này.';
  if (status === 404) return 'Không tìm thấy dữ liệu yêu cầu.';
  if (status === 413) return 'Dữ liệu gửi lên quá lớn.';
  if (status === 429) return `Bạn đã thử quá nhiều lần.${wait}`;
  if (status === 502 || status === 503 || status === 504) return `Hệ thống đang bận hoặc tạm ngừng.${wait}`;
  return `Máy chủ gặp lỗi (mã ${status}).${wait}`;
}

async function readBody(res) {
  if (res.status === 204) return null;
  const type = res.headers.get('Content-Type') || '';
  if (type.includes('json')) {
    try {
      return await res.json();
    } catch {
      return null;
    }
  }
  return res.text();
}

/**
 * request('GET', '/api/core/users', {query: {q: 'nguyen'}})
 * Options:
 *   query           object of query parameters (empty ones are dropped)
 *   body            object (sent as JSON), FormData or URLSearchParams
 *   idempotencyKey  sent as Idempotency-Key (see form.js)
 *   auth            false: a 401 does not redirect (login page, probes)
 *   timeout         ms before giving up (default 30 s; 0 = none)
 *   signal          an AbortSignal to cancel (e.g. a superseded search)
 * Resolves to the parsed answer; rejects with ApiError.
 */
export async function request(method, path, opts = {}) {
  const { query, body, idempotencyKey, auth = true, timeout = 30000, signal, headers = {} } = opts;
  method = method.toUpperCase();
  const h = { Accept: 'application/json', ...headers };
  let payload = body;
  if (body != null && !(body instanceof FormData) && !(body instanceof URLSearchParams)) {
    h['Content-Type'] = 'application/json';
    payload = JSON.stringify(body);
  }
  if (UNSAFE.has(method)) {
    if (!csrfToken && auth) await refreshCsrf();
    if (csrfToken) h['X-CSRF-Token'] = csrfToken;
  }
  if (idempotencyKey) h['Idempotency-Key'] = idempotencyKey;

  const ctl = new AbortController();
  const timer = timeout ? setTimeout(() => ctl.abort('timeout'), timeout) : null;
  if (signal) signal.addEventListener('abort', () => ctl.abort(signal.reason), { once: true });

  let res;
  try {
    res = await fetch(apiUrl(path, query), {
      method,
      headers: h,
      body: payload,
      credentials: 'same-origin',
      signal: ctl.signal,
    });
  } catch (e) {
    if (signal?.aborted) throw e; // the caller cancelled: not an error to show
    if (ctl.signal.aborted) {
      throw new ApiError({ code: 'timeout', message: 'Máy chủ không trả lời kịp. Vui lòng kiểm tra mạng và thử lại.' });
    }
    throw new ApiError({ code: 'network', message: 'Không kết nối được tới máy chủ. Vui lòng kiểm tra mạng và thử lại.' });
  } finally {
    if (timer) clearTimeout(timer);
  }

  const data = await readBody(res);
  if (res.ok) return data;

  const retryAfter = retryAfterSeconds(res);
  const json = data && typeof data === 'object' ? data : {};
  const err = new ApiError({
    status: res.status,
    code: json.error || `http_${res.status}`,
    message: json.message || fallbackMessage(res.status, retryAfter),
    fields: json.fields,
    retryAfter,
    body: json,
  });

  // The token can change under us (a new login in another tab, a password
  // change): fetch the current one and try once more. Safe to repeat: the
  // server refused before doing anything.
  if (err.code === 'csrf_failed' && auth && !opts.retried) {
    await refreshCsrf();
    return request(method, path, { ...opts, retried: true });
  }
  if (res.status === 401 && auth) {
    location.assign(loginUrl(err.code === 'session_expired' ? 'expired' : ''));
  }
  throw err;
}

async function refreshCsrf() {
  try {
    const s = await request('GET', SESSION_PATH, { auth: false });
    setCsrfToken(s?.csrf_token);
  } catch {
    /* not logged in: the real request will say so */
  }
}

export const get = (path, query, opts) => request('GET', path, { ...opts, query });
export const post = (path, body, opts) => request('POST', path, { ...opts, body });
export const put = (path, body, opts) => request('PUT', path, { ...opts, body });
export const patch = (path, body, opts) => request('PATCH', path, { ...opts, body });
export const del = (path, opts) => request('DELETE', path, opts);

/** Paginated lists answer {items, total}, others a plain array: this gives both the same shape. */
export function asList(answer) {
  if (Array.isArray(answer)) return { items: answer, total: answer.length };
  const items = Array.isArray(answer?.items) ? answer.items : [];
  return { items, total: Number.isFinite(answer?.total) ? answer.total : items.length };
}
