/*
 * Module course: registration, bridge points, attendance and essays for the
 * livestreamed cadre course of Plan 664-KH/HVCTQG (seed 001).
 *
 * Internal declarations shared by the plugin's files. The pure logic (time
 * windows, state machines, CSV parsing and normalisation) takes no request
 * and touches no database, so the unit tests in tests/unit/course/ exercise
 * it directly.
 */
#ifndef COURSE_H
#define COURSE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <cadre/cadre.h>

/* ---- Date-times as "yyyy-mm-dd hh:mm[:ss]" (Vietnam time) -------------- */

/* Seconds since 1970-01-01 00:00:00 of the same wall clock (no zone). */
bool course_dt_parse(const char *s, int64_t *secs);
/* out ≥ 20 bytes: "yyyy-mm-dd hh:mm:ss". */
void course_dt_format(int64_t secs, char *out);

/* ---- Rules (rules.c) ----------------------------------------------------- */

enum course_window { COURSE_BEFORE, COURSE_OPEN, COURSE_AFTER };
/* Open from `opens` (inclusive) to `closes` (inclusive). */
enum course_window course_window_at(int64_t now, int64_t opens, int64_t closes);

enum course_essay_timing {
  COURSE_ESSAY_NOT_OPEN,
  COURSE_ESSAY_ON_TIME, /* opens ≤ now ≤ due */
  COURSE_ESSAY_LATE,    /* due < now ≤ cutoff */
  COURSE_ESSAY_CLOSED,  /* cutoff < now */
};
enum course_essay_timing course_essay_timing_at(int64_t now, int64_t opens, int64_t due, int64_t cutoff);

enum course_checkin {
  COURSE_CHECKIN_TOO_EARLY, /* before starts − opens_before */
  COURSE_CHECKIN_PRESENT,   /* up to starts + late_after */
  COURSE_CHECKIN_LATE,      /* until the session ends */
  COURSE_CHECKIN_CLOSED,    /* after the session ended */
};
enum course_checkin course_checkin_at(int64_t now, int64_t starts, int64_t ends, int opens_before_min,
                                      int late_after_min);

enum course_mark_edit {
  COURSE_MARK_TOO_EARLY,     /* roster not open yet */
  COURSE_MARK_OPEN,          /* the bridge point's organiser may mark */
  COURSE_MARK_PROVINCE_ONLY, /* after end + grace: only the province */
};
enum course_mark_edit course_mark_edit_at(int64_t now, int64_t starts, int64_t ends, int opens_before_min,
                                          int grace_min);

/* Bridge point workflow: submitted → approved | returned; returned →
 * submitted (resubmitted after changes). Returns the new state, or NULL
 * when the action is not allowed from `state`. */
const char *course_bp_next(const char *state, const char *action);
/* Essay workflow: submitted → acknowledged | returned; returned → submitted
 * (resubmission). NULL when not allowed. */
const char *course_essay_next(const char *state, const char *action);

/* The bridge-point level of an agency kind: "academy", "province",
 * "commune", or NULL when such an agency cannot host a bridge point. */
const char *course_level_of_kind(const char *kind);

/* A person's name or a one-line label: valid UTF-8, no control characters,
 * between min and max code points after trimming. */
bool course_line_ok(const char *s, size_t min, size_t max);

/* ---- Normalisation of imported values (person.c) ------------------------- */

/* The host's CF_CCCD / CF_PHONE / CF_EMAIL rules (cadre_check_value) for
 * values from a CSV file, plus repairs and hints for what spreadsheets do to
 * numbers. Each returns NULL when the value is acceptable (*out: normalised,
 * in the arena; NULL for an empty optional e-mail), or the row's stable
 * error code with a Vietnamese explanation in *msg. */
const char *course_norm_cccd(cadre_arena *a, const char *in, const char **out, const char **msg);
const char *course_norm_phone(cadre_arena *a, const char *in, const char **out, const char **msg);
const char *course_norm_email(cadre_arena *a, const char *in, const char **out, const char **msg);
/* "commune_leader", "school_lecturer", "other", or NULL when the text names
 * none of them. Empty text is "other". Accepts the codes and Vietnamese
 * wording ("Cán bộ lãnh đạo, quản lý cấp xã", "Giảng viên", "Khác"). */
const char *course_category_parse(cadre_arena *a, const char *text);

/* ---- Participant CSV (participants_csv.c) -------------------------------- */

#define COURSE_CSV_MAX_ROWS 5000

struct course_prow {
  long line; /* line number in the file (1 = header) */
  const char *full_name, *cccd, *phone, *email, *position, *unit_name, *category;
  const char *error_code;    /* NULL when the row is valid */
  const char *error_message; /* every problem of the row, in Vietnamese */
  long dup_of_line;          /* > 0: same citizen ID as that earlier line */
};

struct course_pfile {
  struct course_prow *rows;
  size_t nrows;
  size_t ninvalid;        /* rows with error_code (duplicates included) */
  size_t nduplicates;     /* rows repeating an earlier row's citizen ID */
  const char *error_code; /* file-level problem (then rows are not read) */
  const char *error_message;
};

/* Parses an organiser's participant list (UTF-8, with or without BOM,
 * separator , ; or TAB, header row with Vietnamese or English column names).
 * Returns 0 when the file could be read (rows may still be invalid), -1 with
 * out->error_code set when it cannot be used at all. */
int course_parse_participants(cadre_arena *a, const char *data, size_t len, struct course_pfile *out);

/* ---- Official list of administrative units (units_csv.c) ---------------- */

struct course_urow {
  long line;
  const char *code, *name;
  const char *kind;      /* "province" or "commune" */
  const char *kind_text; /* as written: "Xã", "Phường", "Đặc khu", "Tỉnh"… */
  const char *province;  /* as written (code or name); NULL for provinces */
  const char *error_code, *error_message;
};

struct course_ufile {
  struct course_urow *rows;
  size_t nrows, ninvalid, nprovinces, ncommunes;
  const char *error_code, *error_message;
};

int course_parse_units(cadre_arena *a, const char *data, size_t len, struct course_ufile *out);
/* The distinctive part of a province's name, folded: "Thành ủy Hà Nội",
 * "Thành phố Hà Nội" and "TP. Hà Nội" all give "ha noi". */
char *course_province_key(cadre_arena *a, const char *name);

/* ---- Roster entries (roster.c) ------------------------------------------ */

#define COURSE_ROSTER_MAX 2000

struct course_roster {
  size_t n;
  json_t *canonical; /* [{"r": id, "s": status}], owned by the caller */
  const char *error_code, *error_message;
  size_t bad_index; /* entry the error is about */
};
/* Validates [{"registration_id": 12, "status": "present"}, …]: ids positive
 * and not repeated, statuses present/late/excused/absent, 1…MAX entries.
 * Returns 0, or -1 with error_code set. */
int course_roster_parse(json_t *entries, struct course_roster *out);
bool course_status_valid(const char *status);

/* ---- Codes (codes.c) ---------------------------------------------------- */

/* n random characters from an alphabet without look-alikes (0/O, 1/I/L),
 * NUL-terminated (out holds n + 1). */
void course_random_code(char *out, size_t n);

/* ---- Shared helpers for handlers (util.c) ------------------------------- */

int64_t course_jint(json_t *row, const char *key);
const char *course_jstr(json_t *row, const char *key);
/* Now in seconds on the Vietnam wall clock (cadre_now_text). */
int64_t course_now(cadre_req *req);
/* The datetime column `key` of a row in seconds (0 when absent). */
int64_t course_jdt(json_t *row, const char *key);
/* The course a request is about: the `course` field, or the latest course
 * when absent. Returns 0 with *out set, or the status it answered (404 when
 * there is none). */
int course_load(cadre_req *req, json_t **out);
/* True when the caller may act "as the province or above" for an agency
 * (national scope, or scope root of kind province that contains it). */
int course_caller_is_province_for(cadre_req *req, int64_t agency_id);
/* 1 when the caller is strictly above agency_id (their scope root is an
 * ancestor of it but not the agency itself), 0 otherwise, -1 on error. */
int course_caller_above(cadre_req *req, int64_t agency_id);

/* ---- Handlers ----------------------------------------------------------- */

/* course_api.c */
int course_h_list(cadre_req *req);
int course_h_get(cadre_req *req);
int course_h_update(cadre_req *req);
int course_h_session_update(cadre_req *req);
int course_h_public_course(cadre_req *req);
int course_h_public_bridge_point(cadre_req *req);

/* bridge.c */
int course_h_bp_list(cadre_req *req);
int course_h_bp_get(cadre_req *req);
int course_h_bp_create(cadre_req *req);
int course_h_bp_update(cadre_req *req);
int course_h_bp_submit(cadre_req *req);
int course_h_bp_approve(cadre_req *req);
int course_h_bp_return(cadre_req *req);
int course_h_bp_connection(cadre_req *req);
/* bridge_stream.c */
int course_request_stream_link(cadre_req *req, json_t *bp);
int course_outbox_reply(cadre_req *ctx, const char *kind, int64_t ref, json_t *answer);

/* bp_cache.c: a worker's memory of the points the public form names (the
 * seat UPDATE re-checks version and title; see register.c). Strings of a
 * hit are copied into the request's arena. */
struct course_bp_seen {
  int64_t bp_id, province_id, version;
  const char *code, *name, *course_title;
};
bool course_bp_cache_get(cadre_req *req, int64_t course_id, const char *code, struct course_bp_seen *out);
void course_bp_cache_put(int64_t course_id, const struct course_bp_seen *in);

/* register_batch.c: a public registration combined with others into one
 * transaction. Everything is the waiting request's; the leader fills id. */
struct course_reg_item {
  int64_t course_id, bp_id, province_id, version; /* the point as remembered */
  const char *course_title, *now;
  const char *cccd, *full_name, *position, *unit, *phone, *email, *category;
  const char *idem, *ticket;
  const char *mail_subject, *mail_text; /* when email */
  json_t *after;                        /* the audit row's after */
  int64_t id;                           /* out: the registration */
};
/* true: registered (it->id); false: not done, register alone. */
bool course_register_batched(cadre_req *req, struct course_reg_item *it);

/* register.c */
int course_h_public_register(cadre_req *req);
int course_h_participant_add(cadre_req *req);
int course_h_public_lookup(cadre_req *req);

/* participants.c */
int course_h_participant_list(cadre_req *req);
int course_h_participant_get(cadre_req *req);
int course_h_participant_update(cadre_req *req);
int course_h_participant_transfer(cadre_req *req);
int course_h_participant_withdraw(cadre_req *req);
/* Load a registration / a bridge point and check the caller's scope over
 * its bridge point's unit. Return 0 with *out set, or the status answered
 * (404 when unknown or out of scope, as if it did not exist). */
int course_registration_in_scope(cadre_req *req, int64_t id, json_t **out);
int course_bp_in_scope(cadre_req *req, int64_t id, json_t **out);

/* import.c */
int course_h_participant_import(cadre_req *req);

/* attendance.c */
int course_h_roster_get(cadre_req *req);
int course_h_roster_submit(cadre_req *req);
int course_h_public_checkin(cadre_req *req);

/* essays.c */
int course_h_public_essay(cadre_req *req);
int course_h_essay_list(cadre_req *req);
int course_h_essay_get(cadre_req *req);
int course_h_essay_file(cadre_req *req);
int course_h_essay_acknowledge(cadre_req *req);
int course_h_essay_return(cadre_req *req);

/* reports.c: the level a report is asked at (national: one row per
 * province; else the subtree of *parent, in the caller's scope), and its
 * answer — JSON with totals and the members of `extra` (NULL for none), or
 * the table as a file by `format`. */
int course_report_level(cadre_req *req, int64_t *parent, bool *national);
/* {level, parent, items: rows, totals: every integer column summed}. */
json_t *course_report_body(cadre_req *req, json_t *rows, bool national, int64_t parent);
int course_report_answer(cadre_req *req, json_t *rows, bool national, int64_t parent, const char *filename,
                         const char *title, const struct cadre_column *cols, size_t ncols, json_t *extra);
int course_h_report_coverage(cadre_req *req);
int course_h_report_registrations(cadre_req *req);
int course_h_report_checkin(cadre_req *req);
int course_h_report_matrix(cadre_req *req);
int course_h_report_essays(cadre_req *req);
int course_h_report_essays_missing(cadre_req *req);

/* proposals.c */
int course_h_report_proposals(cadre_req *req);
int course_h_report_proposals_list(cadre_req *req);

/* certificates.c */
int course_h_report_certificates(cadre_req *req);
int course_h_report_certificates_eligible(cadre_req *req);

/* units.c */
int course_h_units_import(cadre_req *req);
int course_cmd_import_units(cadre_req *ctx, int argc, char **argv);

#endif
