/*
 * The diploma-blank stock's writes, called inside a transaction by the
 * routes (blanks_routes.c) and the demo command. Each returns 0, or the
 * status it answered (a refusal rolls the transaction back).
 */
#ifndef LLCT_BLANKS_H
#define LLCT_BLANKS_H

#include "llct.h"

typedef struct llct_blank_range_in {
  const char *first, *last; /* serials as typed: "LL000001" */
  const char *on;           /* yyyy-mm-dd */
  const char *doc;          /* delivery note, allocation decision */
  const char *note;
} llct_blank_range_in;

/* The Academy receives a range from the printer. */
int llct_blank_receive(cadre_req *req, const llct_blank_range_in *in, int64_t to_agency, int64_t *move_id);
/* A holder passes part of one of its ranges to a school (allocation) or
 * back to the Academy (return); the range splits. */
int llct_blank_move(cadre_req *req, const llct_blank_range_in *in, int64_t from_agency, int64_t to_agency,
                    int64_t *move_id);
/* One serial to one graduate, from the stock of the graduate's school. */
int llct_blank_issue(cadre_req *req, const char *serial, int64_t learner_id, const char *on,
                     const char *register_no);
/* A serial leaves the stock damaged, lost or destroyed, with minutes. */
int llct_blank_void(cadre_req *req, const char *serial, int64_t holder, const char *why, const char *reason,
                    const char *minutes_no, const char *minutes_on, const char *on);

#endif
