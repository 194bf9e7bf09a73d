/*
 * The task state machine and who may move it.
 *
 *   not_started ─report→ in_progress ─claim→ claimed ─confirm→ completed
 *        │                    ↑                 │
 *        └──────claim─────────┼──────→          └─return→ returned ─report/claim→ …
 *   any open state ─cancel→ cancelled;  completed/cancelled ─reopen→ in_progress
 *
 * The lead unit reports, claims completion and asks for more time; the
 * supervising unit (or the programme's administrator) confirms or returns
 * a claim and decides extensions, but never for a task it leads itself;
 * the programme's administrator sets deadlines, cancels and reopens.
 */
#include "tasks.h"

#include <string.h>

#define OPEN_STATES ((1u << TASKS_ST_NOT_STARTED) | (1u << TASKS_ST_IN_PROGRESS) | (1u << TASKS_ST_RETURNED))
#define ALL_STATES ((1u << TASKS_ST_COUNT) - 1u)
#define SAME (-2) /* the action keeps the status */

static const struct rule {
  const char *code;
  unsigned from;   /* bit set of states the action starts from */
  int to;          /* the status after, or SAME */
  unsigned actors; /* any of these may take it */
  bool not_lead;   /* refused to a lead unit (no self-review) */
} rules[TASKS_A_COUNT] = {
    [TASKS_A_REPORT] = {"report", OPEN_STATES, TASKS_ST_IN_PROGRESS, TASKS_ACTOR_LEAD, false},
    [TASKS_A_CLAIM] = {"claim", OPEN_STATES, TASKS_ST_CLAIMED, TASKS_ACTOR_LEAD, false},
    [TASKS_A_CONFIRM] = {"confirm", 1u << TASKS_ST_CLAIMED, TASKS_ST_COMPLETED,
                         TASKS_ACTOR_SUPERVISOR | TASKS_ACTOR_ADMIN, true},
    [TASKS_A_RETURN] = {"return", 1u << TASKS_ST_CLAIMED, TASKS_ST_RETURNED,
                        TASKS_ACTOR_SUPERVISOR | TASKS_ACTOR_ADMIN, true},
    [TASKS_A_REQUEST_EXTENSION] = {"request_extension", OPEN_STATES, SAME, TASKS_ACTOR_LEAD, false},
    [TASKS_A_DECIDE_EXTENSION] = {"decide_extension", OPEN_STATES | (1u << TASKS_ST_CLAIMED), SAME,
                                  TASKS_ACTOR_SUPERVISOR | TASKS_ACTOR_ADMIN, true},
    [TASKS_A_SET_DEADLINE] = {"set_deadline", ALL_STATES, SAME, TASKS_ACTOR_ADMIN, false},
    [TASKS_A_CANCEL] = {"cancel", OPEN_STATES | (1u << TASKS_ST_CLAIMED), TASKS_ST_CANCELLED,
                        TASKS_ACTOR_ADMIN, false},
    [TASKS_A_REOPEN] = {"reopen", (1u << TASKS_ST_COMPLETED) | (1u << TASKS_ST_CANCELLED),
                        TASKS_ST_IN_PROGRESS, TASKS_ACTOR_ADMIN, false},
};

const char *tasks_action_code(enum tasks_action a) {
  return (unsigned)a < TASKS_A_COUNT ? rules[a].code : "unknown";
}

int tasks_next_status(enum tasks_status from, enum tasks_action action) {
  if ((unsigned)action >= TASKS_A_COUNT || (unsigned)from >= TASKS_ST_COUNT)
    return -1;
  const struct rule *r = &rules[action];
  if (!(r->from & (1u << from)))
    return -1;
  return r->to == SAME ? (int)from : r->to;
}

const char *tasks_actor_refusal(enum tasks_action action, unsigned actors) {
  if ((unsigned)action >= TASKS_A_COUNT)
    return "forbidden";
  const struct rule *r = &rules[action];
  if (r->not_lead && (actors & TASKS_ACTOR_LEAD))
    return "self_review";
  if (actors & r->actors)
    return NULL;
  if (r->actors == TASKS_ACTOR_LEAD)
    return "not_lead_unit";
  if (r->actors == TASKS_ACTOR_ADMIN)
    return "not_programme_admin";
  return "not_supervisor";
}
