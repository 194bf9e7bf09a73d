/* Random codes for tickets and receipts, read aloud over the phone and typed
 * from paper: no characters that look alike (0/O, 1/I/L). */
#include "course.h"

#include <sodium.h>
#include <string.h>

static const char ALPHABET[] = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";

/* Random bytes from a ChaCha20 key stream: a key per thread, drawn once
 * from the system (threads start after the fork, so no two workers share
 * one), and a counter as nonce. As unpredictable as getrandom(2) and
 * without a system call per code, which a national registration pays
 * thousands of times a second. */
static void random_bytes(unsigned char *out, size_t n) {
  static _Thread_local unsigned char key[crypto_stream_chacha20_KEYBYTES];
  static _Thread_local uint64_t counter;
  if (counter == 0) {
    randombytes_buf(key, sizeof key);
    counter = 1;
  }
  unsigned char nonce[crypto_stream_chacha20_NONCEBYTES] = {0};
  memcpy(nonce, &counter, sizeof counter < sizeof nonce ? sizeof counter : sizeof nonce);
  counter++;
  crypto_stream_chacha20(out, n, nonce, key);
}

void course_random_code(char *out, size_t n) {
  unsigned char bytes[64];
  size_t k = 0;
  while (k < n) {
    size_t chunk = n - k < sizeof bytes ? n - k : sizeof bytes;
    random_bytes(bytes, chunk);
    ssize_t got = (ssize_t)chunk;
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
