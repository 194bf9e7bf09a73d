/*
 * The cluster's score table (bảng tổng hợp điểm): each school's self-score,
 * cross-check and final total, large gaps flagged, the ranking (ties share a
 * rank) and the award each rank leads to. Before finalisation only the board
 * and the head see it, computed live and marked provisional; finalising
 * freezes it as a numbered round in emulation_ranking and publishes it to
 * the cluster. Reopening (by the board) keeps the frozen rounds.
 */
#include "emulation.h"

#include <string.h>

/* ---- computing the table -------------------------------------------------------------- */

struct school_lines {
  struct em_line *lines;
  int64_t *criteria;
  size_t n;
};

static struct em_line *line_for(struct school_lines *s, int64_t criterion) {
  for (size_t i = 0; i < s->n; i++)
    if (s->criteria[i] == criterion)
      return &s->lines[i];
  s->criteria[s->n] = criterion;
  return &s->lines[s->n++];
}

static const char *card_state(json_t *cards, int64_t school, const char *role) {
  size_t i;
  json_t *c;
  json_array_foreach(cards, i, c) {
    if (cadre_jint(c, "school_id", 0) == school && strcmp(cadre_jstr(c, "role"), role) == 0)
      return cadre_jstr(c, "state");
  }
  return "none";
}

json_t *em_table_live(cadre_req *req, const struct em_year *y, const struct em_cluster *c) {
  json_t *members = em_members(req, c->id);
  json_t *cards = cadre_db_rows(req,
                                "SELECT school_id, role, state FROM emulation_scorecard "
                                "WHERE cluster_id = ?",
                                CV_ARGS(CV_INT(c->id)));
  json_t *scores =
      cadre_db_rows(req,
                    "SELECT card.school_id, card.role, sc.criterion_id, cr.kind, "
                    " CAST(ROUND(sc.points * 100) AS SIGNED) AS points_h, "
                    " CAST(ROUND(cr.max_points * 100) AS SIGNED) AS max_h "
                    "FROM emulation_score sc JOIN emulation_scorecard card ON card.id = sc.scorecard_id "
                    "JOIN emulation_criterion cr ON cr.id = sc.criterion_id WHERE card.cluster_id = ?",
                    CV_ARGS(CV_INT(c->id)));
  if (!members || !cards || !scores)
    return NULL;
  size_t n = json_array_size(members), nscores = json_array_size(scores);
  cadre_arena *arena = cadre_arena_of(req);
  em_pts *finals = cadre_arena_calloc(arena, n + 1, sizeof *finals);
  bool *ranked = cadre_arena_calloc(arena, n + 1, sizeof *ranked);
  int *rank = cadre_arena_calloc(arena, n + 1, sizeof *rank);
  struct school_lines sl = {
      .lines = cadre_arena_calloc(arena, nscores + 1, sizeof(struct em_line)),
      .criteria = cadre_arena_calloc(arena, nscores + 1, sizeof(int64_t)),
  };
  json_t *rows = cadre_json_arr(req);
  size_t i, j;
  json_t *m, *s;
  json_array_foreach(members, i, m) {
    int64_t school = cadre_jint(m, "school_id", 0);
    sl.n = 0;
    json_array_foreach(scores, j, s) {
      if (cadre_jint(s, "school_id", 0) != school)
        continue;
      struct em_line *l = line_for(&sl, cadre_jint(s, "criterion_id", 0));
      em_crit_kind_parse(cadre_jstr(s, "kind"), &l->kind);
      l->max = cadre_jint(s, "max_h", 0);
      bool cross = strcmp(cadre_jstr(s, "role"), "cross") == 0;
      *(cross ? &l->has_cross : &l->has_self) = true;
      *(cross ? &l->cross : &l->self) = cadre_jint(s, "points_h", 0);
    }
    const char *self_state = card_state(cards, school, "self");
    const char *cross_state = card_state(cards, school, "cross");
    bool self_in = strcmp(self_state, "submitted") == 0;
    bool has_cross = strcmp(cross_state, "none") != 0;
    const char *evaluation = cadre_jstr(m, "evaluation");
    bool evaluated = strcmp(evaluation, "evaluated") == 0;
    ranked[i] = evaluated && self_in;
    em_pts self_total = em_total(sl.lines, sl.n, false);
    em_pts cross_total = em_total(sl.lines, sl.n, true);
    finals[i] = em_final_total(sl.lines, sl.n);
    int gaps = 0;
    for (size_t k = 0; k < sl.n; k++)
      gaps += em_gap_large(&sl.lines[k], y->gap_pct);
    bool gap = gaps > 0 || (has_cross && em_total_gap_large(self_total, cross_total, y->gap_total));
    json_t *row =
        json_pack("{s:I, s:s, s:s, s:s, s:O, s:s, s:s, s:s, s:i, s:b}", "school_id", (json_int_t)school,
                  "code", cadre_jstr(m, "code"), "name", cadre_jstr(m, "name"), "kind", cadre_jstr(m, "kind"),
                  "is_head", json_object_get(m, "is_head"), "evaluation", evaluation, "self_state",
                  self_state, "cross_state", cross_state, "gap_criteria", gaps, "gap_flag", gap);
    em_set(row, "checker_name",
           cadre_jstr(m, "checker_name") ? json_string(cadre_jstr(m, "checker_name")) : NULL);
    em_set(row, "self_total", strcmp(self_state, "none") ? em_pts_json(req, self_total) : NULL);
    em_set(row, "cross_total", has_cross ? em_pts_json(req, cross_total) : NULL);
    em_set(row, "final_total", ranked[i] ? em_pts_json(req, finals[i]) : NULL);
    const char *why = ranked[i]                                  ? NULL
                      : strcmp(evaluation, "not_evaluated") == 0 ? "not_evaluated"
                      : !evaluated                               ? "plan_pending"
                                                                 : "no_self_score";
    em_set(row, "unranked_reason", why ? json_string(why) : NULL);
    json_array_append_new(rows, row);
  }
  em_rank(finals, ranked, n, rank);
  json_t *row;
  json_array_foreach(rows, i, row) {
    enum em_award award = em_award_for_rank(rank[i], y->flag_slots, y->merit_slots);
    em_set(row, "rank", rank[i] ? json_integer(rank[i]) : NULL);
    em_set(row, "award", json_string(em_award_code(award)));
    em_set(row, "award_tie", json_boolean(em_award_overflows(rank, n, award, y->flag_slots, y->merit_slots)));
    em_set(row, "final_h", json_integer(finals[i]));
  }
  return rows;
}

/* ---- the frozen table ------------------------------------------------------------------- */

static json_t *table_frozen(cadre_req *req, const struct em_cluster *c) {
  json_t *rows = cadre_db_rows(
      req,
      "SELECT r.school_id, a.code, a.name, a.kind, (c.head_school_id <=> r.school_id) AS is_head, "
      " CAST(ROUND(r.self_total * 100) AS SIGNED) AS self_h, "
      " CAST(ROUND(r.cross_total * 100) AS SIGNED) AS cross_h, "
      " CAST(ROUND(r.final_total * 100) AS SIGNED) AS final_h, r.rank_no, r.unranked_reason, "
      " r.gap_flag, r.award, r.award_tie "
      "FROM emulation_ranking r JOIN agency a ON a.id = r.school_id "
      "JOIN emulation_cluster c ON c.id = r.cluster_id "
      "WHERE r.cluster_id = ? AND r.round = ? ORDER BY r.rank_no IS NULL, r.rank_no, a.name",
      CV_ARGS(CV_INT(c->id), CV_INT(c->final_round)));
  if (!rows)
    return NULL;
  size_t i;
  json_t *r;
  json_array_foreach(rows, i, r) {
    const char *keys[][2] = {
        {"self_h", "self_total"}, {"cross_h", "cross_total"}, {"final_h", "final_total"}};
    for (size_t k = 0; k < 3; k++) {
      json_t *v = json_object_get(r, keys[k][0]);
      em_set(r, keys[k][1], json_is_integer(v) ? em_pts_json(req, json_integer_value(v)) : NULL);
    }
    json_object_set(r, "rank", json_object_get(r, "rank_no"));
    json_object_set_new(r, "is_head", json_boolean(cadre_jtrue(r, "is_head")));
    json_object_set_new(r, "gap_flag", json_boolean(cadre_jtrue(r, "gap_flag")));
    json_object_set_new(r, "award_tie", json_boolean(cadre_jtrue(r, "award_tie")));
  }
  return rows;
}

/* Live rows sorted as a ranking: ranked first by rank, then the others. */
static void sort_rows(json_t *rows) {
  size_t n = json_array_size(rows);
  for (size_t i = 1; i < n; i++) {
    for (size_t j = i; j > 0; j--) {
      json_t *a = json_array_get(rows, j - 1), *b = json_array_get(rows, j);
      int64_t ra = cadre_jint(a, "rank", 0), rb = cadre_jint(b, "rank", 0);
      bool swap = (ra == 0 && rb != 0) || (ra && rb && rb < ra);
      if (!swap)
        break;
      json_incref(a);
      json_array_set(rows, j - 1, b);
      json_array_set_new(rows, j, a);
    }
  }
}

/* ---- the view and its exports --------------------------------------------------------------- */

static const char *award_label(const char *code) {
  if (!code)
    return "";
  if (strcmp(code, "co_thi_dua") == 0)
    return "Đề nghị tặng Cờ thi đua";
  if (strcmp(code, "bang_khen") == 0)
    return "Đề nghị tặng Bằng khen";
  return "";
}

static const char *reason_label(const char *code) {
  if (!code)
    return "";
  if (strcmp(code, "not_evaluated") == 0)
    return "Không được bình xét (không gửi Mẫu số 01 đúng hạn)";
  if (strcmp(code, "no_self_score") == 0)
    return "Chưa gửi phiếu tự chấm điểm";
  if (strcmp(code, "plan_pending") == 0)
    return "Chưa gửi Mẫu số 01";
  return code;
}

static int reply_export(cadre_req *req, const char *format, const struct em_year *y,
                        const struct em_cluster *c, json_t *rows, bool provisional) {
  size_t i;
  json_t *r;
  json_array_foreach(rows, i, r) {
    const char *keys[][2] = {
        {"self_total", "self_n"}, {"cross_total", "cross_n"}, {"final_total", "final_n"}};
    for (size_t k = 0; k < 3; k++) {
      em_pts p;
      const char *v = cadre_jstr(r, keys[k][0]);
      em_set(r, keys[k][1],
             v && em_pts_parse(v[0] == '-' ? v + 1 : v, &p)
                 ? json_real((double)(v[0] == '-' ? -p : p) / 100.0)
                 : NULL);
    }
    em_set(r, "award_text", json_string(award_label(cadre_jstr(r, "award"))));
    em_set(r, "note_text",
           json_string(cadre_jtrue(r, "gap_flag")
                           ? cadre_printf(req, "Chênh lệch lớn giữa tự chấm và kiểm tra chéo. %s",
                                          reason_label(cadre_jstr(r, "unranked_reason")))
                           : reason_label(cadre_jstr(r, "unranked_reason"))));
  }
  static const struct cadre_column cols[] = {
      {"rank", "Xếp hạng", CC_INT, 9},
      {"code", "Mã trường", CC_TEXT, 12},
      {"name", "Trường", CC_TEXT, 40},
      {"self_n", "Điểm tự chấm", CC_NUM, 13},
      {"cross_n", "Điểm kiểm tra chéo", CC_NUM, 16},
      {"final_n", "Điểm của Cụm", CC_NUM, 13},
      {"award_text", "Đề nghị khen thưởng", CC_TEXT, 26},
      {"note_text", "Ghi chú", CC_TEXT, 50},
  };
  return cadre_reply_table(req, format,
                           cadre_printf(req, "bang-diem-%s-%d", cadre_jstr(c->row, "code"), y->year),
                           cadre_printf(req, "Bảng tổng hợp điểm thi đua năm %d — %s%s", y->year,
                                        cadre_jstr(c->row, "name"), provisional ? " (tạm tính)" : ""),
                           cols, sizeof cols / sizeof cols[0], rows);
}

int em_h_scores(cadre_req *req) {
  struct em_cluster c;
  struct em_year y;
  struct em_actor a;
  enum em_viewer viewer;
  int rc = em_cluster_open(req, &c, &y, &a, &viewer);
  if (rc)
    return rc;
  const char *format = cadre_str(req, "format");
  bool json = !format || strcmp(format, "json") == 0;
  json_t *rows = NULL;
  bool visible = em_ranking_visible(viewer, c.finalized);
  if (visible) {
    rows = c.finalized ? table_frozen(req, &c) : em_table_live(req, &y, &c);
    if (!rows)
      return cadre_db_fail(req);
    if (!c.finalized)
      sort_rows(rows);
  }
  if (!json) {
    if (!visible)
      return cadre_fail(req, 403, "scores_hidden",
                        "Bảng điểm chỉ được công bố sau khi Cụm hoàn tất bảng tổng hợp điểm.");
    return reply_export(req, format, &y, &c, rows, !c.finalized);
  }
  json_t *out = cadre_json_obj(req);
  em_set(out, "cluster",
         json_pack("{s:I, s:s, s:s}", "id", (json_int_t)c.id, "code", cadre_jstr(c.row, "code"), "name",
                   cadre_jstr(c.row, "name")));
  em_set(out, "year", json_integer(y.year));
  em_set(out, "finalized", json_boolean(c.finalized));
  em_set(out, "round", json_integer(c.final_round));
  em_set(out, "finalized_at",
         cadre_jstr(c.row, "finalized_at") ? json_string(cadre_jstr(c.row, "finalized_at")) : NULL);
  em_set(out, "visible", json_boolean(visible));
  em_set(out, "provisional", json_boolean(visible && !c.finalized));
  em_set(out, "can_finalize", json_boolean(!c.finalized && (a.board || (a.head && a.cluster == c.id))));
  em_set(out, "rows", rows ? json_incref(rows) : json_array());
  return cadre_reply_json(req, 200, out);
}

/* ---- finalise, reopen ---------------------------------------------------------------------------- */

struct finalize_ctx {
  struct em_year *y;
  struct em_cluster *c;
  int round;
};

static int finalize_tx(cadre_req *req, void *p) {
  struct finalize_ctx *f = p;
  int rc = em_finalize_in_tx(req, f->y, f->c, &f->round);
  if (rc)
    return rc;
  const char *subject = cadre_printf(req, "[Thi đua %d] %s đã hoàn tất bảng tổng hợp điểm", f->y->year,
                                     cadre_jstr(f->c->row, "name"));
  const char *body = cadre_printf(req,
                                  "%s đã hoàn tất bảng tổng hợp điểm thi đua năm %d. Kết quả "
                                  "xếp hạng và đề nghị khen thưởng đã được công bố cho các "
                                  "trường trong cụm.\n",
                                  cadre_jstr(f->c->row, "name"), f->y->year);
  json_t *members = em_members(req, f->c->id);
  if (!members)
    return cadre_db_fail(req);
  size_t i;
  json_t *m;
  json_array_foreach(members, i, m) {
    if (em_notify_school(req, cadre_jint(m, "school_id", 0), subject, body,
                         cadre_printf(req, "emulation:finalize:%lld:%d", (long long)f->c->id, f->round)) < 0)
      return cadre_db_fail(req);
  }
  return 0;
}

int em_finalize_in_tx(cadre_req *req, const struct em_year *y, const struct em_cluster *c, int *round_out) {
  struct {
    const struct em_year *y;
    const struct em_cluster *c;
    int round;
  } fs = {y, c, 0}, *f = &fs;
  json_t *locked = cadre_db_row(req,
                                "SELECT state, final_round FROM emulation_cluster "
                                "WHERE id = ? FOR UPDATE",
                                CV_ARGS(CV_INT(f->c->id)));
  if (!locked)
    return cadre_db_fail(req);
  if (strcmp(cadre_jstr(locked, "state"), "finalized") == 0)
    return cadre_fail(req, 409, "cluster_finalized", "Cụm đã hoàn tất bảng tổng hợp điểm.");
  json_t *rows = em_table_live(req, f->y, f->c);
  if (!rows)
    return cadre_db_fail(req);
  /* Every school that scored itself must have been cross-checked. */
  cadre_buf missing;
  cadre_buf_init(&missing, cadre_arena_of(req));
  size_t i;
  json_t *r;
  json_array_foreach(rows, i, r) {
    if (strcmp(cadre_jstr(r, "self_state"), "submitted") == 0 &&
        strcmp(cadre_jstr(r, "evaluation"), "evaluated") == 0 &&
        strcmp(cadre_jstr(r, "cross_state"), "submitted") != 0)
      cadre_buf_printf(&missing, "%s%s", missing.len ? ", " : "", cadre_jstr(r, "name"));
  }
  if (missing.len)
    return cadre_fail(req, 409, "cross_check_missing", "Chưa có kết quả kiểm tra chéo của: %s.",
                      missing.data);
  f->round = (int)cadre_jint(locked, "final_round", 0) + 1;
  json_array_foreach(rows, i, r) {
    if (cadre_db_exec(req,
                      "INSERT INTO emulation_ranking (cluster_id, round, school_id, self_total, "
                      " cross_total, final_total, rank_no, unranked_reason, gap_flag, award, "
                      " award_tie) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                      CV_ARGS(CV_INT(f->c->id), CV_INT(f->round), CV_INT(cadre_jint(r, "school_id", 0)),
                              CV_STR(cadre_jstr(r, "self_total")), CV_STR(cadre_jstr(r, "cross_total")),
                              CV_STR(cadre_jstr(r, "final_total")),
                              CV_INT_IF(cadre_jint(r, "rank", 0), cadre_jint(r, "rank", 0)),
                              CV_STR(cadre_jstr(r, "unranked_reason")), CV_INT(cadre_jtrue(r, "gap_flag")),
                              CV_STR(cadre_jstr(r, "award")), CV_INT(cadre_jtrue(r, "award_tie")))) < 0)
      return cadre_db_fail(req);
  }
  if (cadre_db_exec(req,
                    "UPDATE emulation_cluster SET state = 'finalized', final_round = ?, "
                    " finalized_at = ?, finalized_by = ? WHERE id = ?",
                    CV_ARGS(CV_INT(f->round), CV_STR(cadre_now_text(req)), EM_USER(req), CV_INT(f->c->id))) <
      0)
    return cadre_db_fail(req);
  json_t *after = json_pack("{s:i, s:O}", "round", f->round, "table", rows);
  int rc = cadre_audit(req, "emulation.cluster", f->c->id, "finalize", NULL, after);
  json_decref(after);
  if (rc < 0)
    return cadre_db_fail(req);
  *round_out = f->round;
  return 0;
}

int em_h_finalize(cadre_req *req) {
  struct em_cluster c;
  struct em_year y;
  struct em_actor a;
  int rc = em_cluster_actor(req, &c, &y, &a);
  if (rc || (rc = em_require_head(req, &a, &c)))
    return rc;
  struct finalize_ctx f = {&y, &c, 0};
  if ((rc = cadre_tx(req, finalize_tx, &f)))
    return rc;
  json_t *out = cadre_json_obj(req);
  em_set(out, "ok", json_true());
  em_set(out, "round", json_integer(f.round));
  return cadre_reply_json(req, 200, out);
}

static int reopen_tx(cadre_req *req, void *p) {
  struct em_cluster *c = p;
  int64_t n = cadre_db_exec(req,
                            "UPDATE emulation_cluster SET state = 'open', finalized_at = NULL, "
                            " finalized_by = NULL WHERE id = ? AND state = 'finalized'",
                            CV_ARGS(CV_INT(c->id)));
  if (n < 0)
    return cadre_db_fail(req);
  if (n == 0)
    return cadre_fail(req, 409, "cluster_not_finalized", "Cụm chưa hoàn tất bảng tổng hợp điểm.");
  json_t *after = json_pack("{s:s, s:s}", "state", "open", "reason", cadre_str0(req, "reason"));
  int rc = cadre_audit(req, "emulation.cluster", c->id, "reopen", c->row, after);
  json_decref(after);
  return rc < 0 ? cadre_db_fail(req) : 0;
}

int em_h_reopen(cadre_req *req) {
  struct em_cluster c;
  int rc = em_cluster_load(req, cadre_int(req, "id", 0), &c);
  if (rc || (rc = em_require_board(req)))
    return rc;
  rc = cadre_tx(req, reopen_tx, &c);
  return rc ? rc : cadre_reply_ok(req, c.id);
}
