/* Registering a participant: the public form (no account) and an
 * organiser's single addition share one short transaction:
 *
 *   UPDATE the bridge point's seat counter  (registered < seats, approved)
 *   INSERT the registration                 (unique keys: one active
 *                                            registration per citizen ID
 *                                            and course; one per token)
 *   INSERT the audit row, and the confirmation email into the outbox
 *   COMMIT
 *
 * The public form does not read the point first when the worker remembers
 * it (bp_cache.c): its seat UPDATE joins the course and checks, in the one
 * statement, the point's version, approval and seats and the course's
 * status, window and title, so a public registration is five statements
 * and a remembered value never decides anything. When that UPDATE takes no
 * seat — a point not yet remembered, changed since, refused or full — the
 * point is read inside the transaction, remembered, checked (unknown code,
 * window, approval, in that order) and the seat taken by id, as an
 * organiser's addition always does.
 *
 * The counter row is the only lock taken, so contention stays within one
 * bridge point (no global lock); taking it first means the foreign-key check
 * of the INSERT never has to upgrade a shared lock on that row (which would
 * deadlock two registrations at the same site). A duplicate is decided by
 * the unique key, never by reading first: the loser of a race gets 1062 and
 * the answer "already registered" — or, when it carries the same
 * idempotency token, the first request's answer. */
#include "course.h"

#include <string.h>

struct reg {
  /* input: the point by id (an organiser, already read and checked) or by
   * the code typed in the public form (checked by the seat UPDATE) */
  int64_t course_id, bp_id, created_by;
  const char *bp_code, *province_code;
  const char *cccd, *full_name, *position, *unit, *phone, *email, *category;
  const char *source, *idem;
  bool source_is_public;
  /* bridge point + course columns, for the answer and the mail (code,
   * name, course_id, course_title), or the point read to explain a refusal */
  json_t *bp;
  char ticket[11];
  /* outcome */
  int64_t id;
  bool duplicate, full;
};

static const char *masked_cccd(cadre_req *req, const char *cccd) {
  size_t n = cccd ? strlen(cccd) : 0;
  return cadre_printf(req, "********%s", n >= 4 ? cccd + n - 4 : "");
}

/* The answer to a successful registration, built the same way for the first
 * request and for a replay with its token, so both are identical. */
static int reply_registered(cadre_req *req, int64_t id, const char *ticket, const char *full_name,
                            const char *cccd, json_t *bp) {
  json_t *body = cadre_keep(
      req,
      json_pack("{s:I,s:s,s:s,s:s,s:s,s:{s:s,s:s},s:{s:I,s:s},s:s}", "id", (json_int_t)id, "ticket", ticket,
                "status", "confirmed", "full_name", full_name, "cccd", masked_cccd(req, cccd), "bridge_point",
                "code", course_jstr(bp, "code"), "name", course_jstr(bp, "name"), "course", "id",
                (json_int_t)course_jint(bp, "course_id"), "title", course_jstr(bp, "course_title"), "message",
                "Đăng ký thành công. Vui lòng ghi lại mã đăng ký để tra "
                "cứu, điểm danh và nộp bài thu hoạch."));
  return cadre_reply_json(req, 201, body);
}

/* The confirmation e-mail's subject and text (r->bp names the point). */
static void confirmation(cadre_req *req, const struct reg *r, const char **subject, const char **text) {
  *subject = cadre_printf(req, "Xác nhận đăng ký: %s", course_jstr(r->bp, "course_title"));
  *text = cadre_printf(req,
                       "Kính gửi đồng chí %s,\n\n"
                       "Đồng chí đã đăng ký tham dự %s tại điểm cầu %s (mã %s).\n"
                       "Mã đăng ký: %s\n\n"
                       "Mã đăng ký dùng để tra cứu, tự điểm danh và nộp bài thu hoạch cùng "
                       "số căn cước công dân và số điện thoại đã khai.\n\n"
                       "Thư này được gửi tự động, xin không trả lời.\n",
                       r->full_name, course_jstr(r->bp, "course_title"), course_jstr(r->bp, "name"),
                       course_jstr(r->bp, "code"), r->ticket);
}

static int queue_confirmation(cadre_req *req, struct reg *r) {
  if (!r->email)
    return 0;
  const char *subject, *text;
  confirmation(req, r, &subject, &text);
  const char *key = cadre_printf(req, "course-reg-%lld", (long long)r->id);
  return cadre_outbox_email(req, r->email, subject, text, key) < 0 ? -1 : 0;
}

/* The point as the answer and the e-mail show it. */
static json_t *point_shown(cadre_req *req, const struct reg *r, const struct course_bp_seen *seen) {
  return cadre_keep(req, json_pack("{s:s,s:s,s:I,s:s}", "code", seen->code, "name", seen->name, "course_id",
                                   (json_int_t)r->course_id, "course_title", seen->course_title));
}

/* The audit row's "after" of a new registration. */
static json_t *audit_after(cadre_req *req, const struct reg *r) {
  return cadre_keep(req,
                    json_pack("{s:I,s:I,s:s,s:s,s:s,s:s,s:s?}", "course_id", (json_int_t)r->course_id,
                              "bridge_point_id", (json_int_t)r->bp_id, "cccd", r->cccd, "full_name",
                              r->full_name, "category", r->category, "source", r->source, "email", r->email));
}

#define BP_FOR_FORM                                                                                          \
  "SELECT bp.id, bp.code, bp.name, bp.status, bp.level, bp.province_id,"                                     \
  " bp.agency_id, bp.version, c.id AS course_id, c.title AS course_title,"                                   \
  " c.reg_opens_at, c.reg_closes_at, c.closes_at, c.status AS course_status"                                 \
  " FROM course_bridge_point bp JOIN course_course c ON c.id = bp.course_id"

/* The public form's seat when the worker remembers the point: the point
 * unchanged since (version; the course's title byte for byte), approved,
 * not full, in an open course whose registration window holds `now`
 * (inclusive, as course_window_at). One statement decides all of it. */
#define SEAT_IF_UNCHANGED                                                                                    \
  "UPDATE course_bridge_point bp JOIN course_course c ON c.id = bp.course_id"                                \
  " SET bp.registered = bp.registered + 1"                                                                   \
  " WHERE bp.id = ? AND bp.version = ? AND bp.status = 'approved'"                                           \
  " AND bp.registered < bp.seats AND c.status = 'open'"                                                      \
  " AND c.reg_opens_at <= ? AND c.reg_closes_at >= ? AND c.title = BINARY ?"
/* The seat once the point has been read and checked. */
#define SEAT_BY_ID                                                                                           \
  "UPDATE course_bridge_point SET registered = registered + 1"                                               \
  " WHERE id = ? AND status = 'approved' AND registered < seats"

static void seen_from_row(json_t *row, struct course_bp_seen *out) {
  *out = (struct course_bp_seen){.bp_id = course_jint(row, "id"),
                                 .province_id = course_jint(row, "province_id"),
                                 .version = course_jint(row, "version"),
                                 .code = course_jstr(row, "code"),
                                 .name = course_jstr(row, "name"),
                                 .course_title = course_jstr(row, "course_title")};
}

/* The public form's refusals, in the order the form's user should hear
 * them: the code, the window, the approval. 0 when only the seats can be
 * missing. */
static int check_public_point(cadre_req *req, struct reg *r) {
  if (!r->bp) {
    if (cadre_db_errno(req))
      return cadre_db_fail(req);
    cadre_field_error(req, "bridge_point", "bridge_point_unknown", "Không có điểm cầu mang mã này.");
    return cadre_fail(req, 422, "bridge_point_unknown",
                      "Không tìm thấy điểm cầu có mã %s. Đề nghị kiểm tra lại "
                      "mã do người tổ chức cung cấp.",
                      r->bp_code);
  }
  enum course_window w = course_window_at(course_now(req), course_jdt(r->bp, "reg_opens_at"),
                                          course_jdt(r->bp, "reg_closes_at"));
  const char *cstatus = course_jstr(r->bp, "course_status");
  if (w == COURSE_BEFORE || (cstatus && strcmp(cstatus, "draft") == 0))
    return cadre_fail(req, 422, "registration_not_open", "Chưa đến thời gian đăng ký (mở từ %s).",
                      course_jstr(r->bp, "reg_opens_at"));
  if (w == COURSE_AFTER || (cstatus && strcmp(cstatus, "closed") == 0))
    return cadre_fail(req, 422, "registration_closed", "Đã hết thời gian đăng ký (hạn %s).",
                      course_jstr(r->bp, "reg_closes_at"));
  if (strcmp(course_jstr(r->bp, "status"), "approved") != 0)
    return cadre_fail(req, 422, "bridge_point_not_approved",
                      "Điểm cầu %s chưa được cấp trên duyệt, chưa nhận đăng "
                      "ký.",
                      course_jstr(r->bp, "name"));
  return 0;
}

/* The point the public form names, with its course (NULL when unknown). */
static json_t *read_public_point(cadre_req *req, const struct reg *r) {
  return cadre_db_row(req, BP_FOR_FORM " WHERE c.id = ? AND bp.code = ?",
                      CV_ARGS(CV_INT(r->course_id), CV_STR(r->bp_code)));
}

/* The point just read (r->bp) checked for the public form and remembered;
 * 0, or the refusal answered. */
static int remember_public_point(cadre_req *req, struct reg *r, struct course_bp_seen *seen) {
  int rc = check_public_point(req, r);
  if (rc)
    return rc;
  seen_from_row(r->bp, seen);
  course_bp_cache_put(r->course_id, seen);
  return 0;
}

/* The public form's seat: with the worker's memory of the point, one
 * UPDATE; without it, or when it is stale, the point is read (inside the
 * transaction), remembered, checked, and the seat taken by id. Returns the
 * seats taken (0 or 1), or -1 with the answer set. Fills r->bp_id and
 * *seen either way. */
static int64_t take_public_seat(cadre_req *req, struct reg *r, struct course_bp_seen *seen, int *rc) {
  const char *now = cadre_now_text(req);
  if (course_bp_cache_get(req, r->course_id, r->bp_code, seen)) {
    int64_t took = cadre_db_exec(req, SEAT_IF_UNCHANGED,
                                 CV_ARGS(CV_INT(seen->bp_id), CV_INT(seen->version), CV_STR(now), CV_STR(now),
                                         CV_STR(seen->course_title)));
    if (took != 0) {
      r->bp_id = seen->bp_id;
      *rc = took < 0 ? cadre_db_fail(req) : 0;
      return took;
    }
  }
  r->bp = read_public_point(req, r);
  if ((*rc = remember_public_point(req, r, seen)) != 0)
    return -1;
  r->bp_id = seen->bp_id;
  int64_t took = cadre_db_exec(req, SEAT_BY_ID, CV_ARGS(CV_INT(r->bp_id)));
  *rc = took < 0 ? cadre_db_fail(req) : 0;
  return took;
}

/* A point without a province (the Academy's) takes the one the form names
 * (its participants' essays go to that province's board). */
static int resolve_province(cadre_req *req, struct reg *r, int64_t *province) {
  if (*province > 0 || !r->province_code)
    return 0;
  int got = cadre_db_int(req, province, "SELECT id FROM agency WHERE code = ? AND kind = 'province'",
                         CV_ARGS(CV_STR(r->province_code)));
  if (got < 0)
    return cadre_db_fail(req);
  if (got == 0) {
    cadre_field_error(req, "province", "province_unknown", "Không có tỉnh, thành phố mã %s.",
                      r->province_code);
    return cadre_fail(req, 422, "province_unknown", "Không có tỉnh, thành phố mã %s.", r->province_code);
  }
  return 0;
}

static int register_tx(cadre_req *req, void *vctx) {
  struct reg *r = vctx;
  r->duplicate = r->full = false;
  struct course_bp_seen seen;
  int64_t took;
  int rc = 0;
  if (r->source_is_public) {
    r->bp_id = 0;
    took = take_public_seat(req, r, &seen, &rc);
  } else {
    seen_from_row(r->bp, &seen); /* read and checked by the handler */
    took = cadre_db_exec(req, SEAT_BY_ID, CV_ARGS(CV_INT(r->bp_id)));
    rc = took < 0 ? cadre_db_fail(req) : 0;
  }
  if (took < 0)
    return rc;
  int64_t province = seen.province_id;
  if ((rc = resolve_province(req, r, &province)) != 0)
    return rc;
  const char *now = cadre_now_text(req);
  /* Inserted even without a seat, so that a duplicate or a replay is
   * answered as such rather than as "full"; rolled back then. */
  int64_t n = cadre_db_exec(req,
                            "INSERT INTO course_registration (course_id, bridge_point_id,"
                            " province_id, cccd, full_name, position, unit_name, phone, email,"
                            " category, source, idem_key, ticket, created_by, created_at, updated_at)"
                            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                            CV_ARGS(CV_INT(r->course_id), CV_INT(r->bp_id), CV_INT_IF(province > 0, province),
                                    CV_STR(r->cccd), CV_STR(r->full_name), CV_STR(r->position),
                                    CV_STR(r->unit), CV_STR(r->phone), CV_STR(r->email), CV_STR(r->category),
                                    CV_STR(r->source), CV_STR(r->idem), CV_STR(r->ticket),
                                    CV_INT_IF(r->created_by > 0, r->created_by), CV_STR(now), CV_STR(now)));
  if (n < 0) {
    if (cadre_db_is_duplicate(req)) {
      r->duplicate = true;
      return 409; /* answered after the rollback */
    }
    return cadre_db_fail(req);
  }
  if (took == 0) {
    r->full = true;
    return 422;
  }
  r->id = cadre_db_last_id(req);
  /* What the answer and the e-mail show: the point as checked above. */
  r->bp = point_shown(req, r, &seen);
  if (!r->bp)
    return cadre_fail(req, 500, "internal", "Lỗi hệ thống.");
  if (cadre_audit(req, "course.registration", r->id, "create", NULL, audit_after(req, r)) < 0)
    return cadre_db_fail(req);
  if (queue_confirmation(req, r) < 0)
    return cadre_db_fail(req);
  return 0;
}

/* After a duplicate: the first answer when the token matches a registration,
 * otherwise "already registered". */
static int reply_duplicate(cadre_req *req, struct reg *r) {
  if (r->idem) {
    json_t *first = cadre_db_row(req,
                                 "SELECT r.id, r.ticket, r.full_name, r.cccd, bp.code, bp.name,"
                                 " c.id AS course_id, c.title AS course_title"
                                 " FROM course_registration r"
                                 " JOIN course_bridge_point bp ON bp.id = r.bridge_point_id"
                                 " JOIN course_course c ON c.id = r.course_id"
                                 " WHERE r.course_id = ? AND r.idem_key = ?",
                                 CV_ARGS(CV_INT(r->course_id), CV_STR(r->idem)));
    if (first)
      return reply_registered(req, course_jint(first, "id"), course_jstr(first, "ticket"),
                              course_jstr(first, "full_name"), course_jstr(first, "cccd"), first);
    if (cadre_db_errno(req))
      return cadre_db_fail(req);
  }
  cadre_field_error(req, "cccd", "already_registered", "Số căn cước công dân này đã được đăng ký.");
  return cadre_fail(req, 409, "already_registered",
                    "Số căn cước công dân này đã đăng ký tham dự lớp. Mỗi "
                    "người chỉ đăng ký một lần; để đổi điểm cầu, đề nghị liên "
                    "hệ người tổ chức tại điểm cầu.");
}

/* The point the public form names, as the worker remembers it; a point not
 * yet remembered is read (one statement, no transaction), checked and
 * remembered, so that the first registration at each point — at a national
 * opening, thousands of them in the first minute, once per worker — joins
 * a batch too instead of committing alone. 0 with *seen filled, or -1
 * with the refusal answered (unknown code, window, approval), *rc holding
 * it. */
static int point_for_batch(cadre_req *req, struct reg *r, struct course_bp_seen *seen, int *rc) {
  if (course_bp_cache_get(req, r->course_id, r->bp_code, seen))
    return 0;
  if (!r->bp) /* else read by the handler already */
    r->bp = read_public_point(req, r);
  return (*rc = remember_public_point(req, r, seen)) != 0 ? -1 : 0;
}

/* The public form's common case — a new person at a point with seats —
 * combined with others' into one transaction (register_batch.c). 1 when
 * done there; 0 when not: the request then registers alone, which decides
 * and words every refusal; -1 when a refusal was answered already, *rc
 * holding it. */
static int registered_in_batch(cadre_req *req, struct reg *r, int *rc) {
  struct course_bp_seen seen;
  if (point_for_batch(req, r, &seen, rc) != 0)
    return -1;
  if (seen.province_id <= 0 && r->province_code)
    return 0; /* the form's province must be read */
  r->bp_id = seen.bp_id;
  r->bp = point_shown(req, r, &seen);
  struct course_reg_item it = {.course_id = r->course_id,
                               .bp_id = seen.bp_id,
                               .province_id = seen.province_id,
                               .version = seen.version,
                               .course_title = seen.course_title,
                               .now = cadre_now_text(req),
                               .cccd = r->cccd,
                               .full_name = r->full_name,
                               .position = r->position,
                               .unit = r->unit,
                               .phone = r->phone,
                               .email = r->email,
                               .category = r->category,
                               .idem = r->idem,
                               .ticket = r->ticket,
                               .after = audit_after(req, r)};
  if (!r->bp || !it.after)
    return 0;
  if (r->email)
    confirmation(req, r, &it.mail_subject, &it.mail_text);
  if (!course_register_batched(req, &it))
    return 0;
  r->id = it.id;
  return 1;
}

static int run_registration(cadre_req *req, struct reg *r) {
  course_random_code(r->ticket, 10);
  int rc = 0;
  if (r->source_is_public) {
    int batched = registered_in_batch(req, r, &rc);
    if (batched < 0)
      return rc;
    if (batched > 0)
      return reply_registered(req, r->id, r->ticket, r->full_name, r->cccd, r->bp);
  }
  rc = cadre_tx(req, register_tx, r);
  if (rc == 0)
    return reply_registered(req, r->id, r->ticket, r->full_name, r->cccd, r->bp);
  if (r->duplicate)
    return reply_duplicate(req, r);
  if (r->full) {
    cadre_field_error(req, "bridge_point", "bridge_point_full", "Điểm cầu đã đủ chỗ.");
    return cadre_fail(req, 422, "bridge_point_full",
                      "Điểm cầu %s đã đủ số chỗ đăng ký. Đề nghị liên hệ người "
                      "tổ chức để được bố trí điểm cầu khác.",
                      course_jstr(r->bp, "name"));
  }
  return rc;
}

/* The token: the declared field, else the Idempotency-Key header (same
 * characters as CF_CODE). */
static const char *idempotency_key(cadre_req *req) {
  const char *k = cadre_str(req, "idempotency_key");
  if (k)
    return k;
  k = cadre_header(req, "HTTP_IDEMPOTENCY_KEY");
  if (!k || !*k || strlen(k) > 64)
    return NULL;
  for (const char *p = k; *p; p++)
    if (!((*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') || *p == '-' ||
          *p == '_' || *p == '.'))
      return NULL;
  return k;
}

static void take_person(cadre_req *req, struct reg *r) {
  r->cccd = cadre_str(req, "cccd");
  r->full_name = cadre_tidy(cadre_arena_of(req), cadre_str(req, "full_name"));
  r->position = cadre_tidy(cadre_arena_of(req), cadre_str(req, "position"));
  r->unit = cadre_tidy(cadre_arena_of(req), cadre_str(req, "unit"));
  r->phone = cadre_str(req, "phone");
  r->email = cadre_str(req, "email");
  r->category = cadre_str(req, "category");
  r->idem = idempotency_key(req);
  r->province_code = cadre_str(req, "province");
}

int course_h_public_register(cadre_req *req) {
  struct reg r = {.source = "self", .source_is_public = true};
  r.course_id = cadre_int(req, "course", 0);
  r.bp_code = cadre_str(req, "bridge_point");
  if (r.course_id <= 0) {
    /* The form names its course; a caller that does not gets the newest
     * course that has a point with this code (one more statement). */
    r.bp = cadre_db_row(req,
                        BP_FOR_FORM " WHERE bp.code = ?"
                                    " ORDER BY c.start_date DESC, c.id DESC"
                                    " LIMIT 1",
                        CV_ARGS(CV_STR(r.bp_code)));
    int rc = check_public_point(req, &r);
    if (rc)
      return rc;
    r.course_id = course_jint(r.bp, "course_id");
  }
  take_person(req, &r);
  return run_registration(req, &r);
}

int course_h_participant_add(cadre_req *req) {
  struct reg r = {.source = "organizer", .created_by = cadre_user_id(req)};
  r.bp = cadre_db_row(req, BP_FOR_FORM " WHERE bp.id = ?",
                      CV_ARGS(CV_INT(cadre_int(req, "bridge_point_id", 0))));
  if (!r.bp)
    return cadre_db_errno(req) ? cadre_db_fail(req)
                               : cadre_fail(req, 404, "not_found", "Không tìm thấy điểm cầu.");
  int rc = cadre_require_scope(req, course_jint(r.bp, "agency_id"));
  if (rc)
    return rc;
  /* Organisers may still add people after the public form closed, but not
   * once the course itself is over. */
  if (course_now(req) > course_jdt(r.bp, "closes_at"))
    return cadre_fail(req, 422, "registration_closed", "Lớp đã bế giảng, không thể đăng ký thêm.");
  if (strcmp(course_jstr(r.bp, "status"), "approved") != 0)
    return cadre_fail(req, 422, "bridge_point_not_approved", "Điểm cầu chưa được duyệt, chưa nhận đăng ký.");
  r.course_id = course_jint(r.bp, "course_id");
  r.bp_id = course_jint(r.bp, "id");
  take_person(req, &r);
  return run_registration(req, &r);
}

int course_h_public_lookup(cadre_req *req) {
  int64_t course = cadre_int(req, "course", 0);
  json_t *row = cadre_db_row(req,
                             "SELECT r.id, r.ticket, r.full_name, r.position, r.unit_name,"
                             " r.category, r.status, bp.code AS bridge_point_code,"
                             " bp.name AS bridge_point_name, bp.address AS bridge_point_address,"
                             " c.id AS course_id, c.title AS course_title, e.status AS essay_status,"
                             " e.late AS essay_late, e.receipt AS essay_receipt,"
                             " e.review_comment AS essay_comment"
                             " FROM course_registration r"
                             " JOIN course_course c ON c.id = r.course_id"
                             " JOIN course_bridge_point bp ON bp.id = r.bridge_point_id"
                             " LEFT JOIN course_essay e ON e.registration_id = r.id"
                             " WHERE r.active_cccd = ? AND r.phone = ? AND (? = 0 OR r.course_id = ?)"
                             " ORDER BY c.start_date DESC, r.id DESC LIMIT 1",
                             CV_ARGS(CV_STR(cadre_str(req, "cccd")), CV_STR(cadre_str(req, "phone")),
                                     CV_INT(course), CV_INT(course)));
  if (!row)
    return cadre_db_errno(req) ? cadre_db_fail(req)
                               : cadre_fail(req, 404, "registration_not_found",
                                            "Không tìm thấy đăng ký với số căn cước công dân "
                                            "và số điện thoại này.");
  return cadre_reply_json(req, 200, row);
}
