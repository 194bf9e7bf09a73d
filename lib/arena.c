/*
 * Per-request arena. Blocks are chained; allocation bumps a pointer in the
 * current block and large requests get a block of their own. Deferred
 * cleanups run in reverse order of registration when the arena is freed or
 * reset, so a JSON value registered after the buffer it refers to is released
 * first.
 */
#include "cadre/arena.h"

#include <stdalign.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define ALIGN (alignof(max_align_t))
#define MIN_BLOCK 4096u

struct block {
  struct block *next;
  size_t size; /* usable bytes after the header */
  size_t used;
  alignas(max_align_t) unsigned char data[];
};

struct deferred {
  struct deferred *next;
  void (*fn)(void *);
  void *p;
};

struct cadre_arena {
  struct block *head;  /* current block (most recent) */
  struct block *first; /* kept across resets */
  struct deferred *defers;
  size_t used;
};

static struct block *block_new(size_t size) {
  if (size > SIZE_MAX - sizeof(struct block))
    return NULL;
  struct block *b = malloc(sizeof(struct block) + size);
  if (!b)
    return NULL;
  b->next = NULL;
  b->size = size;
  b->used = 0;
  return b;
}

cadre_arena *cadre_arena_new(size_t first_block) {
  cadre_arena *a = calloc(1, sizeof(*a));
  if (!a)
    return NULL;
  a->first = block_new(first_block < MIN_BLOCK ? MIN_BLOCK : first_block);
  if (!a->first) {
    free(a);
    return NULL;
  }
  a->head = a->first;
  return a;
}

static void run_defers(cadre_arena *a) {
  while (a->defers) {
    struct deferred *d = a->defers;
    a->defers = d->next;
    d->fn(d->p);
    /* d itself lives in the arena */
  }
}

static void free_blocks_except_first(cadre_arena *a) {
  struct block *b = a->head;
  while (b && b != a->first) {
    struct block *next = b->next;
    free(b);
    b = next;
  }
  a->first->used = 0;
  a->first->next = NULL;
  a->head = a->first;
  a->used = 0;
}

void cadre_arena_reset(cadre_arena *a) {
  if (!a)
    return;
  run_defers(a);
  free_blocks_except_first(a);
}

void cadre_arena_free(cadre_arena *a) {
  if (!a)
    return;
  cadre_arena_reset(a);
  free(a->first);
  free(a);
}

static size_t round_up(size_t n) { return (n + ALIGN - 1) & ~(ALIGN - 1); }

void *cadre_arena_alloc(cadre_arena *a, size_t size) {
  if (size == 0)
    size = 1;
  if (size > SIZE_MAX / 2)
    return NULL;
  size_t need = round_up(size);
  struct block *b = a->head;
  if (b->size - b->used < need) {
    /* Grow geometrically so a request that builds a large answer does not
     * chain thousands of small blocks; oversized requests get their own. */
    size_t next = b->size * 2;
    if (next < need)
      next = need;
    if (next > (8u << 20) && need < (8u << 20))
      next = 8u << 20;
    struct block *nb = block_new(next);
    if (!nb)
      return NULL;
    nb->next = a->head;
    a->head = nb;
    b = nb;
  }
  void *p = b->data + b->used;
  b->used += need;
  a->used += need;
  memset(p, 0, size);
  return p;
}

void *cadre_arena_calloc(cadre_arena *a, size_t n, size_t size) {
  if (size && n > SIZE_MAX / size)
    return NULL;
  return cadre_arena_alloc(a, n * size);
}

char *cadre_arena_strndup(cadre_arena *a, const char *s, size_t n) {
  if (!s)
    return NULL;
  size_t len = strnlen(s, n);
  char *p = cadre_arena_alloc(a, len + 1);
  if (!p)
    return NULL;
  memcpy(p, s, len);
  p[len] = '\0';
  return p;
}

char *cadre_arena_strdup(cadre_arena *a, const char *s) {
  if (!s)
    return NULL;
  return cadre_arena_strndup(a, s, strlen(s));
}

char *cadre_arena_vprintf(cadre_arena *a, const char *fmt, va_list ap) {
  va_list cp;
  va_copy(cp, ap);
  int n = vsnprintf(NULL, 0, fmt, cp);
  va_end(cp);
  if (n < 0)
    return NULL;
  char *p = cadre_arena_alloc(a, (size_t)n + 1);
  if (!p)
    return NULL;
  vsnprintf(p, (size_t)n + 1, fmt, ap);
  return p;
}

char *cadre_arena_printf(cadre_arena *a, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  char *p = cadre_arena_vprintf(a, fmt, ap);
  va_end(ap);
  return p;
}

int cadre_arena_defer(cadre_arena *a, void (*fn)(void *), void *p) {
  struct deferred *d = cadre_arena_alloc(a, sizeof(*d));
  if (!d) {
    fn(p);
    return -1;
  }
  d->fn = fn;
  d->p = p;
  d->next = a->defers;
  a->defers = d;
  return 0;
}

size_t cadre_arena_used(const cadre_arena *a) { return a->used; }

/* ---- growable buffer ------------------------------------------------------ */

void cadre_buf_init(cadre_buf *b, cadre_arena *a) {
  b->arena = a;
  b->data = NULL;
  b->len = 0;
  b->cap = 0;
  b->failed = 0;
  b->data = cadre_arena_alloc(a, 64);
  if (b->data)
    b->cap = 64;
  else
    b->failed = 1;
}

static int buf_reserve(cadre_buf *b, size_t extra) {
  if (b->failed)
    return -1;
  if (extra > SIZE_MAX / 4 - b->len) {
    b->failed = 1;
    return -1;
  }
  if (b->len + extra + 1 <= b->cap)
    return 0;
  size_t cap = b->cap ? b->cap : 64;
  while (cap < b->len + extra + 1)
    cap *= 2;
  char *p = cadre_arena_alloc(b->arena, cap);
  if (!p) {
    b->failed = 1;
    return -1;
  }
  if (b->len)
    memcpy(p, b->data, b->len);
  b->data = p; /* the old copy stays in the arena until the request ends */
  b->cap = cap;
  return 0;
}

void cadre_buf_append(cadre_buf *b, const void *p, size_t n) {
  if (buf_reserve(b, n) != 0)
    return;
  memcpy(b->data + b->len, p, n);
  b->len += n;
  b->data[b->len] = '\0';
}

void cadre_buf_puts(cadre_buf *b, const char *s) { cadre_buf_append(b, s, strlen(s)); }

void cadre_buf_putc(cadre_buf *b, char c) { cadre_buf_append(b, &c, 1); }

void cadre_buf_printf(cadre_buf *b, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  va_list cp;
  va_copy(cp, ap);
  int n = vsnprintf(NULL, 0, fmt, cp);
  va_end(cp);
  if (n >= 0 && buf_reserve(b, (size_t)n) == 0) {
    vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
    b->len += (size_t)n;
  }
  va_end(ap);
}
