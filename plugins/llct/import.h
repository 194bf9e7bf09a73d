/*
 * The importer's job, shared by the upload route and the CLI command
 * (import_io.c) and the writer (import.c).
 */
#ifndef LLCT_IMPORT_H
#define LLCT_IMPORT_H

#include "llct.h"

struct llct_import_counts {
  int plans, lines, classes, allotments, steps, agencies;
};

typedef struct llct_import_job {
  cadre_req *req;
  /* input */
  const char *filename;
  const char *data;
  size_t len;
  bool dry_run;
  int64_t owner_opt, school_opt; /* 0: decided from the plan and the caller */
  /* parsed */
  llct_pplan plan;
  json_t *report; /* request-owned */
  /* outcome */
  int64_t owner_id, school_id, root_id, plan_id;
  bool plan_existed;
  struct llct_import_counts created, existing;
  json_t *pending, *changed;
  bool dry_done;
} llct_import_job;

/* Writes the parsed plan in one transaction (rolled back for a dry run) and
 * completes j->report. 0, or the status already answered. */
int llct_import_run(llct_import_job *j);

#endif
