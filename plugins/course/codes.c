/* Random codes for tickets and receipts, read aloud over the phone and typed
 * from paper: no characters that look alike (0/O, 1/I/L). */
#include "course.h"

#include <sys/random.h>

static const char ALPHABET[] = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";

void course_random_code(char *out, size_t n) {
  unsigned char bytes[64];
  size_t k = 0;
  while (k < n) {
    size_t chunk = n - k < sizeof bytes ? n - k : sizeof bytes;
    ssize_t got = getrandom(bytes, chunk, 0);
    if (got <= 0)
      continue; /* EINTR; getrandom never fails once the pool is ready */
    for (ssize_t i = 0; i < got; i++) {
      /* Rejection sampling keeps every character equally likely. */
      if (bytes[i] >= 248)
        continue;
      out[k++] = ALPHABET[bytes[i] % 31];
      if (k == n)
        break;
    }
  }
  out[n] = '\0';
}
