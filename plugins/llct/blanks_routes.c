/*
 * Routes of the diploma-blank stock: receive, allocate/return, issue, void
 * (each one transaction around blanks_store.c), and the views — holdings,
 * the ledger (sổ theo dõi phôi bằng) with its running balance, and the
 * reconciliation per holder and period.
 */
#include <string.h>

#include "blanks.h"

/* ---- writes ----------------------------------------------------------------- */

typedef struct move_ctx {
  llct_blank_range_in in;
  int64_t from, to, move_id;
} move_ctx;

static int receive_tx(cadre_req *req, void *p) {
  move_ctx *m = p;
  return llct_blank_receive(req, &m->in, m->to, &m->move_id);
}

static int move_tx(cadre_req *req, void *p) {
  move_ctx *m = p;
  return llct_blank_move(req, &m->in, m->from, m->to, &m->move_id);
}

static void range_in(cadre_req *req, llct_blank_range_in *in) {
  in->first = cadre_str(req, "first");
  in->last = cadre_str(req, "last");
  in->on = cadre_str(req, "on");
  in->doc = cadre_str(req, "doc_number");
  in->note = cadre_str(req, "note");
}

int llct_blanks_receive(cadre_req *req) {
  move_ctx m = {0};
  range_in(req, &m.in);
  m.to = cadre_int(req, "agency_id", 0);
  if (!m.to) /* the caller's Academy */
    m.to = llct_agency_up(req, cadre_user_agency(req), "academy");
  if (!m.to)
    return cadre_fail(req, 422, "receiver_not_academy",
                      "Phôi bằng do Học viện tiếp nhận: hãy chọn đơn vị nhận là Học viện.");
  int st = cadre_tx(req, receive_tx, &m);
  if (st)
    return st;
  return cadre_reply_ok(req, m.move_id);
}

int llct_blanks_allocate(cadre_req *req) {
  move_ctx m = {0};
  range_in(req, &m.in);
  m.from = cadre_int(req, "from_agency_id", 0);
  m.to = cadre_int(req, "to_agency_id", 0);
  int st = cadre_tx(req, move_tx, &m);
  if (st)
    return st;
  return cadre_reply_ok(req, m.move_id);
}

typedef struct use_ctx {
  cadre_req *req;
  bool issue;
} use_ctx;

static int use_tx(cadre_req *req, void *p) {
  use_ctx *u = p;
  if (u->issue)
    return llct_blank_issue(req, cadre_str(req, "serial"), cadre_int(req, "learner_id", 0),
                            cadre_str(req, "on"), cadre_str(req, "register_no"));
  return llct_blank_void(req, cadre_str(req, "serial"), cadre_int(req, "holder_agency_id", 0),
                         cadre_str(req, "why"), cadre_str(req, "reason"), cadre_str(req, "minutes_no"),
                         cadre_str(req, "minutes_on"), cadre_str(req, "on"));
}

int llct_blanks_issue(cadre_req *req) {
  use_ctx u = {req, true};
  int st = cadre_tx(req, use_tx, &u);
  return st ? st : cadre_reply_ok(req, 0);
}

int llct_blanks_void(cadre_req *req) {
  use_ctx u = {req, false};
  int st = cadre_tx(req, use_tx, &u);
  return st ? st : cadre_reply_ok(req, 0);
}

/* ---- holdings ----------------------------------------------------------------- */

static void add_serial_text(cadre_req *req, json_t *row, const char *key_no, const char *key_out) {
  char buf[48];
  llct_serial_format(cadre_jstr(row, "series"), cadre_jint(row, key_no, 0), (int)cadre_jint(row, "width", 1),
                     buf, sizeof(buf));
  json_object_set_new(row, key_out, json_string(buf));
  (void)req;
}

static const struct cadre_column holding_cols[] = {
    {"holder_name", "Đơn vị giữ phôi", CC_TEXT, 40},
    {"first_serial", "Từ số", CC_TEXT, 14},
    {"last_serial", "Đến số", CC_TEXT, 14},
    {"held_since", "Nhận ngày", CC_DATE, 12},
    {"quantity", "Số lượng", CC_INT, 10},
    {"issued", "Đã cấp bằng", CC_INT, 10},
    {"voided", "Đã hủy", CC_INT, 10},
    {"available", "Còn lại", CC_INT, 10},
};

int llct_blanks_holdings(cadre_req *req) {
  int64_t agency = cadre_int(req, "agency_id", 0);
  json_t *rows =
      cadre_db_rows(req,
                    "SELECT r.id, r.series, r.first_no, r.last_no, r.held_since, s.width,"
                    " r.holder_agency_id, a.code AS holder_code, a.name AS holder_name,"
                    " r.last_no - r.first_no + 1 AS quantity,"
                    " (SELECT COUNT(*) FROM llct_blank_used u WHERE u.series = r.series"
                    "   AND u.number BETWEEN r.first_no AND r.last_no AND u.state = 'issued') AS issued,"
                    " (SELECT COUNT(*) FROM llct_blank_used u WHERE u.series = r.series"
                    "   AND u.number BETWEEN r.first_no AND r.last_no AND u.state = 'voided') AS voided"
                    " FROM llct_blank_range r JOIN llct_blank_series s ON s.series = r.series"
                    " JOIN agency a ON a.id = r.holder_agency_id" CADRE_SCOPE_JOIN(
                        "r.holder_agency_id") " WHERE (? = 0 OR r.holder_agency_id = ?)"
                                              " ORDER BY a.name, r.series, r.first_no",
                    CV_ARGS(CV_INT(cadre_scope_root(req)), CV_INT(agency), CV_INT(agency)));
  if (!rows)
    return cadre_db_fail(req);
  size_t i;
  json_t *r;
  json_array_foreach(rows, i, r) {
    add_serial_text(req, r, "first_no", "first_serial");
    add_serial_text(req, r, "last_no", "last_serial");
    int64_t avail = cadre_jint(r, "quantity", 0) - cadre_jint(r, "issued", 0) - cadre_jint(r, "voided", 0);
    json_object_set_new(r, "available", json_integer(avail));
  }
  int st = llct_maybe_export(req, "ton-kho-phoi-bang", "Phôi bằng đang giữ", holding_cols,
                             sizeof(holding_cols) / sizeof(holding_cols[0]), rows);
  return st ? st : cadre_reply_json(req, 200, rows);
}

/* ---- reconciliation ----------------------------------------------------------- */

/* opening + received − moved out − issued − voided = closing, and the
 * closing held against the stock counted from the holdings (ranges) now,
 * walked back over what happened after the period. */
static int reconcile_one(cadre_req *req, int64_t agency, const char *series, const char *from, const char *to,
                         llct_recon *out) {
  const char *sr = series ? series : "";
  json_t *row = cadre_db_row(
      req,
      "WITH m AS (SELECT to_agency_id, from_agency_id, moved_on, quantity FROM llct_blank_move"
      "           WHERE ? = '' OR series = ?),"
      " u AS (SELECT holder_agency_id, state, used_on FROM llct_blank_used WHERE ? = '' OR series = ?),"
      " r AS (SELECT holder_agency_id, first_no, last_no FROM llct_blank_range"
      "       WHERE ? = '' OR series = ?)"
      " SELECT"
      " (SELECT COALESCE(SUM(quantity), 0) FROM m WHERE to_agency_id = ? AND moved_on < ?) AS in_before,"
      " (SELECT COALESCE(SUM(quantity), 0) FROM m WHERE from_agency_id = ? AND moved_on < ?) AS out_before,"
      " (SELECT COUNT(*) FROM u WHERE holder_agency_id = ? AND used_on < ?) AS used_before,"
      " (SELECT COALESCE(SUM(quantity), 0) FROM m WHERE to_agency_id = ? AND moved_on BETWEEN ? AND ?) AS "
      "received,"
      " (SELECT COALESCE(SUM(quantity), 0) FROM m WHERE from_agency_id = ? AND moved_on BETWEEN ? AND ?) AS "
      "moved_out,"
      " (SELECT COUNT(*) FROM u WHERE holder_agency_id = ? AND state = 'issued' AND used_on BETWEEN ? AND ?) "
      "AS issued,"
      " (SELECT COUNT(*) FROM u WHERE holder_agency_id = ? AND state = 'voided' AND used_on BETWEEN ? AND ?) "
      "AS voided,"
      " (SELECT COALESCE(SUM(quantity), 0) FROM m WHERE to_agency_id = ? AND moved_on > ?) AS in_after,"
      " (SELECT COALESCE(SUM(quantity), 0) FROM m WHERE from_agency_id = ? AND moved_on > ?) AS out_after,"
      " (SELECT COUNT(*) FROM u WHERE holder_agency_id = ? AND used_on > ?) AS used_after,"
      " (SELECT COALESCE(SUM(last_no - first_no + 1), 0) FROM r WHERE holder_agency_id = ?) AS held_now,"
      " (SELECT COUNT(*) FROM u WHERE holder_agency_id = ?) AS used_now",
      CV_ARGS(CV_STR(sr), CV_STR(sr), CV_STR(sr), CV_STR(sr), CV_STR(sr), CV_STR(sr), CV_INT(agency),
              CV_STR(from), CV_INT(agency), CV_STR(from), CV_INT(agency), CV_STR(from), CV_INT(agency),
              CV_STR(from), CV_STR(to), CV_INT(agency), CV_STR(from), CV_STR(to), CV_INT(agency),
              CV_STR(from), CV_STR(to), CV_INT(agency), CV_STR(from), CV_STR(to), CV_INT(agency), CV_STR(to),
              CV_INT(agency), CV_STR(to), CV_INT(agency), CV_STR(to), CV_INT(agency), CV_INT(agency)));
  if (!row)
    return -1;
  out->opening =
      cadre_jint(row, "in_before", 0) - cadre_jint(row, "out_before", 0) - cadre_jint(row, "used_before", 0);
  out->received = cadre_jint(row, "received", 0);
  out->moved_out = cadre_jint(row, "moved_out", 0);
  out->issued = cadre_jint(row, "issued", 0);
  out->voided = cadre_jint(row, "voided", 0);
  int64_t on_hand_now = cadre_jint(row, "held_now", 0) - cadre_jint(row, "used_now", 0);
  out->on_hand = on_hand_now - cadre_jint(row, "in_after", 0) + cadre_jint(row, "out_after", 0) +
                 cadre_jint(row, "used_after", 0);
  llct_recon_close(out);
  return 0;
}

static const struct cadre_column recon_cols[] = {
    {"agency_name", "Đơn vị", CC_TEXT, 40},    {"opening", "Tồn đầu kỳ", CC_INT, 12},
    {"received", "Nhận trong kỳ", CC_INT, 12}, {"moved_out", "Cấp phát/trả đi", CC_INT, 12},
    {"issued", "Cấp bằng", CC_INT, 12},        {"voided", "Hủy (hỏng, mất)", CC_INT, 12},
    {"closing", "Tồn cuối kỳ", CC_INT, 12},    {"on_hand", "Tồn theo kho", CC_INT, 12},
    {"balanced_text", "Khớp", CC_TEXT, 8},
};

int llct_blanks_reconcile(cadre_req *req) {
  const char *from = cadre_str(req, "from");
  const char *to = cadre_str(req, "to");
  if (strcmp(from, to) > 0)
    return cadre_fail(req, 422, "bad_period", "Ngày đầu kỳ sau ngày cuối kỳ.");
  int64_t only = cadre_int(req, "agency_id", 0);
  const char *series = cadre_str(req, "series");
  /* every holder in scope that ever had blanks */
  json_t *agencies =
      cadre_db_rows(req,
                    "SELECT a.id, a.code, a.name FROM agency a" CADRE_SCOPE_JOIN(
                        "a.id") " WHERE (? = 0 OR a.id = ?) AND (EXISTS (SELECT 1 FROM llct_blank_move m"
                                "   WHERE m.to_agency_id = a.id OR m.from_agency_id = a.id))"
                                " ORDER BY a.kind = 'academy' DESC, a.name",
                    CV_ARGS(CV_INT(cadre_scope_root(req)), CV_INT(only), CV_INT(only)));
  if (!agencies)
    return cadre_db_fail(req);
  json_t *rows = cadre_json_arr(req);
  size_t i;
  json_t *a;
  json_array_foreach(agencies, i, a) {
    llct_recon r;
    if (reconcile_one(req, cadre_jint(a, "id", 0), series, from, to, &r) < 0)
      return cadre_db_fail(req);
    json_array_append_new(
        rows,
        json_pack("{s:I, s:s, s:s, s:I, s:I, s:I, s:I, s:I, s:I, s:I, s:b, s:s}", "agency_id",
                  (json_int_t)cadre_jint(a, "id", 0), "agency_code", cadre_jstr(a, "code"), "agency_name",
                  cadre_jstr(a, "name"), "opening", (json_int_t)r.opening, "received", (json_int_t)r.received,
                  "moved_out", (json_int_t)r.moved_out, "issued", (json_int_t)r.issued, "voided",
                  (json_int_t)r.voided, "closing", (json_int_t)r.closing, "on_hand", (json_int_t)r.on_hand,
                  "balanced", r.balanced, "balanced_text", r.balanced ? "Khớp" : "LỆCH"));
  }
  char *title = cadre_printf(req, "Đối chiếu phôi bằng từ %s đến %s", from, to);
  int st = llct_maybe_export(req, "doi-chieu-phoi-bang", title, recon_cols,
                             sizeof(recon_cols) / sizeof(recon_cols[0]), rows);
  if (st)
    return st;
  json_t *body = json_pack("{s:s, s:s, s:O}", "from", from, "to", to, "items", rows);
  int rc = cadre_reply_json(req, 200, body);
  json_decref(body);
  return rc;
}

/* ---- ledger ------------------------------------------------------------------- */

static const struct cadre_column ledger_cols[] = {
    {"on_date", "Ngày", CC_DATE, 12},
    {"event", "Nghiệp vụ", CC_TEXT, 16},
    {"serials", "Số hiệu", CC_TEXT, 24},
    {"qty_in", "Nhập", CC_INT, 8},
    {"qty_out", "Xuất", CC_INT, 8},
    {"balance", "Tồn", CC_INT, 8},
    {"doc", "Văn bản, biên bản, số vào sổ", CC_TEXT, 22},
    {"counterpart", "Đơn vị giao/nhận", CC_TEXT, 30},
    {"learner", "Người được cấp bằng", CC_TEXT, 26},
    {"reason", "Lý do", CC_TEXT, 26},
};

static const char *event_title(const char *kind, bool incoming) {
  if (strcmp(kind, "receive") == 0)
    return "Nhận từ nơi in";
  if (strcmp(kind, "allocate") == 0)
    return incoming ? "Nhận cấp phát" : "Cấp phát";
  if (strcmp(kind, "return") == 0)
    return incoming ? "Nhận trả về" : "Trả về Học viện";
  if (strcmp(kind, "issued") == 0)
    return "Cấp bằng";
  if (strcmp(kind, "voided") == 0)
    return "Hủy phôi";
  return kind;
}

int llct_blanks_ledger(cadre_req *req) {
  int64_t agency = cadre_int(req, "agency_id", 0);
  int st = cadre_require_scope(req, agency);
  if (st)
    return st;
  const char *from = cadre_str(req, "from");
  const char *to = cadre_str(req, "to");
  const char *series = cadre_str(req, "series");
  const char *sr = series ? series : "";
  llct_recon r;
  if (reconcile_one(req, agency, series, from, to, &r) < 0)
    return cadre_db_fail(req);
  json_t *rows =
      cadre_db_rows(req,
                    "SELECT m.moved_on AS on_date, m.kind, 1 AS incoming, m.series, m.first_no, m.last_no,"
                    " s.width, m.quantity AS qty_in, 0 AS qty_out, m.doc_number AS doc,"
                    " fa.name AS counterpart, NULL AS learner, m.note AS reason, m.id AS seq"
                    " FROM llct_blank_move m JOIN llct_blank_series s ON s.series = m.series"
                    " LEFT JOIN agency fa ON fa.id = m.from_agency_id"
                    " WHERE m.to_agency_id = ? AND m.moved_on BETWEEN ? AND ? AND (? = '' OR m.series = ?)"
                    " UNION ALL"
                    " SELECT m.moved_on, m.kind, 0, m.series, m.first_no, m.last_no, s.width, 0, m.quantity,"
                    " m.doc_number, ta.name, NULL, m.note, m.id"
                    " FROM llct_blank_move m JOIN llct_blank_series s ON s.series = m.series"
                    " JOIN agency ta ON ta.id = m.to_agency_id"
                    " WHERE m.from_agency_id = ? AND m.moved_on BETWEEN ? AND ? AND (? = '' OR m.series = ?)"
                    " UNION ALL"
                    " SELECT u.used_on, u.state, 0, u.series, u.number, u.number, s.width, 0, 1,"
                    " COALESCE(u.register_no, u.minutes_no), NULL, l.full_name, u.reason, u.number"
                    " FROM llct_blank_used u JOIN llct_blank_series s ON s.series = u.series"
                    " LEFT JOIN llct_learner l ON l.id = u.learner_id"
                    " WHERE u.holder_agency_id = ? AND u.used_on BETWEEN ? AND ? AND (? = '' OR u.series = ?)"
                    " ORDER BY on_date, incoming DESC, seq",
                    CV_ARGS(CV_INT(agency), CV_STR(from), CV_STR(to), CV_STR(sr), CV_STR(sr), CV_INT(agency),
                            CV_STR(from), CV_STR(to), CV_STR(sr), CV_STR(sr), CV_INT(agency), CV_STR(from),
                            CV_STR(to), CV_STR(sr), CV_STR(sr)));
  if (!rows)
    return cadre_db_fail(req);
  int64_t balance = r.opening;
  size_t i;
  json_t *row;
  json_array_foreach(rows, i, row) {
    char a[48], b[48];
    int width = (int)cadre_jint(row, "width", 1);
    const char *row_series = cadre_jstr(row, "series");
    int64_t f = cadre_jint(row, "first_no", 0), l = cadre_jint(row, "last_no", 0);
    llct_serial_format(row_series, f, width, a, sizeof(a));
    llct_serial_format(row_series, l, width, b, sizeof(b));
    json_object_set_new(row, "serials", json_string(f == l ? a : cadre_printf(req, "%s – %s", a, b)));
    balance += cadre_jint(row, "qty_in", 0) - cadre_jint(row, "qty_out", 0);
    json_object_set_new(row, "balance", json_integer(balance));
    json_object_set_new(row, "event",
                        json_string(event_title(cadre_jstr(row, "kind"), cadre_jtrue(row, "incoming"))));
  }
  char *title = cadre_printf(req, "Sổ theo dõi phôi bằng từ %s đến %s", from, to);
  if ((st = llct_maybe_export(req, "so-phoi-bang", title, ledger_cols,
                              sizeof(ledger_cols) / sizeof(ledger_cols[0]), rows)))
    return st;
  json_t *body = json_pack("{s:s, s:s, s:I, s:I, s:O}", "from", from, "to", to, "opening",
                           (json_int_t)r.opening, "closing", (json_int_t)r.closing, "items", rows);
  int rc = cadre_reply_json(req, 200, body);
  json_decref(body);
  return rc;
}
