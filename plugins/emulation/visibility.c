/*
 * Who sees which scores, before and after the cluster finalises its table.
 * Kept apart from the handlers so every combination is unit-tested; the
 * handlers only gather the facts.
 */
#include "rules.h"

bool em_card_visible(const struct em_card_view *v) {
  if (v->viewer == EM_VIEW_BOARD)
    return true;
  if (v->finalized)
    return true; /* after finalisation the table is published to the cluster */
  if (v->viewer == EM_VIEW_OUTSIDE)
    return false;
  if (!v->cross) {
    /* A self-score: its own school, the head running the table, and the
     * school verifying it (once there is something submitted to verify). */
    if (v->viewer_is_scored)
      return true;
    if (v->viewer == EM_VIEW_HEAD)
      return v->self_submitted;
    return v->viewer_is_checker && v->self_submitted;
  }
  /* A cross-check: the checker's own work and the head running the table;
   * no other school, the one judged included, before the decision. */
  if (v->viewer_is_checker || v->viewer == EM_VIEW_HEAD)
    return true;
  return false;
}

bool em_ranking_visible(enum em_viewer viewer, bool finalized) {
  if (viewer == EM_VIEW_BOARD || viewer == EM_VIEW_HEAD)
    return true;
  return finalized;
}
