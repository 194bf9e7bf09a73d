/* The stream link of an approved bridge point: a webhook to the configured
 * livestream platform ([webhooks] livestream = URL), queued in the outbox in
 * the approving transaction, and the platform's answer stored when the
 * delivery loop hands it back (outbox_reply). An answer without a usable
 * link is accepted and logged, not retried. */
#include "course.h"

#include <string.h>

int course_request_stream_link(cadre_req *req, json_t *bp) {
  int64_t id = course_jint(bp, "id");
  json_t *payload = cadre_keep(
      req,
      json_pack("{s:s,s:{s:I,s:s,s:s,s:s,s:s},s:{s:I,s:s,s:s,s:s,s:s,s:I,"
                "s:s,s:s}}",
                "event", "bridge_point.approved", "course", "id", (json_int_t)course_jint(bp, "course_id"),
                "code", course_jstr(bp, "course_code"), "title", course_jstr(bp, "course_title"), "opens_at",
                course_jstr(bp, "opens_at"), "closes_at", course_jstr(bp, "closes_at"), "bridge_point", "id",
                (json_int_t)id, "code", course_jstr(bp, "code"), "name", course_jstr(bp, "name"), "level",
                course_jstr(bp, "level"), "address", course_jstr(bp, "address"), "seats",
                (json_int_t)course_jint(bp, "seats"), "organizer_name", course_jstr(bp, "organizer_name"),
                "contact_phone", course_jstr(bp, "contact_phone")));
  if (!payload)
    return -1;
  /* One request per approval: a bridge point returned and approved again
   * asks again (its version moved on). */
  const char *key =
      cadre_printf(req, "course-stream-%lld-v%lld", (long long)id, (long long)course_jint(bp, "version"));
  if (cadre_outbox_webhook(req, "livestream", payload, "stream_link", id, key) < 0)
    return -1;
  return cadre_db_exec(req,
                       "UPDATE course_bridge_point SET stream_requested_at = ?"
                       " WHERE id = ?",
                       CV_ARGS(CV_STR(cadre_now_text(req)), CV_INT(id))) < 0
             ? -1
             : 0;
}

/* A link we are willing to show officials: http(s), printable, bounded. */
static bool link_ok(const char *s) {
  if (!s)
    return false;
  size_t n = strlen(s);
  if (n < 10 || n > 1000)
    return false;
  if (strncmp(s, "https://", 8) != 0 && strncmp(s, "http://", 7) != 0)
    return false;
  for (const char *p = s; *p; p++)
    if ((unsigned char)*p <= ' ' || *p == '"' || *p == '<' || *p == '>' || (unsigned char)*p == 0x7f)
      return false;
  return true;
}

int course_outbox_reply(cadre_req *ctx, const char *kind, int64_t ref, json_t *answer) {
  if (!kind || strcmp(kind, "stream_link") != 0)
    return -1;
  const char *link = json_string_value(json_object_get(answer, "stream_link"));
  if (!link)
    link = json_string_value(json_object_get(answer, "url"));
  if (!link_ok(link)) {
    /* Delivered, but nothing to store: asking again would get the same
     * answer. The point keeps stream_requested_at without
     * stream_received_at, which the pages show as "no link yet". */
    cadre_log(ctx, "warn",
              "course: livestream answer for bridge point %lld "
              "has no usable link",
              (long long)ref);
    return 0;
  }
  json_t *before =
      cadre_db_row(ctx, "SELECT stream_link FROM course_bridge_point WHERE id = ?", CV_ARGS(CV_INT(ref)));
  if (!before)
    return -1;
  if (cadre_db_exec(ctx,
                    "UPDATE course_bridge_point SET stream_link = ?,"
                    " stream_received_at = ? WHERE id = ?",
                    CV_ARGS(CV_STR(link), CV_STR(cadre_now_text(ctx)), CV_INT(ref))) < 0)
    return -1;
  json_t *after = cadre_keep(ctx, json_pack("{s:s}", "stream_link", link));
  return cadre_audit(ctx, "course.bridge_point", ref, "stream_link", before, after) < 0 ? -1 : 0;
}
