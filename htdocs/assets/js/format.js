// format.js — how values look to a Vietnamese reader, and back.
//
// The API speaks ISO (yyyy-mm-dd, "yyyy-mm-dd hh:mm:ss" in Vietnam time); people
// read and type dd/mm/yyyy. Date-times are formatted from their text, never
// through Date, so the browser's own time zone cannot shift a deadline by a day.

const numberFormat = new Intl.NumberFormat('vi-VN');

/** 1046 → "1.046"; 1234.5 → "1.234,5". Empty or non-numeric input is returned as text. */
export function formatNumber(n, options) {
  if (n == null || n === '') return '';
  const x = Number(n);
  if (!Number.isFinite(x)) return String(n);
  return (options ? new Intl.NumberFormat('vi-VN', options) : numberFormat).format(x);
}

/** Percent with one decimal: 0.1234 → "12,3%". */
export function formatPercent(ratio, digits = 1) {
  return formatNumber(ratio, { style: 'percent', maximumFractionDigits: digits });
}

/** "2026-03-05" or "2026-03-05 14:07:00" → "05/03/2026". Anything else is returned unchanged. */
export function formatDate(iso) {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso ?? '');
  return m ? `${m[3]}/${m[2]}/${m[1]}` : (iso ?? '');
}

/** "2026-03-05 14:07:00" → "05/03/2026 14:07" (a bare date gives just the date). */
export function formatDateTime(s) {
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2}))?/.exec(s ?? '');
  if (!m) return s ?? '';
  const date = `${m[3]}/${m[2]}/${m[1]}`;
  return m[4] ? `${date} ${m[4]}:${m[5]}` : date;
}

/**
 * What a person typed → "yyyy-mm-dd".
 * Accepts d/m/yyyy (also with - or . as separator) and yyyy-mm-dd.
 * Returns '' for blank input and null for something that is not a real date
 * (31/02/2026), so callers can tell "not given" from "wrong".
 */
export function parseDate(text) {
  const s = String(text ?? '').trim();
  if (!s) return '';
  let d, m, y;
  let r = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(s);
  if (r) [, d, m, y] = r;
  else if ((r = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(s))) [, y, m, d] = r;
  else return null;
  const [yy, mm, dd] = [Number(y), Number(m), Number(d)];
  const t = new Date(Date.UTC(yy, mm - 1, dd));
  if (t.getUTCFullYear() !== yy || t.getUTCMonth() !== mm - 1 || t.getUTCDate() !== dd) return null;
  return `${y.padStart(4, '0')}-${String(mm).padStart(2, '0')}-${String(dd).padStart(2, '0')}`;
}

/** Today in the browser's calendar as yyyy-mm-dd. */
export function today() {
  const t = new Date();
  const p = (n) => String(n).padStart(2, '0');
  return `${t.getFullYear()}-${p(t.getMonth() + 1)}-${p(t.getDate())}`;
}

/**
 * Folds text for matching: lower case, no diacritics, đ → d.
 * "Nguyễn Văn Đức" → "nguyen van duc", so "nguyen van duc" finds it.
 * đ is a letter of its own in Unicode (not d + a mark), hence the extra step.
 */
export function fold(s) {
  return String(s ?? '')
    .toLowerCase()
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .normalize('NFC');
}

/**
 * Sort key for a Vietnamese person's name: lists of people are ordered by the
 * given name (the last word), then by the rest, as in a class list.
 * "Nguyễn Văn Đức" → "Đức Nguyễn Văn".
 */
export function personSortKey(fullName) {
  const words = String(fullName ?? '').trim().split(/\s+/);
  return words.length > 1 ? `${words.at(-1)} ${words.slice(0, -1).join(' ')}` : words[0];
}

/** Vietnamese sort order for names: "Bắc Ninh" after "Ba Vì", "Đà Nẵng" after "Cà Mau". */
export const collator = new Intl.Collator('vi', { numeric: true, sensitivity: 'base' });
export const compareText = (a, b) => collator.compare(String(a ?? ''), String(b ?? ''));
