/*
 * `cadre-admin emulation demo` (run by `cadre-admin demo`): the 2023 year read
 * from the repository's copy of the seed letter (data/seeds/004_…), then a
 * SAMPLE of how the year could have gone. The seed does not say which school
 * belongs to which cluster, so the clusters below are an illustration
 * (regional groups of the demo provinces plus one cluster of sector schools),
 * flagged is_sample and named "(mẫu minh họa)". Their submissions, figures
 * and scores are generated, deterministic, and dated in 2023:
 *
 *   - every school sends its plan on time, except Trường Chính trị tỉnh Lào
 *     Cai (none: not evaluated) and Tuyên Quang (late, under an exception);
 *   - every evaluated school enters its figures (some miss a target), sends
 *     its report and scores itself; cross-checkers rotate in each cluster;
 *   - cluster 1 (head: Hà Nội) has all cross-checks in, one with a large gap,
 *     so its head can finalise; cluster 6 (sector schools) is finalised:
 *     two schools tie for first (both proposed for the one flag, flagged for
 *     the cluster to decide), two tie for third; its dossier is sent.
 *
 * Idempotent: the letter import is an upsert, and the sample is only built
 * when the year has no clusters yet.
 */
#include "emulation.h"

#include <stdio.h>
#include <string.h>

#define SEED "seeds/004_4d75d91a44a380aa.txt"

struct demo_cluster {
  const char *code, *name;
  const char *schools[10]; /* agency codes, NULL-terminated; [0] head, [1] deputy */
};

static const struct demo_cluster clusters[] = {
    {"CUM01",
     "Cụm thi đua số 1 — đồng bằng sông Hồng (mẫu minh họa)",
     {"P01-TCT", "P18-TCT", "P07-TCT", "P16-TCT", "P17-TCT", "P19-TCT", NULL}},
    {"CUM02",
     "Cụm thi đua số 2 — trung du, miền núi phía Bắc (mẫu minh họa)",
     {"P14-TCT", "P15-TCT", "P03-TCT", "P04-TCT", "P05-TCT", "P06-TCT", "P11-TCT", "P12-TCT", "P13-TCT",
      NULL}},
    {"CUM03",
     "Cụm thi đua số 3 — Bắc Trung Bộ (mẫu minh họa)",
     {"P02-TCT", "P09-TCT", "P08-TCT", "P10-TCT", "P20-TCT", NULL}},
    {"CUM04",
     "Cụm thi đua số 4 — Nam Trung Bộ, Tây Nguyên (mẫu minh họa)",
     {"P21-TCT", "P24-TCT", "P22-TCT", "P23-TCT", "P25-TCT", "P26-TCT", NULL}},
    {"CUM05",
     "Cụm thi đua số 5 — Đông Nam Bộ, Tây Nam Bộ (mẫu minh họa)",
     {"P27-TCT", "P30-TCT", "P28-TCT", "P29-TCT", "P31-TCT", "P32-TCT", "P33-TCT", "P34-TCT", NULL}},
    {"CUM06",
     "Cụm thi đua số 6 — trường bộ, ngành (mẫu minh họa)",
     {"BGDDT-T", "BNV-T", "BQP-T", "BCA-T", "BYT-T", NULL}},
};
#define CLUSTERS (sizeof clusters / sizeof clusters[0])

#define NO_PLAN "P13-TCT"   /* Lào Cai: no plan, not evaluated */
#define LATE_PLAN "P12-TCT" /* Tuyên Quang: plan late under an exception */

/* ---- a tiny PDF, so demo submissions have a document to open ----------------------- */

#define PDF_PAGE                                                                                             \
  "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R "   \
  ">> >> >>"

static const char *demo_pdf(cadre_req *req, const char *line, size_t *len) {
  cadre_buf b;
  cadre_buf_init(&b, cadre_arena_of(req));
  const char *content = cadre_printf(req, "BT /F1 14 Tf 60 760 Td (%s) Tj ET", line);
  const char *objs[] = {
      "<< /Type /Catalog /Pages 2 0 R >>",
      "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
      PDF_PAGE,
      cadre_printf(req, "<< /Length %zu >>\nstream\n%s\nendstream", strlen(content), content),
      "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
  };
  size_t offsets[5];
  cadre_buf_puts(&b, "%PDF-1.4\n");
  for (size_t i = 0; i < 5; i++) {
    offsets[i] = b.len;
    cadre_buf_printf(&b, "%zu 0 obj\n%s\nendobj\n", i + 1, objs[i]);
  }
  size_t xref = b.len;
  cadre_buf_puts(&b, "xref\n0 6\n0000000000 65535 f \n");
  for (size_t i = 0; i < 5; i++)
    cadre_buf_printf(&b, "%010zu 00000 n \n", offsets[i]);
  cadre_buf_printf(&b, "trailer\n<< /Size 6 /Root 1 0 R >>\nstartxref\n%zu\n%%%%EOF\n", xref);
  *len = b.len;
  return b.data;
}

/* ---- building blocks -------------------------------------------------------------------- */

struct demo {
  struct em_year y;
  int64_t cluster_ids[CLUSTERS];
};

static int64_t agency_id(cadre_req *req, const char *code) {
  int64_t id = 0;
  cadre_db_int(req, &id, "SELECT id FROM agency WHERE code = ?", CV_ARGS(CV_STR(code)));
  return id;
}

static int64_t deadline_id(cadre_req *req, struct demo *d, const char *kind) {
  int64_t id = 0;
  cadre_db_int(req, &id, "SELECT id FROM emulation_deadline WHERE year_id = ? AND kind = ?",
               CV_ARGS(CV_INT(d->y.id), CV_STR(kind)));
  return id;
}

/* A submission dated `at`, in `state`, with one document for `part` (or none). */
static int submit(cadre_req *req, struct demo *d, const char *kind, int64_t cluster, int64_t school,
                  const char *at, const char *state, const char *part, const char *data_json) {
  int64_t dl = deadline_id(req, d, kind);
  if (cadre_db_exec(req,
                    "INSERT INTO emulation_submission (deadline_id, cluster_id, school_id, state, "
                    " data_json, revision, first_submitted_at, last_submitted_at, accepted_at) "
                    "VALUES (?, ?, ?, ?, ?, 1, ?, ?, ?)",
                    CV_ARGS(CV_INT(dl), CV_INT(cluster), CV_INT_IF(school, school), CV_STR(state),
                            CV_STR(data_json), CV_STR(at), CV_STR(at),
                            CV_STR(strcmp(state, "accepted") == 0 ? at : NULL))) < 0)
    return -1;
  int64_t sub = cadre_db_last_id(req);
  if (!part)
    return 0;
  size_t len;
  const char *pdf = demo_pdf(req, cadre_printf(req, "Thi dua 2023 - %s (minh hoa)", kind), &len);
  cadre_upload up = {.field = "file",
                     .filename = cadre_printf(req, "%s-2023-minh-hoa.pdf", kind),
                     .mime = "application/pdf",
                     .data = (const unsigned char *)pdf,
                     .size = len};
  int64_t file = cadre_file_store(req, &up, school ? school : agency_id(req, "HVCTQG"));
  if (file < 0)
    return -1;
  return cadre_db_exec(req,
                       "INSERT INTO emulation_submission_file (submission_id, file_id, part, "
                       " revision) VALUES (?, ?, ?, 0)",
                       CV_ARGS(CV_INT(sub), CV_INT(file), CV_STR(part))) < 0
             ? -1
             : 0;
}

/* Figures: most schools meet every target; every fourth misses LĐTT, every
 * fifth has too many Chiến sĩ thi đua. */
static int figures(cadre_req *req, struct demo *d, int64_t school, int i) {
  int staff = 40 + (i * 7) % 50, units = 8 + i % 5;
  int ldtt = staff * (i % 4 == 0 ? 78 : 88) / 100;
  int cstd = ldtt * (i % 5 == 0 ? 18 : 12) / 100;
  int party = 4 + i % 4;
  return cadre_db_exec(req,
                       "INSERT INTO emulation_figures (year_id, school_id, staff_total, ldtt, cstd, "
                       " units_total, units_ldtt, units_ldxs, commended, party_total, party_good, "
                       " party_excellent, prof_total, prof_good, prof_excellent, dept_total, dept_joined) "
                       "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                       CV_ARGS(CV_INT(d->y.id), CV_INT(school), CV_INT(staff), CV_INT(ldtt), CV_INT(cstd),
                               CV_INT(units), CV_INT(units - 1), CV_INT(1 + i % 2),
                               CV_INT((staff + units) / 12), CV_INT(party), CV_INT(party - 2), CV_INT(1),
                               CV_INT(units), CV_INT(units - 1), CV_INT(1), CV_INT(units), CV_INT(units))) < 0
             ? -1
             : 0;
}

/* Scores of school position `s` on criterion position `k`: the maximum,
 * less a deduction on the first criterion that grows with the position, with
 * two pairs of equal deductions so the demo shows ties; the cross-check
 * agrees except where noted. */
static const em_pts deduction[10] = {0, 100, 250, 250, 300, 450, 500, 600, 700, 800};

static em_pts self_points(em_pts max, int s, int k) {
  em_pts p = k == 0 ? max - deduction[s % 10] : max;
  return p < 0 ? 0 : p;
}

static em_pts cross_points(em_pts self, int s, int k, bool big_gap) {
  if (big_gap && k == 2)
    return self >= 400 ? self - 400 : 0; /* four points under: flagged */
  if (s == 4 && k == 0)
    return self >= 100 ? self - 100 : 0;
  return self;
}

static int scorecard(cadre_req *req, struct demo *d, int64_t cluster, int64_t school, int64_t scorer,
                     const char *role, int64_t sheet, const char *at, int64_t *card) {
  if (cadre_db_exec(req,
                    "INSERT INTO emulation_scorecard (year_id, cluster_id, school_id, role, "
                    " scorer_school_id, sheet_id, state, submitted_at) "
                    "VALUES (?, ?, ?, ?, ?, ?, 'submitted', ?)",
                    CV_ARGS(CV_INT(d->y.id), CV_INT(cluster), CV_INT(school), CV_STR(role), CV_INT(scorer),
                            CV_INT(sheet), CV_STR(at))) < 0)
    return -1;
  *card = cadre_db_last_id(req);
  return 0;
}

static int score(cadre_req *req, int64_t card, int64_t criterion, em_pts p, int64_t scorer, const char *at) {
  char text[24];
  em_pts_format(p, text, sizeof text);
  if (cadre_db_exec(req, "INSERT INTO emulation_score (scorecard_id, criterion_id, points) VALUES (?, ?, ?)",
                    CV_ARGS(CV_INT(card), CV_INT(criterion), CV_STR(text))) < 0 ||
      cadre_db_exec(req,
                    "INSERT INTO emulation_score_history (scorecard_id, criterion_id, points, "
                    " scorer_school_id, scored_by_login, at) VALUES (?, ?, ?, ?, 'demo', ?)",
                    CV_ARGS(CV_INT(card), CV_INT(criterion), CV_STR(text), CV_INT(scorer), CV_STR(at))) < 0)
    return -1;
  return 0;
}

/* Self-score of one school, and its cross-check when `checker` is set. */
static int scores(cadre_req *req, struct demo *d, int64_t cluster, int64_t school, int s, int64_t checker,
                  bool big_gap) {
  json_t *sheet = cadre_db_row(req,
                               "SELECT sh.id FROM emulation_sheet sh JOIN agency a "
                               " ON a.kind = sh.school_kind WHERE sh.year_id = ? AND a.id = ?",
                               CV_ARGS(CV_INT(d->y.id), CV_INT(school)));
  if (!sheet)
    return -1;
  json_t *criteria = em_criteria(req, cadre_jint(sheet, "id", 0));
  if (!criteria)
    return -1;
  int64_t self_card, cross_card = 0;
  if (scorecard(req, d, cluster, school, school, "self", cadre_jint(sheet, "id", 0), "2023-11-03 15:00:00",
                &self_card) < 0 ||
      (checker && scorecard(req, d, cluster, school, checker, "cross", cadre_jint(sheet, "id", 0),
                            "2023-11-20 10:00:00", &cross_card) < 0))
    return -1;
  size_t k;
  json_t *c;
  json_array_foreach(criteria, k, c) {
    bool bonus_or_penalty = strcmp(cadre_jstr(c, "kind"), "score") != 0;
    em_pts max = cadre_jint(c, "max_h", 0);
    /* one point of bonus for the second school: it ties with the first */
    em_pts self = bonus_or_penalty ? (s == 1 && strcmp(cadre_jstr(c, "kind"), "bonus") == 0 ? 100 : 0)
                                   : self_points(max, s, (int)k);
    if (score(req, self_card, cadre_jint(c, "id", 0), self, school, "2023-11-03 15:00:00") < 0)
      return -1;
    if (cross_card && score(req, cross_card, cadre_jint(c, "id", 0), cross_points(self, s, (int)k, big_gap),
                            checker, "2023-11-20 10:00:00") < 0)
      return -1;
  }
  return 0;
}

/* ---- one cluster ----------------------------------------------------------------------------- */

static int build_cluster(cadre_req *req, struct demo *d, size_t ci) {
  const struct demo_cluster *dc = &clusters[ci];
  if (cadre_db_exec(req, "INSERT INTO emulation_cluster (year_id, code, name, is_sample) VALUES (?, ?, ?, 1)",
                    CV_ARGS(CV_INT(d->y.id), CV_STR(dc->code), CV_STR(dc->name))) < 0)
    return -1;
  int64_t cluster = d->cluster_ids[ci] = cadre_db_last_id(req);
  int64_t ids[10] = {0};
  size_t n = 0;
  for (; dc->schools[n]; n++) {
    ids[n] = agency_id(req, dc->schools[n]);
    if (!ids[n] || cadre_db_exec(req,
                                 "INSERT INTO emulation_member (year_id, cluster_id, school_id, sort) "
                                 "VALUES (?, ?, ?, ?)",
                                 CV_ARGS(CV_INT(d->y.id), CV_INT(cluster), CV_INT(ids[n]),
                                         CV_INT((int64_t)(n + 1) * 10))) < 0)
      return -1;
  }
  /* head, deputy; each school cross-checks the one before it */
  if (cadre_db_exec(req, "UPDATE emulation_cluster SET head_school_id = ?, deputy_school_id = ? WHERE id = ?",
                    CV_ARGS(CV_INT(ids[0]), CV_INT(ids[1]), CV_INT(cluster))) < 0)
    return -1;
  for (size_t s = 0; s < n; s++)
    if (cadre_db_exec(req,
                      "UPDATE emulation_member SET cross_checker_school_id = ? "
                      "WHERE cluster_id = ? AND school_id = ?",
                      CV_ARGS(CV_INT(ids[(s + n - 1) % n]), CV_INT(cluster), CV_INT(ids[s]))) < 0)
      return -1;
  bool crossed = ci == 0 || ci == 5;
  for (size_t s = 0; s < n; s++) {
    const char *code = dc->schools[s];
    int i = (int)(ci * 10 + s);
    if (strcmp(code, NO_PLAN) == 0)
      continue; /* not evaluated: nothing more from this school */
    const char *plan_at = cadre_printf(req, "2023-03-0%d 09:30:00", 1 + (int)(s % 5));
    if (strcmp(code, LATE_PLAN) == 0) {
      plan_at = "2023-03-08 14:00:00";
      if (cadre_db_exec(req,
                        "INSERT INTO emulation_exception (deadline_id, cluster_id, school_id, "
                        " until_date, reason, granted_by_login) VALUES (?, ?, ?, '2023-03-10', ?, 'demo')",
                        CV_ARGS(CV_INT(deadline_id(req, d, "plan")), CV_INT(cluster), CV_INT(ids[s]),
                                CV_STR("Văn bản của Tỉnh ủy về việc điều chỉnh kế hoạch (minh họa)"))) < 0)
        return -1;
    }
    if (submit(req, d, "plan", cluster, ids[s], plan_at, "accepted", "main",
               "{\"registration\":\"Đăng ký danh hiệu Tập thể Lao động xuất sắc (minh họa)\"}") < 0 ||
        figures(req, d, ids[s], i) < 0 ||
        submit(req, d, "school_report", cluster, ids[s],
               "2023-11-0"
               "4 10:00:00",
               "submitted", "main", NULL) < 0 ||
        submit(req, d, "score_sheet", cluster, ids[s], "2023-11-03 15:00:00", "submitted", NULL, NULL) < 0 ||
        scores(req, d, cluster, ids[s], (int)s, crossed ? ids[(s + n - 1) % n] : 0, ci == 0 && s == 2) < 0)
      return -1;
  }
  /* the cluster's own submissions through the year */
  if (submit(req, d, "cluster_plan", cluster, 0, "2023-03-14 16:00:00", "accepted", "main", NULL) < 0 ||
      submit(req, d, "officers", cluster, 0, "2023-03-14 16:00:00", "accepted", "main", NULL) < 0 ||
      submit(req, d, "midyear_conference", cluster, 0, "2023-07-28 11:00:00", "accepted", NULL,
             "{\"held_on\":\"2023-07-27\",\"place\":\"Trường của Cụm trưởng\"}") < 0 ||
      submit(req, d, "midyear_report", cluster, 0, ci == 3 ? "2023-08-14 09:00:00" : "2023-08-09 09:00:00",
             "submitted", "main", NULL) < 0 ||
      submit(req, d, "conference_plan", cluster, 0, "2023-11-08 09:00:00", "submitted", "main",
             "{\"held_on\":\"2023-11-24\"}") < 0)
    return -1;
  return 0;
}

/* Cluster 6: finalised, proposals made, next term proposed, dossier sent. */
static int finish_sector_cluster(cadre_req *req, struct demo *d) {
  struct em_cluster c;
  if (em_cluster_load(req, d->cluster_ids[5], &c))
    return -1;
  int round;
  if (em_finalize_in_tx(req, &d->y, &c, &round))
    return -1;
  if (cadre_db_exec(req,
                    "UPDATE emulation_cluster SET finalized_at = '2023-11-24 16:00:00', "
                    " next_head_school_id = ?, next_deputy_school_id = ?, "
                    " next_term_state = 'proposed' WHERE id = ?",
                    CV_ARGS(CV_INT(agency_id(req, "BNV-T")), CV_INT(agency_id(req, "BQP-T")), CV_INT(c.id))) <
      0)
    return -1;
  if (submit(req, d, "cluster_dossier", c.id, 0, "2023-11-29 10:00:00", "submitted", "m06", NULL) < 0)
    return -1;
  return 0;
}

static int demo_tx(cadre_req *req, void *p) {
  struct demo *d = p;
  int64_t existing = 0;
  if (cadre_db_int(req, &existing, "SELECT COUNT(*) FROM emulation_cluster WHERE year_id = ?",
                   CV_ARGS(CV_INT(d->y.id))) < 0)
    return 500;
  if (existing > 0) {
    fprintf(stdout, "emulation: năm %d đã có %lld cụm, giữ nguyên dữ liệu mẫu\n", d->y.year,
            (long long)existing);
    return 0;
  }
  for (size_t ci = 0; ci < CLUSTERS; ci++)
    if (build_cluster(req, d, ci) < 0)
      return 500;
  if (finish_sector_cluster(req, d) < 0)
    return 500;
  json_t *after = json_pack("{s:i, s:b}", "clusters", (int)CLUSTERS, "sample", 1);
  int rc = cadre_audit(req, "emulation.year", d->y.id, "demo", NULL, after);
  json_decref(after);
  if (rc < 0)
    return 500;
  fprintf(stdout, "emulation: %zu cụm thi đua mẫu (minh họa) cho năm %d\n", CLUSTERS, d->y.year);
  return 0;
}

/* The shipped copy of the seed letter ([server] data_dir). */
static const char *seed_path(cadre_req *ctx) { return cadre_data_path(ctx, SEED); }

int em_cmd_demo(cadre_req *ctx, int argc, char **argv) {
  (void)argc;
  (void)argv;
  int rc = em_import_file(ctx, seed_path(ctx), false);
  if (rc)
    return rc;
  struct demo d;
  memset(&d, 0, sizeof d);
  if (em_year_load(ctx, 2023, &d.y)) {
    fprintf(stderr, "emulation: không có năm 2023 sau khi đọc công văn\n");
    return 1;
  }
  if (cadre_tx(ctx, demo_tx, &d)) {
    fprintf(stderr, "emulation: không tạo được dữ liệu mẫu\n");
    return 1;
  }
  return 0;
}
