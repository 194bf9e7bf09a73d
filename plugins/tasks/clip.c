/* Shortening text for mail subjects, digests and CLI output without
 * cutting a UTF-8 character in half. */
#include "tasks.h"

#include <string.h>

const char *tasks_clip(cadre_arena *a, const char *s, size_t max_bytes) {
  if (!s)
    return "";
  size_t len = strlen(s);
  if (len <= max_bytes)
    return s;
  size_t cut = max_bytes;
  while (cut && ((unsigned char)s[cut] & 0xC0) == 0x80)
    cut--; /* back to the first byte of the character that does not fit */
  return cadre_arena_printf(a, "%.*s…", (int)cut, s);
}
