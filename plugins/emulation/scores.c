/*
 * Scoring: each school scores itself on its sheet (self), another school of
 * the cluster verifies it (cross-check, kiểm tra chéo). A score above the
 * criterion's maximum, a criterion of another sheet or a cross-check of one's
 * own school is refused before anything is written. Every value given is
 * kept in emulation_score_history with the scorer, so a re-score never
 * erases the score it replaces.
 */
#include "emulation.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- the scored school and its cards ------------------------------------------------- */

struct card_ctx {
  struct em_year y;
  struct em_actor a;
  struct em_cluster c;
  enum em_viewer viewer;
  int64_t school;  /* the school scored */
  json_t *member;  /* name, code, kind, cross_checker_school_id */
  int64_t checker; /* its assigned cross-checker, 0 if none */
  int64_t sheet_id;
  json_t *self_card, *cross_card; /* NULL until created */
};

#define CARD_SELECT                                                                                          \
  "SELECT card.id, card.role, card.state, card.scorer_school_id, card.submitted_at, "                        \
  " card.sheet_id, a.name AS scorer_name FROM emulation_scorecard card "                                     \
  "JOIN agency a ON a.id = card.scorer_school_id "

static int cards_load(cadre_req *req, struct card_ctx *x) {
  json_t *cards = cadre_db_rows(req, CARD_SELECT "WHERE card.year_id = ? AND card.school_id = ?",
                                CV_ARGS(CV_INT(x->y.id), CV_INT(x->school)));
  if (!cards)
    return cadre_db_fail(req);
  x->self_card = x->cross_card = NULL;
  size_t i;
  json_t *c;
  json_array_foreach(cards, i, c) {
    if (strcmp(cadre_jstr(c, "role"), "self") == 0)
      x->self_card = c;
    else
      x->cross_card = c;
  }
  return 0;
}

/* Loads everything about `school` in `year` as the caller sees it; 404 when
 * the caller may not see its cluster at all. */
static int card_ctx_load(cadre_req *req, struct card_ctx *x, int year, int64_t school) {
  memset(x, 0, sizeof *x);
  int rc = em_year_load(req, year, &x->y);
  if (rc)
    return rc;
  if (em_actor_load(req, x->y.id, &x->a) < 0)
    return cadre_db_fail(req);
  x->school = school;
  x->member = cadre_db_row(
      req,
      "SELECT m.cluster_id, m.cross_checker_school_id, a.name, a.code, a.kind, sh.id AS sheet_id "
      "FROM emulation_member m JOIN agency a ON a.id = m.school_id "
      "LEFT JOIN emulation_sheet sh ON sh.year_id = m.year_id AND sh.school_kind = a.kind "
      "WHERE m.year_id = ? AND m.school_id = ?",
      CV_ARGS(CV_INT(x->y.id), CV_INT(school)));
  if (!x->member)
    return cadre_db_errno(req)
               ? cadre_db_fail(req)
               : cadre_fail(req, 404, "not_found", "Trường không thuộc cụm thi đua nào năm %d.", year);
  if ((rc = em_cluster_load(req, cadre_jint(x->member, "cluster_id", 0), &x->c)) ||
      (rc = em_cluster_viewer(req, &x->a, &x->c, &x->viewer)))
    return rc;
  x->checker = cadre_jint(x->member, "cross_checker_school_id", 0);
  x->sheet_id = cadre_jint(x->member, "sheet_id", 0);
  return cards_load(req, x);
}

static bool card_submitted(json_t *card) {
  return card && strcmp(cadre_jstr(card, "state"), "submitted") == 0;
}

static bool visible(struct card_ctx *x, bool cross) {
  struct em_card_view v = {
      .viewer = x->viewer,
      .viewer_is_scored = x->a.school == x->school,
      .viewer_is_checker = x->checker && x->a.school == x->checker,
      .cross = cross,
      .self_submitted = card_submitted(x->self_card),
      .finalized = x->c.finalized,
  };
  return em_card_visible(&v);
}

/* criterion_id → points (hundredths) and note of one card. */
static json_t *points_of(cadre_req *req, json_t *card) {
  if (!card)
    return cadre_json_arr(req);
  return cadre_db_rows(req,
                       "SELECT criterion_id, CAST(ROUND(points * 100) AS SIGNED) AS points_h, "
                       " note, updated_at FROM emulation_score WHERE scorecard_id = ?",
                       CV_ARGS(CV_INT(cadre_jint(card, "id", 0))));
}

static json_t *find_points(json_t *points, int64_t criterion_id) {
  size_t i;
  json_t *p;
  json_array_foreach(points, i, p) if (cadre_jint(p, "criterion_id", 0) == criterion_id) return p;
  return NULL;
}

/* ---- reading a card ---------------------------------------------------------------------- */

static int fail_hidden(cadre_req *req) {
  return cadre_fail(req, 403, "scores_hidden",
                    "Điểm chấm của trường khác và điểm kiểm tra chéo chỉ được công bố sau khi "
                    "Cụm hoàn tất bảng tổng hợp điểm.");
}

/* Annotates each criterion with the card's points (and, for a checker, the
 * self-score beside it with the gap verdict) and fills lines[] for totals.
 * In a cross view the card's own points sit in the `cross` slot. */
static void annotate_criteria(cadre_req *req, const struct card_ctx *x, json_t *criteria, json_t *mine,
                              json_t *self_points, bool cross, struct em_line *lines) {
  size_t i;
  json_t *cr;
  json_array_foreach(criteria, i, cr) {
    struct em_line *l = &lines[i];
    em_crit_kind_parse(cadre_jstr(cr, "kind"), &l->kind);
    l->max = cadre_jint(cr, "max_h", 0);
    json_t *p = find_points(mine, cadre_jint(cr, "id", 0));
    em_set(cr, "points", p ? em_pts_json(req, cadre_jint(p, "points_h", 0)) : NULL);
    if (p) {
      *(cross ? &l->has_cross : &l->has_self) = true;
      *(cross ? &l->cross : &l->self) = cadre_jint(p, "points_h", 0);
      em_set(cr, "note", cadre_jstr(p, "note") ? json_string(cadre_jstr(p, "note")) : NULL);
    }
    json_t *sp = self_points ? find_points(self_points, cadre_jint(cr, "id", 0)) : NULL;
    if (sp) {
      l->has_self = true;
      l->self = cadre_jint(sp, "points_h", 0);
      em_set(cr, "self_points", em_pts_json(req, l->self));
      em_set(cr, "gap_large", json_boolean(em_gap_large(l, x->y.gap_pct)));
    }
  }
}

/* Whether the caller may still change this card today. */
static bool card_editable(cadre_req *req, struct card_ctx *x, json_t *card, bool cross) {
  if (cross)
    return x->checker && x->a.school == x->checker && !x->c.finalized && !card_submitted(card) &&
           card_submitted(x->self_card);
  return x->a.school == x->school && !card_submitted(card) &&
         em_school_evaluated(req, &x->y, x->c.id, x->school) != EM_EVAL_NO &&
         em_kind_editable_now(req, &x->y, EM_KIND_SCORE_SHEET, x->c.id, x->school);
}

int em_h_scorecard_get(cadre_req *req) {
  struct card_ctx x;
  int rc = card_ctx_load(req, &x, (int)cadre_int(req, "year", 0), cadre_int(req, "school", 0));
  if (rc)
    return rc;
  bool cross = strcmp(cadre_str(req, "role") ? cadre_str(req, "role") : "self", "cross") == 0;
  if (!visible(&x, cross))
    return fail_hidden(req);
  if (!x.sheet_id)
    return cadre_fail(req, 409, "no_sheet", "Năm thi đua chưa có phiếu chấm điểm cho loại trường này.");
  json_t *card = cross ? x.cross_card : x.self_card;
  bool show_self = cross && visible(&x, false);
  json_t *criteria = em_criteria(req, x.sheet_id);
  json_t *mine = points_of(req, card);
  json_t *self_points = show_self ? points_of(req, x.self_card) : NULL;
  json_t *sheet = cadre_db_row(req, "SELECT id, form, title, is_sample FROM emulation_sheet WHERE id = ?",
                               CV_ARGS(CV_INT(x.sheet_id)));
  if (!criteria || !mine || (show_self && !self_points) || !sheet)
    return cadre_db_fail(req);
  size_t n = json_array_size(criteria);
  struct em_line *lines = cadre_arena_calloc(cadre_arena_of(req), n + 1, sizeof *lines);
  annotate_criteria(req, &x, criteria, mine, self_points, cross, lines);

  json_t *out = cadre_json_obj(req);
  em_set(out, "year", json_integer(x.y.year));
  em_set(out, "school",
         json_pack("{s:I, s:s, s:s, s:s}", "id", (json_int_t)x.school, "name", cadre_jstr(x.member, "name"),
                   "code", cadre_jstr(x.member, "code"), "kind", cadre_jstr(x.member, "kind")));
  em_set(out, "cluster",
         json_pack("{s:I, s:s}", "id", (json_int_t)x.c.id, "name", cadre_jstr(x.c.row, "name")));
  em_set(out, "role", json_string(cross ? "cross" : "self"));
  em_set(out, "sheet", json_incref(sheet));
  em_set(out, "card", card ? json_incref(card) : NULL);
  em_set(out, "criteria", json_incref(criteria));
  em_set(out, "total", em_pts_json(req, em_total(lines, n, cross)));
  if (show_self) {
    em_pts st = em_total(lines, n, false), ct = em_total(lines, n, true);
    em_set(out, "self_total", em_pts_json(req, st));
    em_set(out, "total_gap_large", json_boolean(card && em_total_gap_large(st, ct, x.y.gap_total)));
  }
  em_set(out, "finalized", json_boolean(x.c.finalized));
  em_set(out, "checker_school_id", x.checker ? json_integer(x.checker) : NULL);
  em_set(out, "self_submitted", json_boolean(card_submitted(x.self_card)));
  em_set(out, "editable", json_boolean(card_editable(req, &x, card, cross)));
  return cadre_reply_json(req, 200, out);
}

/* ---- scoring ------------------------------------------------------------------------------ */

struct entry {
  int64_t criterion;
  const char *code;
  em_pts points;
  const char *note;
};

struct score_put {
  struct card_ctx x;
  bool cross;
  struct entry *entries;
  size_t n;
  int64_t card_id;
  int changed;
};

/* Validates every entry against the sheet before anything is written. */
static int read_entries(cadre_req *req, struct score_put *s) {
  json_t *scores = cadre_json_field(req, "scores");
  if (!json_is_array(scores) || json_array_size(scores) == 0 || json_array_size(scores) > 200)
    return cadre_fail(req, 422, "invalid_scores", "Điểm gửi lên là danh sách các tiêu chí với điểm chấm.");
  json_t *criteria = em_criteria(req, s->x.sheet_id);
  if (!criteria)
    return cadre_db_fail(req);
  s->n = json_array_size(scores);
  s->entries = cadre_arena_calloc(cadre_arena_of(req), s->n, sizeof *s->entries);
  const char *first_code = NULL, *first_msg = NULL;
  size_t i;
  json_t *e;
  json_array_foreach(scores, i, e) {
    const char *field = cadre_printf(req, "scores[%zu]", i);
    json_t *cid = json_object_get(e, "criterion"), *pv = json_object_get(e, "points");
    json_t *nv = json_object_get(e, "note");
    json_t *cr = NULL;
    size_t j;
    json_t *c;
    json_array_foreach(criteria, j, c) if (json_is_integer(cid) &&
                                           cadre_jint(c, "id", 0) == json_integer_value(cid)) cr = c;
    char num[32];
    const char *ptext = json_is_string(pv) ? json_string_value(pv) : NULL;
    if (json_is_number(pv)) {
      snprintf(num, sizeof num, "%.6g", json_number_value(pv));
      ptext = num;
    }
    struct entry *en = &s->entries[i];
    const char *code = NULL, *msg = NULL;
    if (!cr) {
      code = "criterion_not_in_sheet";
      msg = "Tiêu chí không thuộc phiếu chấm điểm của trường.";
    } else if (!ptext || !em_pts_parse(ptext, &en->points)) {
      code = "invalid_points";
      msg = cadre_printf(req, "Điểm tiêu chí %s phải là số không âm, tối đa hai chữ số thập phân.",
                         cadre_jstr(cr, "code"));
    } else if (en->points > cadre_jint(cr, "max_h", 0)) {
      char given[24];
      em_pts_format(en->points, given, sizeof given);
      code = "score_above_max";
      msg = cadre_printf(req, "Điểm %s của tiêu chí %s vượt điểm tối đa %s.", given, cadre_jstr(cr, "code"),
                         cadre_jstr(cr, "max_points"));
    } else if (nv && !json_is_null(nv) && (!json_is_string(nv) || strlen(json_string_value(nv)) > 1000)) {
      code = "invalid_note";
      msg = "Ghi chú là văn bản, tối đa 1000 ký tự.";
    }
    if (code) {
      cadre_field_error(req, field, code, "%s", msg);
      if (!first_code) {
        first_code = code;
        first_msg = msg;
      }
      continue;
    }
    en->criterion = cadre_jint(cr, "id", 0);
    en->code = cadre_jstr(cr, "code");
    en->note = json_is_string(nv) ? json_string_value(nv) : NULL;
  }
  if (first_code)
    return cadre_fail(req, 422, first_code, "%s", first_msg);
  return 0;
}

static int lock_cluster_open(cadre_req *req, struct card_ctx *x) {
  const char *state = cadre_db_str(req, "SELECT state FROM emulation_cluster WHERE id = ? FOR UPDATE",
                                   CV_ARGS(CV_INT(x->c.id)));
  if (!state)
    return cadre_db_fail(req);
  if (strcmp(state, "finalized") == 0)
    return cadre_fail(req, 409, "cluster_finalized",
                      "Cụm đã hoàn tất bảng tổng hợp điểm; không thể chấm lại.");
  return 0;
}

/* Creates the card if needed and locks it. */
static int card_ensure(cadre_req *req, struct score_put *s) {
  int64_t scorer = s->cross ? s->x.a.school : s->x.school;
  if (cadre_db_exec(req,
                    "INSERT INTO emulation_scorecard (year_id, cluster_id, school_id, role, "
                    " scorer_school_id, sheet_id) VALUES (?, ?, ?, ?, ?, ?) "
                    "ON DUPLICATE KEY UPDATE id = LAST_INSERT_ID(id)",
                    CV_ARGS(CV_INT(s->x.y.id), CV_INT(s->x.c.id), CV_INT(s->x.school),
                            CV_STR(s->cross ? "cross" : "self"), CV_INT(scorer), CV_INT(s->x.sheet_id))) < 0)
    return em_db_conflict(req, NULL, NULL, NULL, NULL);
  s->card_id = cadre_db_last_id(req);
  json_t *card = cadre_db_row(req,
                              "SELECT state, scorer_school_id FROM emulation_scorecard "
                              "WHERE id = ? FOR UPDATE",
                              CV_ARGS(CV_INT(s->card_id)));
  if (!card)
    return cadre_db_fail(req);
  if (cadre_jint(card, "scorer_school_id", 0) != scorer)
    return cadre_fail(req, 409, "cross_check_reassigned",
                      "Việc kiểm tra chéo trường này đã được giao cho trường khác.");
  if (s->cross && strcmp(cadre_jstr(card, "state"), "submitted") == 0)
    return cadre_fail(req, 409, "cross_check_submitted",
                      "Kết quả kiểm tra chéo đã gửi; Cụm trưởng mở lại nếu cần chấm lại.");
  return 0;
}

static int write_entry(cadre_req *req, struct score_put *s, struct entry *e, json_t *before, json_t *after) {
  json_t *cur = cadre_db_row(req,
                             "SELECT CAST(ROUND(points * 100) AS SIGNED) AS points_h, note "
                             "FROM emulation_score WHERE scorecard_id = ? AND criterion_id = ? "
                             "FOR UPDATE",
                             CV_ARGS(CV_INT(s->card_id), CV_INT(e->criterion)));
  if (!cur && cadre_db_errno(req))
    return cadre_db_fail(req);
  const char *old_note = cur ? cadre_jstr(cur, "note") : NULL;
  bool same_note = (!old_note && !e->note) || (old_note && e->note && !strcmp(old_note, e->note));
  if (cur && cadre_jint(cur, "points_h", 0) == e->points && same_note)
    return 0; /* nothing new: no history row */
  char pts[24], prev[24];
  em_pts_format(e->points, pts, sizeof pts);
  if (cur)
    em_pts_format(cadre_jint(cur, "points_h", 0), prev, sizeof prev);
  if (cadre_db_exec(req,
                    "INSERT INTO emulation_score (scorecard_id, criterion_id, points, note, "
                    " scored_by) VALUES (?, ?, ?, ?, ?) "
                    "ON DUPLICATE KEY UPDATE points = VALUES(points), note = VALUES(note), "
                    " scored_by = VALUES(scored_by)",
                    CV_ARGS(CV_INT(s->card_id), CV_INT(e->criterion), CV_STR(pts), CV_STR(e->note),
                            EM_USER(req))) < 0 ||
      cadre_db_exec(req,
                    "INSERT INTO emulation_score_history (scorecard_id, criterion_id, points, "
                    " previous_points, note, scorer_school_id, scored_by, scored_by_login, at) "
                    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    CV_ARGS(CV_INT(s->card_id), CV_INT(e->criterion), CV_STR(pts), CV_STR(cur ? prev : NULL),
                            CV_STR(e->note), CV_INT(s->cross ? s->x.a.school : s->x.school), EM_USER(req),
                            CV_STR(cadre_user_login(req)), CV_STR(cadre_now_text(req)))) < 0)
    return cadre_db_fail(req);
  if (cur)
    json_object_set_new(before, e->code, json_string(prev));
  json_object_set_new(after, e->code, json_string(pts));
  s->changed++;
  return 0;
}

static int score_put_tx(cadre_req *req, void *p) {
  struct score_put *s = p;
  int rc;
  s->changed = 0;
  if (s->cross) {
    if ((rc = lock_cluster_open(req, &s->x)))
      return rc;
    if ((rc = cards_load(req, &s->x)))
      return rc;
    if (!card_submitted(s->x.self_card))
      return cadre_fail(req, 409, "self_score_not_submitted",
                        "Trường được kiểm tra chưa gửi phiếu tự chấm điểm.");
  } else {
    if (em_school_evaluated(req, &s->x.y, s->x.c.id, s->x.school) == EM_EVAL_NO)
      return cadre_fail(req, 422, "school_not_evaluated",
                        "Trường không gửi Kế hoạch và đăng ký thi đua (Mẫu số 01) đúng hạn nên "
                        "không được bình xét thi đua năm %d.",
                        s->x.y.year);
    if ((rc = em_lock_editable(req, &s->x.y, EM_KIND_SCORE_SHEET, s->x.c.id, s->x.school)))
      return rc;
  }
  if ((rc = card_ensure(req, s)))
    return rc;
  json_t *before = json_object(), *after = json_object();
  cadre_keep(req, before);
  cadre_keep(req, after);
  for (size_t i = 0; i < s->n; i++)
    if ((rc = write_entry(req, s, &s->entries[i], before, after)))
      return rc;
  if (s->changed && cadre_audit(req, "emulation.scorecard", s->card_id,
                                s->cross ? "cross_score" : "self_score", before, after) < 0)
    return cadre_db_fail(req);
  return 0;
}

int em_h_scorecard_put(cadre_req *req) {
  struct score_put s;
  memset(&s, 0, sizeof s);
  int rc = card_ctx_load(req, &s.x, (int)cadre_int(req, "year", 0), cadre_int(req, "school", 0));
  if (rc)
    return rc;
  s.cross = strcmp(cadre_str0(req, "role"), "cross") == 0;
  if (!s.x.a.school || s.x.a.cluster != s.x.c.id)
    return cadre_fail(req, 403, "not_a_member", "Chỉ trường thành viên của cụm được chấm điểm trong cụm.");
  if (s.cross) {
    if (s.x.school == s.x.a.school)
      return cadre_fail(req, 422, "cross_check_own_school", "Trường không được kiểm tra chéo chính mình.");
    if (s.x.checker != s.x.a.school)
      return cadre_fail(req, 403, "cross_check_not_assigned",
                        "Trường của bạn không được phân công kiểm tra chéo trường này.");
  } else if (s.x.school != s.x.a.school) {
    return cadre_fail(req, 403, "not_your_school", "Chỉ trường được chấm mới tự chấm điểm.");
  }
  if (!s.x.sheet_id)
    return cadre_fail(req, 409, "no_sheet", "Năm thi đua chưa có phiếu chấm điểm cho loại trường này.");
  if ((rc = read_entries(req, &s)) || (rc = cadre_tx(req, score_put_tx, &s)))
    return rc;
  json_t *out = cadre_json_obj(req);
  em_set(out, "ok", json_true());
  em_set(out, "scorecard_id", json_integer(s.card_id));
  em_set(out, "changed", json_integer(s.changed));
  return cadre_reply_json(req, 200, out);
}

/* ---- the cross-check's life: submit, reopen ------------------------------------------------- */

static int cross_submit_tx(cadre_req *req, void *p) {
  struct card_ctx *x = p;
  int rc = lock_cluster_open(req, x);
  if (rc || (rc = cards_load(req, x)))
    return rc;
  if (!x->cross_card || cadre_jint(x->cross_card, "scorer_school_id", 0) != x->a.school)
    return cadre_fail(req, 422, "score_incomplete", "Chưa chấm điểm kiểm tra chéo.");
  if (card_submitted(x->cross_card))
    return cadre_fail(req, 409, "cross_check_submitted", "Kết quả kiểm tra chéo đã gửi.");
  json_t *count = cadre_db_row(req,
                               "SELECT COUNT(cr.id) AS total, COUNT(sc.criterion_id) AS scored "
                               "FROM emulation_criterion cr LEFT JOIN emulation_score sc "
                               " ON sc.criterion_id = cr.id AND sc.scorecard_id = ? "
                               "WHERE cr.sheet_id = ? AND cr.kind = 'score'",
                               CV_ARGS(CV_INT(cadre_jint(x->cross_card, "id", 0)), CV_INT(x->sheet_id)));
  if (!count)
    return cadre_db_fail(req);
  int64_t left = cadre_jint(count, "total", 0) - cadre_jint(count, "scored", 0);
  if (left > 0)
    return cadre_fail(req, 422, "score_incomplete", "Còn %lld tiêu chí chưa chấm điểm kiểm tra chéo.",
                      (long long)left);
  int64_t id = cadre_jint(x->cross_card, "id", 0);
  if (cadre_db_exec(req,
                    "UPDATE emulation_scorecard SET state = 'submitted', submitted_at = ?, "
                    " submitted_by = ? WHERE id = ?",
                    CV_ARGS(CV_STR(cadre_now_text(req)), EM_USER(req), CV_INT(id))) < 0)
    return cadre_db_fail(req);
  json_t *after = json_pack("{s:s}", "state", "submitted");
  rc = cadre_audit(req, "emulation.scorecard", id, "submit_cross", x->cross_card, after);
  json_decref(after);
  return rc < 0 ? cadre_db_fail(req) : 0;
}

int em_h_cross_submit(cadre_req *req) {
  struct card_ctx x;
  int rc = card_ctx_load(req, &x, (int)cadre_int(req, "year", 0), cadre_int(req, "school", 0));
  if (rc)
    return rc;
  if (x.school == x.a.school)
    return cadre_fail(req, 422, "cross_check_own_school", "Trường không được kiểm tra chéo chính mình.");
  if (!x.checker || x.checker != x.a.school)
    return cadre_fail(req, 403, "cross_check_not_assigned",
                      "Trường của bạn không được phân công kiểm tra chéo trường này.");
  rc = cadre_tx(req, cross_submit_tx, &x);
  return rc ? rc : cadre_reply_ok(req, x.school);
}

static int cross_reopen_tx(cadre_req *req, void *p) {
  struct card_ctx *x = p;
  int rc = lock_cluster_open(req, x);
  if (rc || (rc = cards_load(req, x)))
    return rc;
  if (!card_submitted(x->cross_card))
    return cadre_fail(req, 409, "cross_check_not_submitted", "Kết quả kiểm tra chéo chưa gửi.");
  int64_t id = cadre_jint(x->cross_card, "id", 0);
  if (cadre_db_exec(req, "UPDATE emulation_scorecard SET state = 'draft' WHERE id = ?", CV_ARGS(CV_INT(id))) <
      0)
    return cadre_db_fail(req);
  json_t *after = json_pack("{s:s, s:s}", "state", "draft", "reason", cadre_str0(req, "reason"));
  rc = cadre_audit(req, "emulation.scorecard", id, "reopen_cross", x->cross_card, after);
  json_decref(after);
  if (rc < 0)
    return cadre_db_fail(req);
  const char *subject =
      cadre_printf(req, "[Thi đua %d] Kiểm tra chéo %s: chấm lại", x->y.year, cadre_jstr(x->member, "name"));
  const char *body = cadre_printf(req,
                                  "Cụm trưởng đề nghị chấm lại kết quả kiểm tra chéo %s.\n"
                                  "Lý do: %s\n",
                                  cadre_jstr(x->member, "name"), cadre_str0(req, "reason"));
  if (em_notify_school(
          req, cadre_jint(x->cross_card, "scorer_school_id", 0), subject, body,
          cadre_printf(req, "emulation:reopen-cross:%lld:%s", (long long)id, cadre_now_text(req))) < 0)
    return cadre_db_fail(req);
  return 0;
}

int em_h_cross_reopen(cadre_req *req) {
  struct card_ctx x;
  int rc = card_ctx_load(req, &x, (int)cadre_int(req, "year", 0), cadre_int(req, "school", 0));
  if (rc || (rc = em_require_head(req, &x.a, &x.c)))
    return rc;
  rc = cadre_tx(req, cross_reopen_tx, &x);
  return rc ? rc : cadre_reply_ok(req, x.school);
}

/* ---- who cross-checks whom -------------------------------------------------------------------- */

struct assign_ctx {
  struct em_cluster *c;
  int assigned, kept;
};

/* One assignment; 0, or the answered status. A cross-check already scored
 * stays with the school that scored it. */
static int assign_one(cadre_req *req, struct assign_ctx *x, int64_t school, int64_t checker, bool strict) {
  if (school == checker)
    return cadre_fail(req, 422, "cross_check_own_school", "Trường không được kiểm tra chéo chính mình.");
  json_t *started =
      cadre_db_row(req,
                   "SELECT card.id, card.scorer_school_id, COUNT(sc.criterion_id) AS scored "
                   "FROM emulation_scorecard card LEFT JOIN emulation_score sc ON sc.scorecard_id = card.id "
                   "WHERE card.cluster_id = ? AND card.school_id = ? AND card.role = 'cross' "
                   "GROUP BY card.id, card.scorer_school_id",
                   CV_ARGS(CV_INT(x->c->id), CV_INT(school)));
  if (!started && cadre_db_errno(req))
    return cadre_db_fail(req);
  if (started && cadre_jint(started, "scored", 0) > 0 &&
      cadre_jint(started, "scorer_school_id", 0) != checker) {
    if (!strict) {
      x->kept++;
      return 0;
    }
    return cadre_fail(req, 409, "cross_check_started",
                      "Trường kiểm tra chéo đã bắt đầu chấm; không thể giao cho trường khác.");
  }
  json_t *before = cadre_db_row(req,
                                "SELECT cross_checker_school_id FROM emulation_member "
                                "WHERE cluster_id = ? AND school_id = ?",
                                CV_ARGS(CV_INT(x->c->id), CV_INT(school)));
  int64_t n = cadre_db_exec(req,
                            "UPDATE emulation_member SET cross_checker_school_id = ? "
                            "WHERE cluster_id = ? AND school_id = ?",
                            CV_ARGS(CV_INT(checker), CV_INT(x->c->id), CV_INT(school)));
  if (n < 0)
    return em_db_conflict(req, NULL, NULL, "not_a_member",
                          "Trường kiểm tra chéo phải là trường thành viên của cụm.");
  if (n == 0 && !before)
    return cadre_fail(req, 422, "not_a_member", "Trường được kiểm tra không thuộc cụm này.");
  if (started && cadre_db_exec(req, "UPDATE emulation_scorecard SET scorer_school_id = ? WHERE id = ?",
                               CV_ARGS(CV_INT(checker), CV_INT(cadre_jint(started, "id", 0)))) < 0)
    return cadre_db_fail(req);
  json_t *after = json_pack("{s:I, s:I}", "school_id", (json_int_t)school, "cross_checker_school_id",
                            (json_int_t)checker);
  int rc = cadre_audit(req, "emulation.member", school, "assign_cross_checker", before, after);
  json_decref(after);
  if (rc < 0)
    return cadre_db_fail(req);
  x->assigned++;
  return 0;
}

static int assign_tx(cadre_req *req, void *p) {
  struct assign_ctx *x = p;
  x->assigned = x->kept = 0;
  const char *state = cadre_db_str(req, "SELECT state FROM emulation_cluster WHERE id = ? FOR UPDATE",
                                   CV_ARGS(CV_INT(x->c->id)));
  if (!state)
    return cadre_db_fail(req);
  if (strcmp(state, "finalized") == 0)
    return cadre_fail(req, 409, "cluster_finalized", "Cụm đã hoàn tất bảng tổng hợp điểm.");
  if (!cadre_bool(req, "rotate", false))
    return assign_one(req, x, cadre_int(req, "school", 0), cadre_int(req, "checker", 0), true);
  /* Rotation in the members' order: each school checks the next one. */
  json_t *members = cadre_db_rows(req,
                                  "SELECT m.school_id FROM emulation_member m "
                                  "JOIN agency a ON a.id = m.school_id WHERE m.cluster_id = ? "
                                  "ORDER BY m.sort, a.name, a.id",
                                  CV_ARGS(CV_INT(x->c->id)));
  if (!members)
    return cadre_db_fail(req);
  size_t n = json_array_size(members);
  if (n < 2)
    return cadre_fail(req, 422, "cluster_too_small", "Cụm cần ít nhất hai trường để kiểm tra chéo.");
  for (size_t i = 0; i < n; i++) {
    int64_t checker = cadre_jint(json_array_get(members, i), "school_id", 0);
    int64_t scored = cadre_jint(json_array_get(members, (i + 1) % n), "school_id", 0);
    int rc = assign_one(req, x, scored, checker, false);
    if (rc)
      return rc;
  }
  return 0;
}

int em_h_cross_assign(cadre_req *req) {
  struct em_cluster c;
  struct em_actor a;
  int rc = em_cluster_actor(req, &c, NULL, &a);
  if (rc || (rc = em_require_head(req, &a, &c)))
    return rc;
  if (!cadre_bool(req, "rotate", false) && (!cadre_has(req, "school") || !cadre_has(req, "checker")))
    return cadre_fail(req, 422, "school_required",
                      "Chọn trường được kiểm tra và trường kiểm tra chéo (hoặc phân công xoay vòng).");
  struct assign_ctx x = {&c, 0, 0};
  if ((rc = cadre_tx(req, assign_tx, &x)))
    return rc;
  json_t *out = cadre_json_obj(req);
  em_set(out, "ok", json_true());
  em_set(out, "assigned", json_integer(x.assigned));
  em_set(out, "kept", json_integer(x.kept));
  return cadre_reply_json(req, 200, out);
}

/* ---- history --------------------------------------------------------------------------------- */

int em_h_score_history(cadre_req *req) {
  json_t *card = cadre_db_row(req,
                              "SELECT card.id, card.role, y.year, card.school_id "
                              "FROM emulation_scorecard card JOIN emulation_year y "
                              " ON y.id = card.year_id WHERE card.id = ?",
                              CV_ARGS(CV_INT(cadre_int(req, "id", 0))));
  if (!card)
    return cadre_db_errno(req) ? cadre_db_fail(req)
                               : cadre_fail(req, 404, "not_found", "Không tìm thấy bảng điểm.");
  struct card_ctx x;
  int rc = card_ctx_load(req, &x, (int)cadre_jint(card, "year", 0), cadre_jint(card, "school_id", 0));
  if (rc)
    return rc;
  if (!visible(&x, strcmp(cadre_jstr(card, "role"), "cross") == 0))
    return fail_hidden(req);
  json_t *rows =
      cadre_db_rows(req,
                    "SELECT h.id, cr.code, cr.title, CAST(ROUND(h.points * 100) AS SIGNED) AS points_h, "
                    " CAST(ROUND(h.previous_points * 100) AS SIGNED) AS previous_h, h.note, h.at, "
                    " h.scored_by_login, a.name AS scorer_name "
                    "FROM emulation_score_history h JOIN emulation_criterion cr ON cr.id = h.criterion_id "
                    "JOIN agency a ON a.id = h.scorer_school_id WHERE h.scorecard_id = ? "
                    "ORDER BY h.id",
                    CV_ARGS(CV_INT(cadre_jint(card, "id", 0))));
  if (!rows)
    return cadre_db_fail(req);
  size_t i;
  json_t *r;
  json_array_foreach(rows, i, r) {
    em_set(r, "points", em_pts_json(req, cadre_jint(r, "points_h", 0)));
    json_t *prev = json_object_get(r, "previous_h");
    em_set(r, "previous_points",
           json_is_null(prev) || !prev ? NULL : em_pts_json(req, cadre_jint(r, "previous_h", 0)));
  }
  return cadre_reply_json(req, 200, rows);
}
