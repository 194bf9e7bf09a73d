/* Essays (bài thu hoạch): one per participant, submitted without an account
 * (citizen ID + phone) from the course's end, on time until the due date,
 * marked late until the cut-off, refused after. Each essay is routed to the
 * organization board of the participant's province (frozen at the first
 * submission); the board sees only what is routed into its scope,
 * acknowledges or returns it with a comment, and exports its list. */
#include "course.h"

#include <ctype.h>
#include <string.h>

static int count_words(const char *s) {
  int n = 0;
  bool in_word = false;
  for (const unsigned char *p = (const unsigned char *)s; p && *p; p++) {
    bool space = isspace(*p);
    if (!space && !in_word)
      n++;
    in_word = !space;
  }
  return n;
}

struct essay_ctx {
  json_t *reg;
  int64_t essay_id, board_id, file_id;
  bool late, resubmit;
  char receipt[13];
};

static int store_proposals(cadre_req *req, struct essay_ctx *c) {
  if (c->resubmit && cadre_db_exec(req, "DELETE FROM course_essay_proposal WHERE essay_id = ?",
                                   CV_ARGS(CV_INT(c->essay_id))) < 0)
    return -1;
  static const char *const names[] = {"proposal_1", "proposal_2", "proposal_3", "proposal_4"};
  for (int i = 0; i < 4; i++) {
    const char *text = cadre_str(req, names[i]);
    if (!text || !*cadre_tidy(cadre_arena_of(req), text))
      continue;
    if (cadre_db_exec(req,
                      "INSERT INTO course_essay_proposal (essay_id, topic_no,"
                      " body) VALUES (?, ?, ?)",
                      CV_ARGS(CV_INT(c->essay_id), CV_INT(i + 1), CV_STR(text))) < 0)
      return -1;
  }
  return 0;
}

static int essay_tx(cadre_req *req, void *vctx) {
  struct essay_ctx *c = vctx;
  const cadre_upload *up = cadre_file(req, "file");
  c->file_id = 0;
  if (up) {
    c->file_id = cadre_file_store(req, up, c->board_id);
    if (c->file_id < 0)
      return cadre_db_fail(req);
  }
  const char *now = cadre_now_text(req);
  const char *body = cadre_str(req, "body");
  const char *title = cadre_tidy(cadre_arena_of(req), cadre_str(req, "title"));
  if (c->resubmit) {
    int64_t n = cadre_db_exec(req,
                              "UPDATE course_essay SET title = ?, body = ?, file_id = ?,"
                              " word_count = ?, submitted_at = ?, late = ?, status = 'submitted',"
                              " submissions = submissions + 1, receipt = ?"
                              " WHERE id = ? AND status = 'returned'",
                              CV_ARGS(CV_STR(title), CV_STR(body), CV_INT_IF(c->file_id > 0, c->file_id),
                                      CV_INT(count_words(body)), CV_STR(now), CV_INT(c->late),
                                      CV_STR(c->receipt), CV_INT(c->essay_id)));
    if (n < 0)
      return cadre_db_fail(req);
    if (n == 0)
      return cadre_fail(req, 409, "essay_already_submitted", "Bài thu hoạch đã được nộp.");
  } else {
    int64_t n = cadre_db_exec(
        req,
        "INSERT INTO course_essay (course_id, registration_id, province_id,"
        " board_agency_id, title, body, file_id, word_count, submitted_at,"
        " late, receipt, created_at, updated_at)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        CV_ARGS(CV_INT(course_jint(c->reg, "course_id")), CV_INT(course_jint(c->reg, "id")),
                CV_INT_IF(course_jint(c->reg, "province_id") > 0, course_jint(c->reg, "province_id")),
                CV_INT(c->board_id), CV_STR(title), CV_STR(body), CV_INT_IF(c->file_id > 0, c->file_id),
                CV_INT(count_words(body)), CV_STR(now), CV_INT(c->late), CV_STR(c->receipt), CV_STR(now),
                CV_STR(now)));
    if (n < 0) {
      if (cadre_db_is_duplicate(req))
        return cadre_fail(req, 409, "essay_already_submitted",
                          "Đồng chí đã nộp bài thu hoạch; mỗi học viên nộp một "
                          "bài.");
      return cadre_db_fail(req);
    }
    c->essay_id = cadre_db_last_id(req);
  }
  if (store_proposals(req, c) < 0)
    return cadre_db_fail(req);
  json_t *after = cadre_keep(req, json_pack("{s:s,s:b,s:I,s:s,s:I}", "title", title, "late", c->late,
                                            "board_agency_id", (json_int_t)c->board_id, "receipt", c->receipt,
                                            "file_id", (json_int_t)c->file_id));
  if (cadre_audit(req, "course.essay", c->essay_id, c->resubmit ? "resubmit" : "submit", NULL, after) < 0)
    return cadre_db_fail(req);
  const char *email = course_jstr(c->reg, "email");
  if (email) {
    const char *text =
        cadre_printf(req,
                     "Kính gửi đồng chí %s,\n\nBan Tổ chức đã nhận bài thu hoạch \"%s\" "
                     "của đồng chí lúc %s%s.\nSố biên nhận: %s\n\nThư này được gửi tự động.\n",
                     course_jstr(c->reg, "full_name"), title, now, c->late ? " (nộp muộn)" : "", c->receipt);
    const char *key = cadre_printf(req, "course-essay-%lld-%s", (long long)c->essay_id, c->receipt);
    if (cadre_outbox_email(req, email, "Xác nhận nộp bài thu hoạch", text, key) < 0)
      return cadre_db_fail(req);
  }
  return 0;
}

/* The board of the participant's province: its province_board agency, else
 * the province itself, else (Academy bridge point without a province) the
 * course's host agency. */
static int find_board(cadre_req *req, json_t *reg, int64_t *board) {
  int64_t province = course_jint(reg, "province_id");
  *board = 0;
  if (province > 0) {
    int got = cadre_db_int(req, board,
                           "SELECT id FROM agency WHERE parent_id = ? AND kind = 'province_board'"
                           " ORDER BY id LIMIT 1",
                           CV_ARGS(CV_INT(province)));
    if (got < 0)
      return -1;
    if (got == 0)
      *board = province;
    return 0;
  }
  *board = course_jint(reg, "host_agency_id");
  return 0;
}

int course_h_public_essay(cadre_req *req) {
  int64_t course = cadre_int(req, "course", 0);
  json_t *reg =
      cadre_db_row(req,
                   "SELECT r.id, r.course_id, r.province_id, r.full_name, r.email,"
                   " c.host_agency_id, c.essay_opens_at, c.essay_due_at, c.essay_cutoff_at,"
                   " e.id AS essay_id, e.status AS essay_status,"
                   " e.board_agency_id AS essay_board"
                   " FROM course_registration r JOIN course_course c ON c.id = r.course_id"
                   " LEFT JOIN course_essay e ON e.registration_id = r.id"
                   " WHERE r.active_cccd = ? AND r.phone = ? AND (? = 0 OR r.course_id = ?)"
                   " ORDER BY c.start_date DESC, r.id DESC LIMIT 1",
                   CV_ARGS(CV_FIELD(req, "cccd"), CV_FIELD(req, "phone"), CV_INT(course), CV_INT(course)));
  if (!reg)
    return cadre_db_errno(req) ? cadre_db_fail(req)
                               : cadre_fail(req, 404, "registration_not_found",
                                            "Không tìm thấy đăng ký với số căn cước công dân "
                                            "và số điện thoại này.");
  const char *body = cadre_str(req, "body");
  if ((!body || !*cadre_tidy(cadre_arena_of(req), body)) && !cadre_file(req, "file")) {
    cadre_field_error(req, "body", "essay_empty", "Nhập nội dung hoặc đính kèm tệp bài thu hoạch.");
    return cadre_fail(req, 422, "essay_empty", "Bài thu hoạch cần có nội dung hoặc tệp đính kèm.");
  }
  struct essay_ctx c = {.reg = reg, .essay_id = course_jint(reg, "essay_id")};
  switch (course_essay_timing_at(course_now(req), course_jdt(reg, "essay_opens_at"),
                                 course_jdt(reg, "essay_due_at"), course_jdt(reg, "essay_cutoff_at"))) {
  case COURSE_ESSAY_NOT_OPEN:
    return cadre_fail(req, 422, "essay_not_open", "Chưa đến thời gian nộp bài thu hoạch (từ %s).",
                      course_jstr(reg, "essay_opens_at"));
  case COURSE_ESSAY_CLOSED:
    return cadre_fail(req, 422, "essay_closed", "Đã hết hạn nhận bài thu hoạch (hạn chót %s).",
                      course_jstr(reg, "essay_cutoff_at"));
  case COURSE_ESSAY_LATE: c.late = true; break;
  case COURSE_ESSAY_ON_TIME: break;
  }
  const char *state = course_jstr(reg, "essay_status");
  if (state) {
    if (!course_essay_next(state, "resubmit"))
      return cadre_fail(req, 409, "essay_already_submitted",
                        "Đồng chí đã nộp bài thu hoạch; mỗi học viên nộp một "
                        "bài.");
    c.resubmit = true;
    c.board_id = course_jint(reg, "essay_board");
  } else if (find_board(req, reg, &c.board_id) < 0) {
    return cadre_db_fail(req);
  }
  memcpy(c.receipt, "BTH-", 4);
  course_random_code(c.receipt + 4, 8);
  int rc = cadre_tx(req, essay_tx, &c);
  if (rc)
    return rc;
  json_t *answer =
      cadre_keep(req, json_pack("{s:b,s:I,s:s,s:b,s:s,s:s}", "ok", 1, "id", (json_int_t)c.essay_id, "receipt",
                                c.receipt, "late", c.late, "status", "submitted", "message",
                                c.late ? "Đã nhận bài thu hoạch (nộp muộn)." : "Đã nhận bài thu hoạch."));
  return cadre_reply_json(req, 201, answer);
}

/* ---- The board's side ---------------------------------------------------- */

static const struct cadre_column ESSAY_COLUMNS[] = {
    {"receipt", "Số biên nhận", CC_TEXT, 14},
    {"full_name", "Họ và tên", CC_TEXT, 26},
    {"position", "Chức vụ", CC_TEXT, 22},
    {"unit_name", "Đơn vị", CC_TEXT, 26},
    {"bridge_point_name", "Điểm cầu", CC_TEXT, 26},
    {"title", "Tên bài", CC_TEXT, 40},
    {"word_count", "Số từ", CC_INT, 8},
    {"submitted_at", "Thời điểm nộp", CC_DATETIME, 18},
    {"late_title", "Đúng hạn", CC_TEXT, 10},
    {"status_title", "Trạng thái", CC_TEXT, 14},
    {"review_comment", "Nhận xét", CC_TEXT, 30},
    {"proposals", "Kiến nghị, đề xuất", CC_TEXT, 60},
};

#define ESSAY_FROM                                                                                           \
  " FROM course_essay e" CADRE_SCOPE_JOIN(                                                                   \
      "e.board_agency_id") " JOIN course_registration r ON r.id = e.registration_id"                         \
                           " JOIN course_bridge_point bp ON bp.id = r.bridge_point_id"                       \
                           " WHERE e.course_id = ? AND (? = '' OR e.status = ?)"                             \
                           " AND (? = -1 OR e.late = ?)"                                                     \
                           " AND (? = 0 OR EXISTS (SELECT 1 FROM agency_closure pc"                          \
                           " WHERE pc.ancestor = ? AND pc.descendant = bp.agency_id))"                       \
                           " AND (? = '' OR r.full_name COLLATE utf8mb4_uca1400_ai_ci LIKE CONCAT('%', ?, "  \
                           "'%') OR e.receipt = ?)"

#define ESSAY_ARGS(req, course, late)                                                                        \
  CV_INT(cadre_scope_root(req)), CV_INT(course), CV_STR(cadre_str0(req, "status")),                          \
      CV_STR(cadre_str0(req, "status")), CV_INT(late), CV_INT(late), CV_INT(cadre_int(req, "parent", 0)),    \
      CV_INT(cadre_int(req, "parent", 0)), CV_STR(cadre_str0(req, "q")), CV_STR(cadre_str0(req, "q")),       \
      CV_STR(cadre_str0(req, "q"))

int course_h_essay_list(cadre_req *req) {
  json_t *course;
  int rc = course_load(req, &course);
  if (rc)
    return rc;
  int64_t course_id = course_jint(course, "id");
  int late = cadre_has(req, "late") ? (cadre_bool(req, "late", false) ? 1 : 0) : -1;
  const char *format = cadre_str(req, "format");
  bool export = format && strcmp(format, "json") != 0;
  int64_t per_page = export ? 100000 : cadre_int(req, "per_page", 50);
  int64_t page = export ? 1 : cadre_int(req, "page", 1);
  json_t *rows = cadre_db_rows(
      req,
      "SELECT e.id, e.receipt, e.title, e.word_count, e.submitted_at, e.late,"
      " IF(e.late, 'Nộp muộn', 'Đúng hạn') AS late_title, e.status,"
      " CASE e.status WHEN 'acknowledged' THEN 'Đã tiếp nhận' WHEN 'returned'"
      " THEN 'Trả lại' ELSE 'Chờ tiếp nhận' END AS status_title,"
      " e.review_comment, e.file_id IS NOT NULL AS has_file, r.full_name,"
      " r.position, r.unit_name, bp.name AS bridge_point_name,"
      " (SELECT GROUP_CONCAT(CONCAT('CĐ', p.topic_no, ': ', p.body)"
      " ORDER BY p.topic_no SEPARATOR ' | ') FROM course_essay_proposal p"
      " WHERE p.essay_id = e.id) AS proposals" ESSAY_FROM
      " ORDER BY e.submitted_at DESC, e.id DESC LIMIT ? OFFSET ?",
      CV_ARGS(ESSAY_ARGS(req, course_id, late), CV_INT(per_page), CV_INT((page - 1) * per_page)));
  if (!rows)
    return cadre_db_fail(req);
  if (export)
    return cadre_reply_table(req, format, "bai-thu-hoach", "Bài thu hoạch của học viên", ESSAY_COLUMNS,
                             sizeof ESSAY_COLUMNS / sizeof *ESSAY_COLUMNS, rows);
  int64_t total = 0;
  if (cadre_db_int(req, &total, "SELECT COUNT(*)" ESSAY_FROM, CV_ARGS(ESSAY_ARGS(req, course_id, late))) < 0)
    return cadre_db_fail(req);
  json_t *body = cadre_json_obj(req);
  json_object_set(body, "items", rows);
  json_object_set_new(body, "total", json_integer(total));
  return cadre_reply_json(req, 200, body);
}

static int essay_in_scope(cadre_req *req, int64_t id, json_t **out) {
  *out = cadre_db_row(req,
                      "SELECT e.*, r.full_name, r.position, r.unit_name, r.email,"
                      " bp.name AS bridge_point_name, a.name AS board_name"
                      " FROM course_essay e JOIN course_registration r ON r.id = e.registration_id"
                      " JOIN course_bridge_point bp ON bp.id = r.bridge_point_id"
                      " JOIN agency a ON a.id = e.board_agency_id WHERE e.id = ?",
                      CV_ARGS(CV_INT(id)));
  if (!*out)
    return cadre_db_errno(req) ? cadre_db_fail(req)
                               : cadre_fail(req, 404, "not_found", "Không tìm thấy bài thu hoạch.");
  return cadre_require_scope(req, course_jint(*out, "board_agency_id"));
}

int course_h_essay_get(cadre_req *req) {
  json_t *e;
  int rc = essay_in_scope(req, cadre_int(req, "id", 0), &e);
  if (rc)
    return rc;
  json_t *proposals = cadre_db_rows(req,
                                    "SELECT p.topic_no, t.title AS topic_title, p.body"
                                    " FROM course_essay_proposal p JOIN course_essay e ON e.id = p.essay_id"
                                    " LEFT JOIN course_topic t ON t.course_id = e.course_id"
                                    " AND t.no = p.topic_no WHERE p.essay_id = ? ORDER BY p.topic_no",
                                    CV_ARGS(CV_INT(course_jint(e, "id"))));
  if (!proposals)
    return cadre_db_fail(req);
  json_object_set(e, "proposals", proposals);
  json_object_del(e, "email");
  return cadre_reply_json(req, 200, e);
}

int course_h_essay_file(cadre_req *req) {
  json_t *e;
  int rc = essay_in_scope(req, cadre_int(req, "id", 0), &e);
  if (rc)
    return rc;
  int64_t file_id = course_jint(e, "file_id");
  if (file_id <= 0)
    return cadre_fail(req, 404, "not_found", "Bài thu hoạch không có tệp.");
  return cadre_reply_file(req, file_id);
}

struct review_ctx {
  json_t *before;
  int64_t id;
  const char *to, *action, *comment;
};

static int review_tx(cadre_req *req, void *vctx) {
  struct review_ctx *c = vctx;
  int64_t n = cadre_db_exec(req,
                            "UPDATE course_essay SET status = ?, review_comment = ?,"
                            " reviewed_by = ?, reviewed_at = ? WHERE id = ? AND status = 'submitted'",
                            CV_ARGS(CV_STR(c->to), CV_STR(c->comment),
                                    CV_INT_IF(cadre_user_id(req) > 0, cadre_user_id(req)),
                                    CV_STR(cadre_now_text(req)), CV_INT(c->id)));
  if (n < 0)
    return cadre_db_fail(req);
  if (n == 0)
    return cadre_fail(req, 409, "essay_state", "Bài thu hoạch vừa được xử lý; hãy tải lại.");
  json_t *after = cadre_keep(req, json_pack("{s:s,s:s?}", "status", c->to, "review_comment", c->comment));
  if (cadre_audit(req, "course.essay", c->id, c->action, c->before, after) < 0)
    return cadre_db_fail(req);
  const char *email = course_jstr(c->before, "email");
  if (email && strcmp(c->to, "returned") == 0) {
    const char *text = cadre_printf(req,
                                    "Kính gửi đồng chí %s,\n\n%s đề nghị đồng chí hoàn thiện và nộp lại "
                                    "bài thu hoạch \"%s\".\nNhận xét: %s\n\nThư này được gửi tự động.\n",
                                    course_jstr(c->before, "full_name"), course_jstr(c->before, "board_name"),
                                    course_jstr(c->before, "title"), c->comment);
    const char *key = cadre_printf(req, "course-essay-return-%lld-%lld", (long long)c->id,
                                   (long long)course_jint(c->before, "submissions"));
    if (cadre_outbox_email(req, email, "Bài thu hoạch được trả lại", text, key) < 0)
      return cadre_db_fail(req);
  }
  return 0;
}

static int review(cadre_req *req, const char *action) {
  struct review_ctx c = {
      .id = cadre_int(req, "id", 0), .action = action, .comment = cadre_str(req, "comment")};
  int rc = essay_in_scope(req, c.id, &c.before);
  if (rc)
    return rc;
  c.to = course_essay_next(course_jstr(c.before, "status"), action);
  if (!c.to)
    return cadre_fail(req, 409, "essay_state",
                      "Không thể thực hiện thao tác này với bài thu hoạch ở "
                      "trạng thái hiện tại.");
  rc = cadre_tx(req, review_tx, &c);
  if (rc)
    return rc;
  json_t *body = cadre_keep(req, json_pack("{s:b,s:I,s:s}", "ok", 1, "id", (json_int_t)c.id, "status", c.to));
  return cadre_reply_json(req, 200, body);
}

int course_h_essay_acknowledge(cadre_req *req) { return review(req, "acknowledge"); }
int course_h_essay_return(cadre_req *req) { return review(req, "return"); }
