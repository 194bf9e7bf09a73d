/*
 * Who may see and do what. Reading follows the agency tree for the scoped
 * roles (a school sees itself, a province its schools, the Academy all) and
 * council assignment for council members (only the schools whose cycles
 * their council was given, minus declared conflicts). Acting on a cycle
 * needs a role *and* the matching relation to that cycle.
 */
#include <string.h>

#include "accreditation.h"

#define ALL_ACTORS                                                                                           \
  (ACCR_ACT_SCHOOL | ACCR_ACT_SCHOOL_HEAD | ACCR_ACT_PROVINCE | ACCR_ACT_PROV_COUNCIL |                      \
   ACCR_ACT_CENTRAL_COUNCIL | ACCR_ACT_ACADEMY)

static bool is_system(const cadre_req *req) { return cadre_user_id(req) == -1; }

bool accr_reads_by_scope(cadre_req *req) {
  return is_system(req) || cadre_has_any_role(req, ACCR_ROLES_SCOPED);
}

static void fill_cycle(json_t *row, struct accr_cycle *out) {
  out->row = row;
  out->id = cadre_jint(row, "id", 0);
  out->school_id = cadre_jint(row, "school_agency_id", 0);
  out->version_id = cadre_jint(row, "version_id", 0);
  out->prov_council_id = cadre_jint(row, "provincial_council_id", 0);
  out->central_council_id = cadre_jint(row, "central_council_id", 0);
  out->target_level = (int)cadre_jint(row, "target_level", 0);
  if (!accr_state_parse(cadre_jstr(row, "state"), &out->state))
    out->state = ACCR_S_DRAFT;
}

int accr_cycle_load(cadre_req *req, int64_t id, bool lock, struct accr_cycle *out) {
  json_t *row =
      cadre_db_row(req,
                   "SELECT c.id, c.school_agency_id, c.version_id, c.target_level, c.title, c.state,"
                   " c.provincial_council_id, c.central_council_id, c.cloned_from_id, c.submitted_at,"
                   " c.endorsed_at, c.decided_at, c.changes_note, c.refusal_reasons, c.created_at,"
                   " c.updated_at FROM accreditation_cycle c WHERE c.id = ? AND" ACCR_CYCLE_VISIBLE("c"),
                   CV_ARGS(CV_INT(id), ACCR_VIS_ARGS(req)));
  if (!row) {
    if (cadre_db_errno(req))
      return cadre_db_fail(req);
    return cadre_fail(req, 404, "not_found", "Không tìm thấy kỳ đánh giá.");
  }
  if (lock) {
    /* Visibility checked above without locking the tree; now lock the row
     * itself and read its current state, which is what transitions trust. */
    json_t *locked =
        cadre_db_row(req,
                     "SELECT c.id, c.school_agency_id, c.version_id, c.target_level, c.title, c.state,"
                     " c.provincial_council_id, c.central_council_id, c.cloned_from_id, c.submitted_at,"
                     " c.endorsed_at, c.decided_at, c.changes_note, c.refusal_reasons, c.created_at,"
                     " c.updated_at FROM accreditation_cycle c WHERE c.id = ? FOR UPDATE",
                     CV_ARGS(CV_INT(id)));
    if (!locked)
      return cadre_db_fail(req);
    row = locked;
  }
  fill_cycle(row, out);
  return 0;
}

static void council_bits(cadre_req *req, const struct accr_cycle *c, unsigned *mask, bool *conflicted) {
  if (!c->prov_council_id && !c->central_council_id)
    return;
  json_t *rows =
      cadre_db_rows(req,
                    "SELECT m.council_id, EXISTS (SELECT 1 FROM accreditation_conflict x"
                    " WHERE x.council_id = m.council_id AND x.user_id = m.user_id"
                    " AND x.school_agency_id = ?) AS conflicted"
                    " FROM accreditation_council_member m WHERE m.user_id = ? AND m.council_id IN (?, ?)",
                    CV_ARGS(CV_INT(c->school_id), CV_INT(cadre_user_id(req)), CV_INT(c->prov_council_id),
                            CV_INT(c->central_council_id)));
  size_t i;
  json_t *r;
  json_array_foreach(rows, i, r) {
    int64_t council = cadre_jint(r, "council_id", 0);
    bool conflict = cadre_jtrue(r, "conflicted");
    unsigned bit = 0;
    if (council == c->prov_council_id && cadre_has_role(req, ACCR_ROLE_PROV_COUNCIL))
      bit |= ACCR_ACT_PROV_COUNCIL;
    if (council == c->central_council_id && cadre_has_role(req, ACCR_ROLE_CENTRAL_COUNCIL))
      bit |= ACCR_ACT_CENTRAL_COUNCIL;
    if (bit && conflict)
      *conflicted = true;
    else
      *mask |= bit;
  }
}

unsigned accr_actor_mask(cadre_req *req, const struct accr_cycle *c, bool *conflicted) {
  bool dummy;
  if (!conflicted)
    conflicted = &dummy;
  *conflicted = false;
  if (is_system(req))
    return ALL_ACTORS;
  unsigned mask = 0;
  int64_t own = cadre_user_agency(req);
  if (cadre_has_any_role(req, ACCR_ROLES_SCHOOL) && own > 0 &&
      cadre_agency_within(req, own, c->school_id) == 1) {
    mask |= ACCR_ACT_SCHOOL;
    if (cadre_has_role(req, ACCR_ROLE_HEAD))
      mask |= ACCR_ACT_SCHOOL_HEAD;
  }
  /* The province acts from above the school, never from inside it. */
  if (cadre_has_role(req, ACCR_ROLE_PROVINCE) && cadre_scope_root(req) != c->school_id &&
      cadre_in_scope(req, c->school_id) == 1)
    mask |= ACCR_ACT_PROVINCE;
  if (cadre_has_role(req, ACCR_ROLE_ACADEMY) && cadre_scope_national(req))
    mask |= ACCR_ACT_ACADEMY;
  council_bits(req, c, &mask, conflicted);
  return mask;
}

int accr_school_visible(cadre_req *req, int64_t school_id) {
  int64_t one = 0;
  int rc = cadre_db_int(req, &one, "SELECT 1 FROM agency a WHERE a.id = ? AND" ACCR_SCHOOL_VISIBLE("a.id"),
                        CV_ARGS(CV_INT(school_id), ACCR_VIS_ARGS(req)));
  return rc < 0 ? -1 : rc;
}

int accr_require_school_visible(cadre_req *req, int64_t school_id) {
  int v = accr_school_visible(req, school_id);
  if (v < 0)
    return cadre_db_fail(req);
  if (v == 0)
    return cadre_fail(req, 404, "not_found", "Không tìm thấy trường.");
  return 0;
}

int accr_require_school_staff(cadre_req *req, int64_t school_id) {
  if (is_system(req))
    return 0;
  int64_t own = cadre_user_agency(req);
  if (cadre_has_any_role(req, ACCR_ROLES_SCHOOL) && own > 0) {
    int within = cadre_agency_within(req, own, school_id);
    if (within < 0)
      return cadre_db_fail(req);
    if (within == 1)
      return 0;
  }
  int rc = accr_require_school_visible(req, school_id);
  if (rc)
    return rc;
  return cadre_fail(req, 403, "school_staff_only", "Chỉ cán bộ của trường mới được cập nhật nội dung này.");
}

int accr_is_school(cadre_req *req, int64_t agency_id) {
  const char *kind = cadre_db_str(req, "SELECT kind FROM agency WHERE id = ?", CV_ARGS(CV_INT(agency_id)));
  if (!kind)
    return cadre_db_errno(req) ? -1 : 0;
  return strcmp(kind, "political_school") == 0 || strcmp(kind, "sector_school") == 0;
}
