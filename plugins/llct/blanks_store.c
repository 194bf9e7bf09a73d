/*
 * Diploma blanks: receiving, moving, issuing and voiding serials.
 *
 * Holdings are ranges (llct_blank_range) that never overlap and split when
 * part of one moves; every movement is a ledger row (llct_blank_move); a
 * serial that leaves the stock is a row of llct_blank_used whose primary key
 * is the serial, so it can be issued or voided once and only once — two
 * clerks issuing the same serial at the same moment get one success and one
 * "already used". Every write first locks the series row: exclusively for
 * movements (which rewrite ranges), shared for issuing and voiding (which
 * only read them), so an issue never races a reallocation of its range.
 */
#include <string.h>

#include "blanks.h"

/* ---- serials and ranges from the request ------------------------------------ */

typedef struct parsed_range {
  llct_serial first, last;
  int64_t on;
} parsed_range;

static int parse_range(cadre_req *req, const llct_blank_range_in *in, parsed_range *out) {
  if (!llct_serial_parse(in->first, &out->first))
    return cadre_fail(req, 422, "bad_serial", "Số hiệu phôi \"%s\" không hợp lệ.", in->first);
  if (!llct_serial_parse(in->last ? in->last : in->first, &out->last))
    return cadre_fail(req, 422, "bad_serial", "Số hiệu phôi \"%s\" không hợp lệ.", in->last);
  if (strcmp(out->first.series, out->last.series) != 0 || out->first.width != out->last.width)
    return cadre_fail(req, 422, "bad_range",
                      "Số đầu và số cuối của dải phải cùng ký hiệu và cùng số chữ số.");
  if (out->first.number > out->last.number)
    return cadre_fail(req, 422, "bad_range", "Số đầu của dải lớn hơn số cuối.");
  if (out->last.number - out->first.number >= 1000000)
    return cadre_fail(req, 422, "range_too_large", "Một lần nhập hoặc cấp phát tối đa 1.000.000 phôi.");
  out->on = llct_day(in->on);
  if (out->on == LLCT_NO_DAY)
    return cadre_fail(req, 422, "date_required", "Cần ghi ngày.");
  if (out->on > llct_today(req))
    return cadre_fail(req, 422, "date_in_future", "Ngày %s chưa tới.", in->on);
  return 0;
}

static const char *fmt_serial(cadre_req *req, const char *series, int64_t n, int width) {
  char buf[48];
  llct_serial_format(series, n, width, buf, sizeof(buf));
  return cadre_printf(req, "%s", buf);
}

/* The series row, locked; its width must match. exclusive: FOR UPDATE. */
static int lock_series(cadre_req *req, const llct_serial *s, bool exclusive) {
  int64_t width = 0;
  int r = cadre_db_int(req, &width,
                       exclusive ? "SELECT width FROM llct_blank_series WHERE series = ? FOR UPDATE"
                                 : "SELECT width FROM llct_blank_series WHERE series = ?"
                                   " LOCK IN SHARE MODE",
                       CV_ARGS(CV_STR(s->series)));
  if (r < 0)
    return cadre_db_fail(req);
  if (r == 0)
    return cadre_fail(req, 422, "serial_unknown",
                      "Ký hiệu phôi \"%s\" chưa có trong kho (chưa nhập lô phôi nào).", s->series);
  if (width != s->width)
    return cadre_fail(req, 422, "serial_width_mismatch",
                      "Số hiệu phôi ký hiệu \"%s\" có %lld chữ số, không phải %d.", s->series,
                      (long long)width, s->width);
  return 0;
}

static int agency_kind_is(cadre_req *req, int64_t agency, const char *kinds_csv) {
  const char *kind = cadre_db_str(req, "SELECT kind FROM agency WHERE id = ?", CV_ARGS(CV_INT(agency)));
  if (!kind)
    return 0;
  size_t n = strlen(kind);
  for (const char *p = kinds_csv; (p = strstr(p, kind)); p += n)
    if ((p == kinds_csv || p[-1] == ',') && (p[n] == ',' || p[n] == '\0'))
      return 1;
  return 0;
}

static int audit_move(cadre_req *req, int64_t move_id, const char *kind, const parsed_range *r, int64_t from,
                      int64_t to, const llct_blank_range_in *in) {
  json_t *after =
      json_pack("{s:s, s:s, s:I, s:I, s:o, s:I, s:s, s:s?}", "kind", kind, "series", r->first.series, "first",
                (json_int_t)r->first.number, "last", (json_int_t)r->last.number, "from",
                from ? json_integer(from) : json_null(), "to", (json_int_t)to, "on", in->on, "doc", in->doc);
  int rc = cadre_audit(req, "llct.blank_move", move_id, kind, NULL, after);
  json_decref(after);
  return rc < 0 ? cadre_db_fail(req) : 0;
}

/* ---- receive ---------------------------------------------------------------- */

int llct_blank_receive(cadre_req *req, const llct_blank_range_in *in, int64_t to_agency, int64_t *move_id) {
  parsed_range r;
  int st = parse_range(req, in, &r);
  if (st)
    return st;
  if ((st = cadre_require_scope(req, to_agency)))
    return st;
  if (!agency_kind_is(req, to_agency, "academy"))
    return cadre_fail(req, 422, "receiver_not_academy",
                      "Phôi bằng do Học viện tiếp nhận: đơn vị nhận phải là Học viện.");
  if (cadre_db_exec(req,
                    "INSERT INTO llct_blank_series (series, width) VALUES (?, ?)"
                    " ON DUPLICATE KEY UPDATE series = series",
                    CV_ARGS(CV_STR(r.first.series), CV_INT(r.first.width))) < 0)
    return cadre_db_fail(req);
  if ((st = lock_series(req, &r.first, true)))
    return st;
  int64_t overlap = 0;
  if (cadre_db_int(req, &overlap,
                   "SELECT COUNT(*) FROM llct_blank_range WHERE series = ?"
                   " AND first_no <= ? AND last_no >= ?",
                   CV_ARGS(CV_STR(r.first.series), CV_INT(r.last.number), CV_INT(r.first.number))) < 0)
    return cadre_db_fail(req);
  if (overlap > 0)
    return cadre_fail(req, 409, "range_overlaps", "Dải số %s – %s trùng với phôi đã nhập trước đó.",
                      in->first, in->last ? in->last : in->first);
  if (cadre_db_exec(req,
                    "INSERT INTO llct_blank_move (kind, series, first_no, last_no, from_agency_id,"
                    " to_agency_id, moved_on, doc_number, note, user_id)"
                    " VALUES ('receive', ?, ?, ?, NULL, ?, ?, ?, ?, ?)",
                    CV_ARGS(CV_STR(r.first.series), CV_INT(r.first.number), CV_INT(r.last.number),
                            CV_INT(to_agency), CV_STR(in->on), CV_STR(in->doc), CV_STR(in->note),
                            CV_INT(cadre_user_id(req)))) < 0)
    return cadre_db_fail(req);
  *move_id = cadre_db_last_id(req);
  if (cadre_db_exec(req,
                    "INSERT INTO llct_blank_range (series, first_no, last_no, holder_agency_id,"
                    " held_since) VALUES (?, ?, ?, ?, ?)",
                    CV_ARGS(CV_STR(r.first.series), CV_INT(r.first.number), CV_INT(r.last.number),
                            CV_INT(to_agency), CV_STR(in->on))) < 0)
    return cadre_db_fail(req);
  return audit_move(req, *move_id, "receive", &r, 0, to_agency, in);
}

/* ---- allocate / return -------------------------------------------------------- */

static int split_range(cadre_req *req, json_t *held, const parsed_range *r, int64_t from, int64_t to,
                       const char *on) {
  llct_range whole = {cadre_jint(held, "first_no", 0), cadre_jint(held, "last_no", 0)};
  llct_range part = {r->first.number, r->last.number}, left, right;
  int pieces;
  if (!llct_range_cut(whole, part, &left, &right, &pieces))
    return cadre_fail(req, 500, "internal", "Không chia được dải phôi.");
  const char *since = cadre_jstr(held, "held_since");
  if (cadre_db_exec(req, "DELETE FROM llct_blank_range WHERE id = ?",
                    CV_ARGS(CV_INT(cadre_jint(held, "id", 0)))) < 0)
    return cadre_db_fail(req);
  static const char insert[] =
      "INSERT INTO llct_blank_range (series, first_no, last_no, holder_agency_id, held_since)"
      " VALUES (?, ?, ?, ?, ?)";
  const char *series = r->first.series;
  if (left.first <= left.last && cadre_db_exec(req, insert,
                                               CV_ARGS(CV_STR(series), CV_INT(left.first), CV_INT(left.last),
                                                       CV_INT(from), CV_STR(since))) < 0)
    return cadre_db_fail(req);
  if (cadre_db_exec(req, insert,
                    CV_ARGS(CV_STR(series), CV_INT(part.first), CV_INT(part.last), CV_INT(to), CV_STR(on))) <
      0)
    return cadre_db_fail(req);
  if (right.first <= right.last &&
      cadre_db_exec(
          req, insert,
          CV_ARGS(CV_STR(series), CV_INT(right.first), CV_INT(right.last), CV_INT(from), CV_STR(since))) < 0)
    return cadre_db_fail(req);
  return 0;
}

int llct_blank_move(cadre_req *req, const llct_blank_range_in *in, int64_t from_agency, int64_t to_agency,
                    int64_t *move_id) {
  parsed_range r;
  int st = parse_range(req, in, &r);
  if (st)
    return st;
  if ((st = cadre_require_scope(req, from_agency)))
    return st;
  if (from_agency == to_agency)
    return cadre_fail(req, 422, "same_holder", "Đơn vị nhận trùng với đơn vị giao.");
  if (!agency_kind_is(req, to_agency, "academy,political_school,sector_school"))
    return cadre_fail(req, 422, "receiver_not_school",
                      "Phôi bằng chỉ cấp phát cho trường chính trị, trường bộ, ngành hoặc trả "
                      "về Học viện.");
  if ((st = lock_series(req, &r.first, true)))
    return st;
  json_t *held = cadre_db_row(
      req,
      "SELECT id, first_no, last_no, held_since FROM llct_blank_range"
      " WHERE series = ? AND holder_agency_id = ? AND first_no <= ?"
      " AND last_no >= ?",
      CV_ARGS(CV_STR(r.first.series), CV_INT(from_agency), CV_INT(r.first.number), CV_INT(r.last.number)));
  if (!held && cadre_db_errno(req))
    return cadre_db_fail(req);
  if (!held)
    return cadre_fail(req, 422, "range_not_held",
                      "Dải số %s – %s không nằm trọn trong phôi đơn vị giao đang giữ.", in->first,
                      in->last ? in->last : in->first);
  if (r.on < llct_jday(held, "held_since"))
    return cadre_fail(req, 422, "date_before_receipt",
                      "Ngày giao (%s) trước ngày đơn vị giao nhận dải phôi này (%s).", in->on,
                      cadre_jstr(held, "held_since"));
  int64_t used = 0;
  if (cadre_db_int(req, &used,
                   "SELECT COUNT(*) FROM llct_blank_used WHERE series = ?"
                   " AND number BETWEEN ? AND ?",
                   CV_ARGS(CV_STR(r.first.series), CV_INT(r.first.number), CV_INT(r.last.number))) < 0)
    return cadre_db_fail(req);
  if (used > 0)
    return cadre_fail(req, 409, "range_contains_used",
                      "Dải số có %lld phôi đã cấp bằng hoặc đã hủy: không thể giao.", (long long)used);
  if ((st = split_range(req, held, &r, from_agency, to_agency, in->on)))
    return st;
  const char *kind = agency_kind_is(req, to_agency, "academy") ? "return" : "allocate";
  if (cadre_db_exec(req,
                    "INSERT INTO llct_blank_move (kind, series, first_no, last_no, from_agency_id,"
                    " to_agency_id, moved_on, doc_number, note, user_id)"
                    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    CV_ARGS(CV_STR(kind), CV_STR(r.first.series), CV_INT(r.first.number),
                            CV_INT(r.last.number), CV_INT(from_agency), CV_INT(to_agency), CV_STR(in->on),
                            CV_STR(in->doc), CV_STR(in->note), CV_INT(cadre_user_id(req)))) < 0)
    return cadre_db_fail(req);
  *move_id = cadre_db_last_id(req);
  return audit_move(req, *move_id, kind, &r, from_agency, to_agency, in);
}

/* ---- issue / void ------------------------------------------------------------- */

/* The serial must lie in a range `holder` holds, received no later than `on`. */
static int check_held(cadre_req *req, const llct_serial *s, const char *text, int64_t holder, int64_t on) {
  json_t *held =
      cadre_db_row(req,
                   "SELECT held_since FROM llct_blank_range WHERE series = ?"
                   " AND holder_agency_id = ? AND first_no <= ? AND last_no >= ?",
                   CV_ARGS(CV_STR(s->series), CV_INT(holder), CV_INT(s->number), CV_INT(s->number)));
  if (!held && cadre_db_errno(req))
    return cadre_db_fail(req);
  if (!held)
    return cadre_fail(req, 422, "serial_not_held",
                      "Số hiệu %s không thuộc phôi bằng của đơn vị (chưa được cấp phát cho đơn vị "
                      "hoặc đã chuyển đi).",
                      text);
  if (on < llct_jday(held, "held_since"))
    return cadre_fail(req, 422, "date_before_receipt", "Ngày sử dụng trước ngày đơn vị nhận phôi số %s (%s).",
                      text, cadre_jstr(held, "held_since"));
  return 0;
}

/* After a duplicate key on llct_blank_used: which key? A locking read, so
 * the row a concurrent transaction has just committed is seen (the
 * transaction's own snapshot may predate it). */
static int used_conflict(cadre_req *req, const llct_serial *s, const char *text) {
  const char *state = cadre_db_str(req,
                                   "SELECT state FROM llct_blank_used WHERE series = ? AND number = ?"
                                   " LOCK IN SHARE MODE",
                                   CV_ARGS(CV_STR(s->series), CV_INT(s->number)));
  if (state)
    return cadre_fail(req, 409, "serial_used", "Phôi số %s đã %s trước đó.", text,
                      strcmp(state, "issued") == 0 ? "được cấp bằng" : "bị hủy");
  return cadre_fail(req, 409, "learner_has_diploma", "Học viên này đã được cấp bằng.");
}

static int parse_one(cadre_req *req, const char *serial, llct_serial *s, const char *on, int64_t *day) {
  if (!llct_serial_parse(serial, s))
    return cadre_fail(req, 422, "bad_serial", "Số hiệu phôi \"%s\" không hợp lệ.", serial);
  *day = llct_day(on);
  if (*day == LLCT_NO_DAY)
    return cadre_fail(req, 422, "date_required", "Cần ghi ngày.");
  if (*day > llct_today(req))
    return cadre_fail(req, 422, "date_in_future", "Ngày %s chưa tới.", on);
  return 0;
}

int llct_blank_issue(cadre_req *req, const char *serial, int64_t learner_id, const char *on,
                     const char *register_no) {
  llct_serial s;
  int64_t day = LLCT_NO_DAY;
  int st = parse_one(req, serial, &s, on, &day);
  if (st)
    return st;
  json_t *learner = cadre_db_row(req,
                                 "SELECT l.id, l.class_id, l.state, l.full_name, l.graduated_on"
                                 " FROM llct_learner l WHERE l.id = ? FOR UPDATE",
                                 CV_ARGS(CV_INT(learner_id)));
  if (!learner && cadre_db_errno(req))
    return cadre_db_fail(req);
  if (!learner)
    return cadre_fail(req, 404, "not_found", "Không tìm thấy học viên.");
  llct_class_ref c;
  if ((st = llct_class_manage(req, cadre_jint(learner, "class_id", 0), false, &c)))
    return st;
  if (strcmp(cadre_jstr(learner, "state"), "graduated") != 0)
    return cadre_fail(req, 409, "learner_not_graduated",
                      "Học viên %s chưa được công nhận tốt nghiệp: chưa thể cấp bằng.",
                      cadre_jstr(learner, "full_name"));
  if (day < llct_jday(learner, "graduated_on"))
    return cadre_fail(req, 422, "date_before_graduation", "Ngày cấp bằng trước ngày tốt nghiệp.");
  const char *text = fmt_serial(req, s.series, s.number, s.width);
  if ((st = lock_series(req, &s, false)))
    return st;
  /* a school issues from its own stock only */
  if ((st = check_held(req, &s, text, c.school_id, day)))
    return st;
  if (cadre_db_exec(req,
                    "INSERT INTO llct_blank_used (series, number, holder_agency_id, state,"
                    " learner_id, used_on, register_no, user_id)"
                    " VALUES (?, ?, ?, 'issued', ?, ?, ?, ?)",
                    CV_ARGS(CV_STR(s.series), CV_INT(s.number), CV_INT(c.school_id), CV_INT(learner_id),
                            CV_STR(on), CV_STR(register_no), CV_INT(cadre_user_id(req)))) < 0)
    return cadre_db_is_duplicate(req) ? used_conflict(req, &s, text) : cadre_db_fail(req);
  json_t *after = json_pack("{s:s, s:I, s:s, s:s?}", "serial", text, "learner_id", (json_int_t)learner_id,
                            "on", on, "register_no", register_no);
  int rc = cadre_audit(req, "llct.blank", s.number, "issue", NULL, after);
  json_decref(after);
  return rc < 0 ? cadre_db_fail(req) : 0;
}

int llct_blank_void(cadre_req *req, const char *serial, int64_t holder, const char *why, const char *reason,
                    const char *minutes_no, const char *minutes_on, const char *on) {
  llct_serial s;
  int64_t day = LLCT_NO_DAY;
  int st = parse_one(req, serial, &s, on, &day);
  if (st)
    return st;
  if ((st = cadre_require_scope(req, holder)))
    return st;
  const char *text = fmt_serial(req, s.series, s.number, s.width);
  if ((st = lock_series(req, &s, false)))
    return st;
  if ((st = check_held(req, &s, text, holder, day)))
    return st;
  if (cadre_db_exec(req,
                    "INSERT INTO llct_blank_used (series, number, holder_agency_id, state,"
                    " used_on, void_reason, reason, minutes_no, minutes_on, user_id)"
                    " VALUES (?, ?, ?, 'voided', ?, ?, ?, ?, ?, ?)",
                    CV_ARGS(CV_STR(s.series), CV_INT(s.number), CV_INT(holder), CV_STR(on), CV_STR(why),
                            CV_STR(reason), CV_STR(minutes_no), CV_STR(minutes_on),
                            CV_INT(cadre_user_id(req)))) < 0)
    return cadre_db_is_duplicate(req) ? used_conflict(req, &s, text) : cadre_db_fail(req);
  json_t *after = json_pack("{s:s, s:I, s:s, s:s, s:s, s:s}", "serial", text, "holder", (json_int_t)holder,
                            "why", why, "reason", reason, "minutes_no", minutes_no, "on", on);
  int rc = cadre_audit(req, "llct.blank", s.number, "void", NULL, after);
  json_decref(after);
  return rc < 0 ? cadre_db_fail(req) : 0;
}
