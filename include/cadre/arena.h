/*
 * Per-request arena: every allocation a handler makes through it is freed in
 * one sweep when the request ends, so nothing outlives its request by
 * accident. Cleanups (json_decref, fclose, …) can be attached to the same
 * lifetime with cadre_arena_defer().
 */
#ifndef CADRE_ARENA_H
#define CADRE_ARENA_H

#include <stdarg.h>
#include <stddef.h>

typedef struct cadre_arena cadre_arena;

/* A fresh arena whose first block holds at least `first_block` bytes. */
cadre_arena *cadre_arena_new(size_t first_block);
/* Runs the deferred cleanups (last registered first) and frees all blocks. */
void cadre_arena_free(cadre_arena *a);
/* Same as free + new, but keeps the first block for reuse (worker threads). */
void cadre_arena_reset(cadre_arena *a);

/* Zeroed, max_align_t-aligned memory; NULL only when the system is out of
 * memory or the size overflows. */
void *cadre_arena_alloc(cadre_arena *a, size_t size);
void *cadre_arena_calloc(cadre_arena *a, size_t n, size_t size);
char *cadre_arena_strdup(cadre_arena *a, const char *s);
char *cadre_arena_strndup(cadre_arena *a, const char *s, size_t n);
char *cadre_arena_printf(cadre_arena *a, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
char *cadre_arena_vprintf(cadre_arena *a, const char *fmt, va_list ap);

/* Registers fn(p) to run when the arena is freed or reset. Returns 0, or -1
 * when out of memory (in which case fn(p) has already been called). */
int cadre_arena_defer(cadre_arena *a, void (*fn)(void *), void *p);

/* Bytes handed out since the last reset (for limits and metrics). */
size_t cadre_arena_used(const cadre_arena *a);

/* A growable byte buffer living in an arena. */
typedef struct cadre_buf {
  cadre_arena *arena;
  char *data; /* always NUL-terminated */
  size_t len, cap;
  int failed; /* set once an allocation failed; further appends are no-ops */
} cadre_buf;

void cadre_buf_init(cadre_buf *b, cadre_arena *a);
void cadre_buf_append(cadre_buf *b, const void *p, size_t n);
void cadre_buf_puts(cadre_buf *b, const char *s);
void cadre_buf_putc(cadre_buf *b, char c);
void cadre_buf_printf(cadre_buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

#endif
