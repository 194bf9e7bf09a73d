/*
 * Results per criterion and layer: the school's self-assessment, the
 * provincial council's evaluation and the central council's appraisal. Each
 * layer is written only by its own actor and only while the cycle's state
 * opens it; a score never exceeds the criterion's maximum.
 */
#include <string.h>

#include "accreditation.h"

json_t *accr_cycle_leaves(cadre_req *req, int64_t cycle_id, int64_t version_id) {
  return cadre_db_rows(
      req,
      "SELECT c.id, c.parent_id, c.code, c.title, c.levels, c.mandatory, c.max_score,"
      " s.result AS self_result, s.score AS self_score, s.comment AS self_comment,"
      " s.prev_result, s.prev_score,"
      " p.result AS provincial_result, p.score AS provincial_score,"
      " p.comment AS provincial_comment, p.stale,"
      " x.result AS central_result, x.score AS central_score, x.comment AS central_comment,"
      " (SELECT COUNT(*) FROM accreditation_evidence_link l WHERE l.cycle_id = ?"
      " AND l.criterion_id = c.id) AS evidence_count"
      " FROM accreditation_criterion c"
      " LEFT JOIN accreditation_assessment s ON s.cycle_id = ? AND s.criterion_id = c.id"
      " AND s.layer = 'self'"
      " LEFT JOIN accreditation_assessment p ON p.cycle_id = ? AND p.criterion_id = c.id"
      " AND p.layer = 'provincial'"
      " LEFT JOIN accreditation_assessment x ON x.cycle_id = ? AND x.criterion_id = c.id"
      " AND x.layer = 'central'"
      " WHERE c.version_id = ? AND c.kind <> 'group' AND NOT EXISTS (SELECT 1"
      " FROM accreditation_criterion k WHERE k.parent_id = c.id) ORDER BY c.seq, c.code",
      CV_ARGS(CV_INT(cycle_id), CV_INT(cycle_id), CV_INT(cycle_id), CV_INT(cycle_id), CV_INT(version_id)));
}

static const char *const result_keys[ACCR_L_COUNT] = {"self_result", "provincial_result", "central_result"};
static const char *const score_keys[ACCR_L_COUNT] = {"self_score", "provincial_score", "central_score"};

/* The layer whose result counts for a row: the asked one, or the latest. */
static int layer_of(json_t *row, enum accr_layer layer) {
  if (layer != ACCR_L_COUNT)
    return layer;
  for (int l = ACCR_L_CENTRAL; l >= ACCR_L_SELF; l--)
    if (cadre_jstr(row, result_keys[l]))
      return l;
  return ACCR_L_SELF;
}

static void item_of(json_t *row, enum accr_layer layer, struct accr_item *it) {
  int l = layer_of(row, layer);
  memset(it, 0, sizeof(*it));
  it->levels = (unsigned)cadre_jint(row, "levels", 0);
  it->mandatory = cadre_jtrue(row, "mandatory");
  if (!accr_result_parse(cadre_jstr(row, result_keys[l]), &it->result))
    it->result = ACCR_R_NONE;
  json_t *score = json_object_get(row, score_keys[l]);
  it->has_score = json_is_number(score);
  it->score = json_number_value(score);
  json_t *max = json_object_get(row, "max_score");
  it->has_max = json_is_number(max);
  it->max_score = json_number_value(max);
}

void accr_readiness_of(json_t *leaves, enum accr_layer layer, struct accr_readiness *out) {
  size_t n = json_array_size(leaves);
  struct accr_item one;
  struct accr_readiness part;
  memset(out, 0, sizeof(*out));
  /* One item at a time keeps this allocation-free; the calculator is
   * additive over items except for `ready`, recomputed at the end. */
  for (size_t i = 0; i < n; i++) {
    item_of(json_array_get(leaves, i), layer, &one);
    accr_readiness_compute(&one, 1, &part);
    for (int l = 0; l < 2; l++) {
      struct accr_level_readiness *o = &out->level[l], *p = &part.level[l];
      o->total += p->total;
      o->assessed += p->assessed;
      o->met += p->met;
      o->partial += p->partial;
      o->not_met += p->not_met;
      o->not_applicable += p->not_applicable;
      o->mandatory_total += p->mandatory_total;
      o->unmet_mandatory += p->unmet_mandatory;
      o->score += p->score;
      o->max_score += p->max_score;
    }
  }
  for (int l = 0; l < 2; l++) {
    struct accr_level_readiness *o = &out->level[l];
    o->ready = o->total > 0 && o->met == o->total && o->unmet_mandatory == 0;
  }
}

json_t *accr_readiness_json(cadre_req *req, const struct accr_readiness *r) {
  json_t *out = cadre_json_obj(req);
  for (int l = 0; l < 2; l++) {
    const struct accr_level_readiness *x = &r->level[l];
    json_t *o =
        json_pack("{si si si si si si si si sf sf sb}", "total", x->total, "assessed", x->assessed, "met",
                  x->met, "partial", x->partial, "not_met", x->not_met, "not_applicable", x->not_applicable,
                  "mandatory_total", x->mandatory_total, "unmet_mandatory", x->unmet_mandatory, "score",
                  x->score, "max_score", x->max_score, "ready", x->ready);
    json_object_set_new(out, l == 0 ? "level1" : "level2", o);
  }
  return out;
}

int accr_missing_results(json_t *leaves, enum accr_layer layer, int level, int *stale) {
  int missing = 0;
  if (stale)
    *stale = 0;
  size_t i;
  json_t *row;
  json_array_foreach(leaves, i, row) {
    unsigned levels = (unsigned)cadre_jint(row, "levels", 0);
    if (!accr_applies(levels, level))
      continue;
    if (!cadre_jstr(row, result_keys[layer]))
      missing++;
    else if (stale && layer == ACCR_L_PROVINCIAL && cadre_jint(row, "stale", 0))
      (*stale)++;
  }
  return missing;
}

/* ---- PUT /cycles/{id}/assessments/{criterion} --------------------------------- */

/* One criterion's result as asked for (from the fields of the single
 * route, or one element of the sheet the bulk route receives). */
struct assess_item {
  int64_t criterion;
  const char *result; /* NULL: not assessed (clears) */
  bool has_score;
  double score;
  const char *comment;
};

struct assess_ctx {
  int64_t cycle;
  enum accr_layer layer;
  struct assess_item *items;
  size_t n;
};

static const unsigned layer_actors[ACCR_L_COUNT] = {
    [ACCR_L_SELF] = ACCR_ACT_SCHOOL,
    [ACCR_L_PROVINCIAL] = ACCR_ACT_PROV_COUNCIL,
    [ACCR_L_CENTRAL] = ACCR_ACT_CENTRAL_COUNCIL | ACCR_ACT_ACADEMY,
};

static const char *const layer_titles[ACCR_L_COUNT] = {"tự đánh giá", "đánh giá của Hội đồng cấp tỉnh",
                                                       "thẩm định của Hội đồng cấp Trung ương"};

static int check_actor(cadre_req *req, const struct accr_cycle *cy, enum accr_layer layer) {
  bool conflicted = false;
  unsigned mask = accr_actor_mask(req, cy, &conflicted);
  if (mask & layer_actors[layer])
    return 0;
  if (conflicted)
    return cadre_fail(req, 403, "conflict_of_interest",
                      "Bạn đã khai báo xung đột lợi ích với trường này nên không tham gia đánh "
                      "giá.");
  return cadre_fail(req, 403, "forbidden_layer", "Bạn không có quyền ghi kết quả %s.", layer_titles[layer]);
}

/* The criterion, checked to be a leaf of the cycle's version. */
static json_t *load_leaf(cadre_req *req, const struct accr_cycle *cy, int64_t criterion) {
  return cadre_db_row(req,
                      "SELECT c.id, c.code, c.kind, c.max_score, c.mandatory,"
                      " EXISTS (SELECT 1 FROM accreditation_criterion k WHERE k.parent_id = c.id)"
                      " AS has_children FROM accreditation_criterion c"
                      " WHERE c.id = ? AND c.version_id = ?",
                      CV_ARGS(CV_INT(criterion), CV_INT(cy->version_id)));
}

static const char *code_of(json_t *crit) { return cadre_jstr(crit, "code"); }

static int check_values(cadre_req *req, json_t *crit, const struct assess_item *it) {
  if (cadre_jint(crit, "has_children", 0) || strcmp(cadre_jstr(crit, "kind"), "group") == 0)
    return cadre_fail(req, 422, "not_assessable",
                      "Chỉ ghi kết quả ở tiêu chí không có chỉ báo con, hoặc ở chỉ báo (%s).", code_of(crit));
  if (it->result && strcmp(it->result, "not_applicable") == 0 && cadre_jint(crit, "mandatory", 0))
    return cadre_fail(req, 422, "mandatory_not_applicable",
                      "Tiêu chí bắt buộc %s không thể đánh giá là “Không áp dụng”.", code_of(crit));
  json_t *max = json_object_get(crit, "max_score");
  if (it->has_score) {
    if (!json_is_number(max))
      return cadre_fail(req, 422, "score_not_expected", "Tiêu chí %s không chấm điểm.", code_of(crit));
    if (!accr_score_valid(it->score, true, json_number_value(max))) {
      cadre_field_error(req, "score", "score_above_max", "Điểm tối đa là %g.", json_number_value(max));
      return cadre_fail(req, 422, "score_above_max", "Điểm %g vượt điểm tối đa %g của tiêu chí %s.",
                        it->score, json_number_value(max), code_of(crit));
    }
  }
  return 0;
}

/* Writes one criterion's result on the layer, with its audit row. */
static int save_item(cadre_req *req, const struct accr_cycle *cy, enum accr_layer layer,
                     const struct assess_item *it) {
  json_t *crit = load_leaf(req, cy, it->criterion);
  if (!crit)
    return cadre_db_errno(req) ? cadre_db_fail(req)
                               : cadre_fail(req, 404, "criterion_not_found",
                                            "Tiêu chí không thuộc bộ tiêu chí của kỳ đánh giá.");
  int rc = check_values(req, crit, it);
  if (rc)
    return rc;
  const char *code = accr_layer_code(layer);
  json_t *before = cadre_db_row(req,
                                "SELECT result, score, comment FROM accreditation_assessment"
                                " WHERE cycle_id = ? AND criterion_id = ? AND layer = ?",
                                CV_ARGS(CV_INT(cy->id), CV_INT(it->criterion), CV_STR(code)));
  if (!before && cadre_db_errno(req))
    return cadre_db_fail(req);
  if (cadre_db_exec(req,
                    "INSERT INTO accreditation_assessment (cycle_id, version_id, criterion_id,"
                    " layer, result, score, comment, stale, assessed_by, assessed_at)"
                    " VALUES (?, ?, ?, ?, ?, ?, ?, 0, ?, ?) ON DUPLICATE KEY UPDATE"
                    " result = VALUES(result), score = VALUES(score), comment = VALUES(comment),"
                    " stale = 0, assessed_by = VALUES(assessed_by),"
                    " assessed_at = VALUES(assessed_at)",
                    CV_ARGS(CV_INT(cy->id), CV_INT(cy->version_id), CV_INT(it->criterion), CV_STR(code),
                            CV_STR(it->result), it->has_score ? CV_DBL(it->score) : CV_NULL,
                            CV_STR(it->comment), ACCR_USER(req), CV_STR(cadre_now_text(req)))) < 0)
    return accr_db_refused(req, NULL, NULL);
  /* The school changing its answer after the council's evaluation voids that
   * evaluation for this criterion: the council must look again. */
  if (layer == ACCR_L_SELF &&
      cadre_db_exec(req,
                    "UPDATE accreditation_assessment SET stale = 1 WHERE cycle_id = ?"
                    " AND criterion_id = ? AND layer = 'provincial' AND result IS NOT NULL",
                    CV_ARGS(CV_INT(cy->id), CV_INT(it->criterion))) < 0)
    return cadre_db_fail(req);
  json_t *after = cadre_db_row(req,
                               "SELECT layer, criterion_id, result, score, comment"
                               " FROM accreditation_assessment WHERE cycle_id = ?"
                               " AND criterion_id = ? AND layer = ?",
                               CV_ARGS(CV_INT(cy->id), CV_INT(it->criterion), CV_STR(code)));
  if (!after || accr_audit(req, "assessment", cy->id, before ? "update" : "create", before, after))
    return cadre_db_fail(req);
  return 0;
}

static int assess_tx(cadre_req *req, void *arg) {
  struct assess_ctx *ctx = arg;
  struct accr_cycle cy;
  int rc = accr_cycle_load(req, ctx->cycle, true, &cy);
  if (rc)
    return rc;
  if ((rc = check_actor(req, &cy, ctx->layer)))
    return rc;
  if (!accr_layer_editable(cy.state, ctx->layer))
    return cadre_fail(req, 409, "dossier_locked", "Hồ sơ đang ở trạng thái “%s”: không ghi được kết quả %s.",
                      accr_state_title(cy.state), layer_titles[ctx->layer]);
  /* A sheet is saved whole or not at all. */
  for (size_t i = 0; i < ctx->n; i++)
    if ((rc = save_item(req, &cy, ctx->layer, &ctx->items[i])))
      return rc;
  return 0;
}

static json_t *saved_rows(cadre_req *req, const struct assess_ctx *ctx) {
  return cadre_db_rows(req,
                       "SELECT cycle_id, criterion_id, layer, result, score, comment, assessed_at"
                       " FROM accreditation_assessment WHERE cycle_id = ? AND layer = ?"
                       " ORDER BY criterion_id",
                       CV_ARGS(CV_INT(ctx->cycle), CV_STR(accr_layer_code(ctx->layer))));
}

int accr_assessment_save(cadre_req *req) {
  struct assess_item item = {.criterion = cadre_int(req, "criterion", 0),
                             .result = cadre_str(req, "result"),
                             .has_score = cadre_has(req, "score"),
                             .score = cadre_num(req, "score", 0),
                             .comment = cadre_str(req, "comment")};
  struct assess_ctx ctx = {cadre_int(req, "id", 0), ACCR_L_SELF, &item, 1};
  accr_layer_parse(cadre_str(req, "layer"), &ctx.layer);
  int rc = cadre_tx(req, assess_tx, &ctx);
  if (rc)
    return rc;
  json_t *row =
      cadre_db_row(req,
                   "SELECT cycle_id, criterion_id, layer, result, score, comment,"
                   " assessed_at FROM accreditation_assessment WHERE cycle_id = ?"
                   " AND criterion_id = ? AND layer = ?",
                   CV_ARGS(CV_INT(ctx.cycle), CV_INT(item.criterion), CV_STR(accr_layer_code(ctx.layer))));
  return row ? cadre_reply_json(req, 200, row) : cadre_db_fail(req);
}

/* ---- PUT /cycles/{id}/assessments: a whole sheet in one go ------------------------ */

#define MAX_SHEET 2000

/* One element of `items`, checked for shape (the field declaration can only
 * say "JSON"); NULL on success, else what is wrong. */
static const char *parse_item(cadre_req *req, json_t *v, struct assess_item *it) {
  memset(it, 0, sizeof(*it));
  if (!json_is_object(v))
    return "mỗi phần tử phải là một đối tượng";
  json_t *id = json_object_get(v, "criterion_id");
  if (!json_is_integer(id) || json_integer_value(id) <= 0)
    return "thiếu mã tiêu chí (criterion_id)";
  it->criterion = json_integer_value(id);
  json_t *result = json_object_get(v, "result");
  enum accr_result r;
  if (result && !json_is_null(result) &&
      (!json_is_string(result) || !accr_result_parse(json_string_value(result), &r)))
    return "kết quả phải là met, partial, not_met hoặc not_applicable";
  it->result = json_is_string(result) && *json_string_value(result) ? json_string_value(result) : NULL;
  json_t *score = json_object_get(v, "score");
  if (score && !json_is_null(score)) {
    if (!json_is_number(score) || json_number_value(score) < 0 || json_number_value(score) > 10000)
      return "điểm phải là số từ 0 đến 10000";
    it->has_score = true;
    it->score = json_number_value(score);
  }
  json_t *comment = json_object_get(v, "comment");
  if (comment && !json_is_null(comment)) {
    const char *c = json_string_value(comment);
    if (!c || !cadre_utf8_valid(c, strlen(c)) || cadre_utf8_len(c, strlen(c)) > 5000 ||
        cadre_has_control(c, strlen(c), true))
      return "nhận xét phải là văn bản, tối đa 5000 ký tự";
    it->comment = *c ? cadre_arena_strdup(cadre_arena_of(req), c) : NULL;
  }
  return NULL;
}

int accr_assessment_sheet(cadre_req *req) {
  json_t *items = cadre_json_field(req, "items");
  size_t n = json_array_size(items);
  if (!json_is_array(items) || n == 0 || n > MAX_SHEET)
    return cadre_fail(req, 422, "items_invalid", "Cần danh sách kết quả (1 đến %d tiêu chí).", MAX_SHEET);
  struct assess_ctx ctx = {cadre_int(req, "id", 0), ACCR_L_SELF, NULL, n};
  accr_layer_parse(cadre_str(req, "layer"), &ctx.layer);
  ctx.items = cadre_arena_calloc(cadre_arena_of(req), n, sizeof(*ctx.items));
  for (size_t i = 0; i < n; i++) {
    const char *bad = parse_item(req, json_array_get(items, i), &ctx.items[i]);
    if (bad)
      return cadre_fail(req, 422, "items_invalid", "Phần tử thứ %zu: %s.", i + 1, bad);
  }
  int rc = cadre_tx(req, assess_tx, &ctx);
  if (rc)
    return rc;
  json_t *rows = saved_rows(req, &ctx);
  return rows ? cadre_reply_json(req, 200, rows) : cadre_db_fail(req);
}
