/*
 * Vietnamese text: UTF-8 validity, accent folding for search and matching,
 * tidying of text pasted from PDFs and spreadsheets.
 */
#ifndef CADRE_TEXT_H
#define CADRE_TEXT_H

#include <stdbool.h>
#include <stddef.h>

#include "cadre/arena.h"

/* Strict UTF-8: no overlongs, no surrogates, nothing above U+10FFFF. */
bool cadre_utf8_valid(const char *s, size_t len);
/* Number of code points in valid UTF-8. */
size_t cadre_utf8_len(const char *s, size_t len);
/* True when s holds a C0/C1 control character (tab and newline allowed only
 * when allow_newlines). */
bool cadre_has_control(const char *s, size_t len, bool allow_newlines);

/* Lower case, diacritics removed (đ → d), runs of white space collapsed to
 * one space, trimmed: "  Nguyễn  Văn A " → "nguyen van a". For accent- and
 * case-insensitive matching of names. */
char *cadre_fold(cadre_arena *a, const char *s);
/* Trims and collapses white space (including NBSP) without folding. */
char *cadre_tidy(cadre_arena *a, const char *s);
/* Removes HTML tags (<b>, <p>, <br>, …) and decodes &amp; &lt; &gt; &quot;
 * &#39; &nbsp;; <br> and </p> become a space. */
char *cadre_strip_tags(cadre_arena *a, const char *s);
/* Case-insensitive, accent-insensitive equality. */
bool cadre_fold_eq(cadre_arena *a, const char *x, const char *y);

/* A LIKE pattern matching values that contain q ("%q%"), with q's own
 * % _ and \ escaped. With an accent-insensitive column collation, "ha noi"
 * then finds "Hà Nội". NULL when q is NULL. */
char *cadre_like_contains(cadre_arena *a, const char *q);

/* Parses "1.046", "1,046", "1046" (thousands separators) into *out.
 * Returns false for anything else. */
bool cadre_parse_count(const char *s, long *out);

#endif
