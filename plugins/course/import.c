/* Bulk upload of participants by an organiser: a CSV file for one bridge
 * point, in two steps the same route serves:
 *   dry run  → what would happen to each row: add, update, skip (already
 *              here), or the reason it cannot be taken (invalid value,
 *              duplicate within the file, registered at another bridge point)
 *   commit   → all or nothing: refused whole if any row is invalid or in
 *              conflict or the seats do not suffice; otherwise one seat
 *              counter UPDATE, one INSERT … SELECT FROM JSON_TABLE for the
 *              additions and one UPDATE … JOIN JSON_TABLE for the updates.
 * Modes (Moodle's upload tool): add_only (existing rows are skipped) and
 * add_update (existing rows at this bridge point get the file's values). */
#include "course.h"

#include <stdlib.h>
#include <string.h>

enum action { A_INVALID, A_CONFLICT, A_ADD, A_UPDATE, A_SKIP };

static const char *const ACTION_NAME[] = {"invalid", "conflict", "add", "update", "skip"};

struct plan {
  json_t *bp;
  bool update_mode, dry_run;
  struct course_pfile file;
  enum action *actions;
  const char **conflict_msg;
  size_t add, update, skip, conflicts;
  json_t *adds, *updates; /* arrays for JSON_TABLE, owned by the request */
  int64_t import_id;
};

static int classify(cadre_req *req, struct plan *p) {
  cadre_arena *a = cadre_arena_of(req);
  json_t *cccds = cadre_json_arr(req);
  for (size_t i = 0; i < p->file.nrows; i++)
    if (!p->file.rows[i].error_code)
      json_array_append_new(cccds, json_pack("{s:s}", "c", p->file.rows[i].cccd));
  const char *text = cadre_json_text(req, cccds);
  json_t *existing = cadre_db_rows(req,
                                   "SELECT r.cccd, r.bridge_point_id, bp.code, bp.name"
                                   " FROM JSON_TABLE(?, '$[*]' COLUMNS (c VARCHAR(12) CHARACTER SET ascii"
                                   " PATH '$.c')) j JOIN course_registration r ON r.course_id = ?"
                                   " AND r.active_cccd = j.c"
                                   " JOIN course_bridge_point bp ON bp.id = r.bridge_point_id",
                                   CV_ARGS(CV_STR(text), CV_INT(course_jint(p->bp, "course_id"))));
  if (!existing)
    return -1;
  json_t *by_cccd = cadre_json_obj(req);
  size_t k;
  json_t *row;
  json_array_foreach(existing, k, row) json_object_set(by_cccd, course_jstr(row, "cccd"), row);
  p->actions = cadre_arena_calloc(a, p->file.nrows + 1, sizeof *p->actions);
  p->conflict_msg = cadre_arena_calloc(a, p->file.nrows + 1, sizeof(char *));
  int64_t here = course_jint(p->bp, "id");
  for (size_t i = 0; i < p->file.nrows; i++) {
    struct course_prow *r = &p->file.rows[i];
    if (r->error_code) {
      p->actions[i] = A_INVALID;
      continue;
    }
    json_t *ex = json_object_get(by_cccd, r->cccd);
    if (!ex) {
      p->actions[i] = A_ADD;
      p->add++;
    } else if (course_jint(ex, "bridge_point_id") != here) {
      p->actions[i] = A_CONFLICT;
      p->conflicts++;
      p->conflict_msg[i] = cadre_arena_printf(a, "Đã đăng ký tại điểm cầu %s (mã %s).",
                                              course_jstr(ex, "name"), course_jstr(ex, "code"));
    } else if (p->update_mode) {
      p->actions[i] = A_UPDATE;
      p->update++;
    } else {
      p->actions[i] = A_SKIP;
      p->skip++;
    }
  }
  return 0;
}

static json_t *row_json(cadre_req *req, struct plan *p, struct course_prow *r) {
  json_t *o =
      json_pack("{s:s,s:s,s:s,s:s,s:s}", "c", r->cccd, "n", r->full_name, "p", r->position ? r->position : "",
                "u", r->unit_name ? r->unit_name : course_jstr(p->bp, "agency_name"), "ph", r->phone);
  json_object_set_new(o, "k", json_string(r->category));
  if (r->email)
    json_object_set_new(o, "e", json_string(r->email));
  char ticket[11];
  course_random_code(ticket, 10);
  json_object_set_new(o, "t", json_string(ticket));
  return cadre_keep(req, o);
}

static json_t *report(cadre_req *req, struct plan *p) {
  json_t *rows = cadre_json_arr(req);
  for (size_t i = 0; i < p->file.nrows; i++) {
    struct course_prow *r = &p->file.rows[i];
    size_t n = r->cccd ? strlen(r->cccd) : 0;
    json_t *o = json_pack("{s:I,s:s?,s:s,s:s}", "line", (json_int_t)r->line, "full_name", r->full_name,
                          "cccd", n >= 4 ? cadre_printf(req, "********%s", r->cccd + n - 4) : "", "action",
                          ACTION_NAME[p->actions[i]]);
    if (p->actions[i] == A_INVALID) {
      json_object_set_new(o, "error", json_string(r->error_code));
      json_object_set_new(o, "message", json_string(r->error_message));
    } else if (p->actions[i] == A_CONFLICT) {
      json_object_set_new(o, "error", json_string("registered_elsewhere"));
      json_object_set_new(o, "message", json_string(p->conflict_msg[i]));
    }
    json_array_append_new(rows, o);
  }
  int64_t left = course_jint(p->bp, "seats") - course_jint(p->bp, "registered");
  return cadre_keep(req, json_pack("{s:b,s:s,s:I,s:I,s:I,s:I,s:I,s:I,s:I,s:I,s:I,s:O}", "dry_run", p->dry_run,
                                   "mode", p->update_mode ? "add_update" : "add_only", "total",
                                   (json_int_t)p->file.nrows, "invalid", (json_int_t)p->file.ninvalid,
                                   "duplicates_in_file", (json_int_t)p->file.nduplicates, "conflicts",
                                   (json_int_t)p->conflicts, "to_add", (json_int_t)p->add, "to_update",
                                   (json_int_t)p->update, "to_skip", (json_int_t)p->skip, "seats_left",
                                   (json_int_t)left, "import_id", (json_int_t)p->import_id, "rows", rows));
}

static int import_tx(cadre_req *req, void *vctx) {
  struct plan *p = vctx;
  int64_t bp_id = course_jint(p->bp, "id");
  int64_t course_id = course_jint(p->bp, "course_id");
  const char *now = cadre_now_text(req);
  if (p->add > 0) {
    int64_t took = cadre_db_exec(req,
                                 "UPDATE course_bridge_point SET registered = registered + ?"
                                 " WHERE id = ? AND status = 'approved' AND registered + ? <= seats",
                                 CV_ARGS(CV_INT(p->add), CV_INT(bp_id), CV_INT(p->add)));
    if (took < 0)
      return cadre_db_fail(req);
    if (took == 0)
      return cadre_fail(req, 422, "bridge_point_full",
                        "Điểm cầu không đủ chỗ cho %zu người mới; không nhập "
                        "dòng nào.",
                        p->add);
    char *text = json_dumps(p->adds, JSON_COMPACT);
    int64_t n = cadre_db_exec(
        req,
        "INSERT INTO course_registration (course_id, bridge_point_id,"
        " province_id, cccd, full_name, position, unit_name, phone, email,"
        " category, source, ticket, created_by, created_at, updated_at)"
        " SELECT ?, ?, ?, j.c, j.n, j.p, j.u, j.ph, j.e, j.k, 'import', j.t,"
        " ?, ?, ? FROM JSON_TABLE(?, '$[*]' COLUMNS ("
        " c VARCHAR(12) CHARACTER SET ascii PATH '$.c', n VARCHAR(200) PATH '$.n',"
        " p VARCHAR(200) PATH '$.p', u VARCHAR(255) PATH '$.u',"
        " ph VARCHAR(20) PATH '$.ph', e VARCHAR(254) PATH '$.e',"
        " k VARCHAR(20) PATH '$.k', t VARCHAR(10) PATH '$.t')) j",
        CV_ARGS(CV_INT(course_id), CV_INT(bp_id),
                CV_INT_IF(course_jint(p->bp, "province_id") > 0, course_jint(p->bp, "province_id")),
                CV_INT_IF(cadre_user_id(req) > 0, cadre_user_id(req)), CV_STR(now), CV_STR(now),
                CV_STR(text)));
    free(text);
    if (n < 0) {
      if (cadre_db_is_duplicate(req))
        return cadre_fail(req, 409, "import_conflict",
                          "Một số người trong tệp vừa được đăng ký ở nơi khác; "
                          "hãy chạy thử lại để xem chi tiết. Không nhập dòng "
                          "nào.");
      return cadre_db_fail(req);
    }
  }
  if (p->update > 0) {
    char *text = json_dumps(p->updates, JSON_COMPACT);
    int64_t n = cadre_db_exec(req,
                              "UPDATE course_registration r JOIN JSON_TABLE(?, '$[*]' COLUMNS ("
                              " c VARCHAR(12) CHARACTER SET ascii PATH '$.c', n VARCHAR(200) PATH '$.n',"
                              " p VARCHAR(200) PATH '$.p', u VARCHAR(255) PATH '$.u',"
                              " ph VARCHAR(20) PATH '$.ph', e VARCHAR(254) PATH '$.e',"
                              " k VARCHAR(20) PATH '$.k')) j ON r.course_id = ?"
                              " AND r.active_cccd = j.c AND r.bridge_point_id = ?"
                              " SET r.full_name = j.n, r.position = IF(j.p = '', r.position, j.p),"
                              " r.unit_name = j.u, r.phone = j.ph, r.email = COALESCE(j.e, r.email),"
                              " r.category = j.k, r.version = r.version + 1",
                              CV_ARGS(CV_STR(text), CV_INT(course_id), CV_INT(bp_id)));
    free(text);
    if (n < 0)
      return cadre_db_fail(req);
  }
  if (cadre_db_exec(req,
                    "INSERT INTO course_import (course_id, bridge_point_id,"
                    " mode, filename, total_rows, added, updated, skipped,"
                    " created_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    CV_ARGS(CV_INT(course_id), CV_INT(bp_id),
                            CV_STR(p->update_mode ? "add_update" : "add_only"),
                            CV_STR(cadre_file(req, "file")->filename), CV_INT(p->file.nrows), CV_INT(p->add),
                            CV_INT(p->update), CV_INT(p->skip),
                            CV_INT_IF(cadre_user_id(req) > 0, cadre_user_id(req)))) < 0)
    return cadre_db_fail(req);
  p->import_id = cadre_db_last_id(req);
  json_t *after = cadre_keep(req, json_pack("{s:I,s:I,s:I,s:I,s:O}", "bridge_point_id", (json_int_t)bp_id,
                                            "added", (json_int_t)p->add, "updated", (json_int_t)p->update,
                                            "skipped", (json_int_t)p->skip, "rows", p->adds));
  if (cadre_audit(req, "course.import", p->import_id, "import", NULL, after) < 0)
    return cadre_db_fail(req);
  return 0;
}

int course_h_participant_import(cadre_req *req) {
  struct plan p = {.update_mode = strcmp(cadre_str0(req, "mode"), "add_update") == 0,
                   .dry_run = cadre_bool(req, "dry_run", false)};
  int rc = course_bp_in_scope(req, cadre_int(req, "bridge_point_id", 0), &p.bp);
  if (rc)
    return rc;
  const cadre_upload *up = cadre_file(req, "file");
  if (course_parse_participants(cadre_arena_of(req), (const char *)up->data, up->size, &p.file) < 0) {
    cadre_field_error(req, "file", p.file.error_code, "%s", p.file.error_message);
    return cadre_fail(req, 422, p.file.error_code, "%s", p.file.error_message);
  }
  if (classify(req, &p) < 0)
    return cadre_db_fail(req);
  if (p.dry_run)
    return cadre_reply_json(req, 200, report(req, &p));
  if (strcmp(course_jstr(p.bp, "status"), "approved") != 0)
    return cadre_fail(req, 422, "bridge_point_not_approved", "Điểm cầu chưa được duyệt, chưa nhận đăng ký.");
  if (course_now(req) > course_jdt(p.bp, "course_closes_at"))
    return cadre_fail(req, 422, "registration_closed", "Lớp đã bế giảng, không thể đăng ký thêm.");
  if (p.file.ninvalid > 0 || p.conflicts > 0) {
    json_t *body = report(req, &p);
    json_object_set_new(body, "error", json_string("import_invalid"));
    json_object_set_new(body, "message",
                        json_string(cadre_printf(req,
                                                 "Tệp có %zu dòng không hợp lệ hoặc trùng và "
                                                 "%zu người đã đăng ký ở điểm cầu khác; không "
                                                 "nhập dòng nào. Hãy sửa tệp rồi gửi lại.",
                                                 p.file.ninvalid, p.conflicts)));
    return cadre_reply_json(req, 422, body);
  }
  p.adds = cadre_json_arr(req);
  p.updates = cadre_json_arr(req);
  for (size_t i = 0; i < p.file.nrows; i++) {
    if (p.actions[i] == A_ADD)
      json_array_append(p.adds, row_json(req, &p, &p.file.rows[i]));
    else if (p.actions[i] == A_UPDATE)
      json_array_append(p.updates, row_json(req, &p, &p.file.rows[i]));
  }
  rc = cadre_tx(req, import_tx, &p);
  if (rc)
    return rc;
  return cadre_reply_json(req, 200, report(req, &p));
}
