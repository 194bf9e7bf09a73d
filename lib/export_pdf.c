/*
 * Report exports as PDF, laid out as an administrative document of the
 * Party's bodies: the issuing agency's name on the left and "ĐẢNG CỘNG SẢN
 * VIỆT NAM" with the date on the right, the report's title, the table
 * (text wrapped in its column, the header row repeated on every page), the
 * signature block of the person who drew it up, and "Trang i/n" with the
 * time of export at the foot of each page. libharu writes the file with
 * the Lato fonts (fonts-lato) embedded: their Vietnamese letters with two
 * marks (ế, ề, ễ, ấ …) are glyphs of their own. DejaVu draws those as
 * composite glyphs, whose components libharu leaves out of the embedded
 * font: "Nguyễn" would print as "Nguyen".
 *
 * Officials print these and sign them, so the PDF is for reading, not for
 * data: a list longer than PDF_MAX_ROWS is refused with a pointer to the
 * Excel export instead of a document of thousands of pages.
 */
#include <hpdf.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "cadre/auth.h"
#include "cadre/db.h"
#include "export_internal.h"
#include "log.h"
#include "request_internal.h"

#define PDF_MAX_ROWS 5000
#define FONT_DIR "/usr/share/fonts/truetype/lato/"
#define MARGIN 40.0f
#define FOOT 28.0f /* height kept for the page foot */
#define FONT_SIZE 9.0f
#define LEADING 11.5f /* line height of table text */
#define PAD 3.0f      /* cell padding */
#define MAX_PAGES 2000

struct pdf {
  cadre_req *req;
  HPDF_Doc doc;
  HPDF_Font regular, bold, italic;
  HPDF_Page page, pages[MAX_PAGES];
  int npages;
  float width, height, y; /* page size; where the next thing goes */
  const struct cadre_column *cols;
  size_t ncols;
  float *colw; /* each column's width in points */
  bool failed;
};

static void on_error(HPDF_STATUS error, HPDF_STATUS detail, void *user) {
  struct pdf *p = user;
  if (!p->failed)
    cadre_logf("error", "pdf export: libharu error 0x%04X (detail %u)", (unsigned)error, (unsigned)detail);
  p->failed = true;
}

static HPDF_Font load_font(struct pdf *p, const char *file) {
  const char *name = HPDF_LoadTTFontFromFile(p->doc, file, HPDF_TRUE);
  return name ? HPDF_GetFont(p->doc, name, "UTF-8") : NULL;
}

static void text_at(struct pdf *p, HPDF_Font font, float size, float x, float y, const char *s) {
  HPDF_Page_SetFontAndSize(p->page, font, size);
  HPDF_Page_BeginText(p->page);
  HPDF_Page_TextOut(p->page, x, y, s);
  HPDF_Page_EndText(p->page);
}

static float text_width(struct pdf *p, HPDF_Font font, float size, const char *s) {
  HPDF_Page_SetFontAndSize(p->page, font, size);
  return HPDF_Page_TextWidth(p->page, s);
}

/* s centred on x. */
static void text_centred(struct pdf *p, HPDF_Font font, float size, float x, float y, const char *s) {
  text_at(p, font, size, x - text_width(p, font, size, s) / 2, y, s);
}

/* Bytes of the UTF-8 sequence starting at s (1 for anything malformed). */
static size_t utf8_len(const char *s) {
  unsigned char c = (unsigned char)*s;
  size_t n = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
  for (size_t i = 1; i < n; i++)
    if (((unsigned char)s[i] & 0xC0) != 0x80)
      return 1;
  return n;
}

/* The lines of `s` in `width` points: at spaces where it can, inside a word
 * that is wider than the column, and at every newline. Lines are arena
 * strings; returns their count (at least 1). */
static size_t wrap(struct pdf *p, HPDF_Font font, const char *s, float width, const char ***out) {
  cadre_arena *a = p->req->arena;
  size_t cap = 4, n = 0;
  const char **lines = cadre_arena_alloc(a, cap * sizeof *lines);
  HPDF_Page_SetFontAndSize(p->page, font, FONT_SIZE);
  while (lines) {
    const char *nl = strchr(s, '\n');
    size_t para = nl ? (size_t)(nl - s) : strlen(s);
    const char *q = cadre_arena_strndup(a, s, para);
    if (!q)
      return 0;
    do {
      HPDF_UINT fit = *q ? HPDF_Page_MeasureText(p->page, q, width, HPDF_TRUE, NULL) : 0;
      if (fit == 0 && *q)
        fit = HPDF_Page_MeasureText(p->page, q, width, HPDF_FALSE, NULL);
      if (fit == 0 && *q)
        fit = (HPDF_UINT)utf8_len(q);
      if (n == cap) {
        const char **grown = cadre_arena_alloc(a, 2 * cap * sizeof *lines);
        if (!grown)
          return 0;
        memcpy(grown, lines, cap * sizeof *lines);
        lines = grown;
        cap *= 2;
      }
      if (!(lines[n++] = cadre_arena_strndup(a, q, fit)))
        return 0;
      q += fit;
      while (*q == ' ')
        q++;
    } while (*q);
    if (!nl)
      break;
    s = nl + 1;
  }
  *out = lines;
  return lines ? n : 0;
}

static bool new_page(struct pdf *p, bool landscape) {
  if (p->npages == MAX_PAGES)
    return false;
  p->page = HPDF_AddPage(p->doc);
  if (!p->page)
    return false;
  HPDF_Page_SetSize(p->page, HPDF_PAGE_SIZE_A4, landscape ? HPDF_PAGE_LANDSCAPE : HPDF_PAGE_PORTRAIT);
  HPDF_Page_SetLineWidth(p->page, 0.5f);
  p->pages[p->npages++] = p->page;
  p->width = HPDF_Page_GetWidth(p->page);
  p->height = HPDF_Page_GetHeight(p->page);
  p->y = p->height - MARGIN;
  return true;
}

struct cells {
  const char **lines[64];
  size_t count[64], most;
  HPDF_Font font;
  bool header;
};

static bool table_row(struct pdf *p, const char *const *cells, bool header, bool landscape);

/* A new page that continues the table: its header row first. */
static bool continue_table(struct pdf *p, bool landscape) {
  if (!new_page(p, landscape))
    return false;
  const char **heads = cadre_arena_alloc(p->req->arena, p->ncols * sizeof *heads);
  if (!heads)
    return false;
  for (size_t c = 0; c < p->ncols; c++)
    heads[c] = p->cols[c].header;
  return table_row(p, heads, true, landscape);
}

/* Lines [from, from + n) of every cell, as one band of the row. */
static void draw_band(struct pdf *p, const struct cells *r, size_t ncols, size_t from, size_t n) {
  float h = (float)n * LEADING + 2 * PAD, x = MARGIN;
  for (size_t c = 0; c < ncols; c++) {
    HPDF_Page_Rectangle(p->page, x, p->y - h, p->colw[c], h);
    HPDF_Page_Stroke(p->page);
    bool right = !r->header && (p->cols[c].type == CC_INT || p->cols[c].type == CC_NUM);
    for (size_t l = from; l < r->count[c] && l < from + n; l++) {
      const char *t = r->lines[c][l];
      float ty = p->y - PAD - (float)(l - from + 1) * LEADING + 2.5f;
      float tx = right ? x + p->colw[c] - PAD - text_width(p, r->font, FONT_SIZE, t) : x + PAD;
      text_at(p, r->font, FONT_SIZE, tx, ty, t);
    }
    x += p->colw[c];
  }
  p->y -= h;
}

/* One row of cells (the header when `header`). A row that does not fit
 * what is left of the page goes to the next one; a row taller than a whole
 * page (a long proposal) is cut into bands, one per page, each page
 * starting with the header row. */
static bool table_row(struct pdf *p, const char *const *cells, bool header, bool landscape) {
  struct cells r = {.most = 1, .font = header ? p->bold : p->regular, .header = header};
  size_t ncols = p->ncols < 64 ? p->ncols : 64;
  for (size_t c = 0; c < ncols; c++) {
    r.count[c] = wrap(p, r.font, cells[c], p->colw[c] - 2 * PAD - 1, &r.lines[c]);
    if (r.count[c] == 0)
      return false;
    if (r.count[c] > r.most)
      r.most = r.count[c];
  }
  /* a fresh page holds this many lines under its header row (about) */
  size_t page_lines = (size_t)((p->height - 2 * MARGIN - FOOT - 4 * LEADING) / LEADING);
  size_t from = 0;
  while (from < r.most) {
    float room = p->y - MARGIN - FOOT - 2 * PAD;
    size_t fit = room > LEADING ? (size_t)(room / LEADING) : 0, left = r.most - from;
    bool whole_on_next = from == 0 && left <= page_lines;
    if (fit < left && (fit < 2 || whole_on_next)) {
      if (header ? !new_page(p, landscape) : !continue_table(p, landscape))
        return false;
      continue;
    }
    size_t n = fit < left ? fit : left;
    draw_band(p, &r, ncols, from, n);
    from += n;
  }
  return !p->failed;
}

/* The issuing agency — the caller's own — in capitals, as the left of a
 * document's heading shows it; NULL for a caller without an account (a
 * public list has no issuer to name). */
static const char *issuer(cadre_req *req) {
  int64_t agency = cadre_user_agency(req);
  if (agency <= 0)
    return NULL;
  return cadre_db_str(req, "SELECT UPPER(name) FROM agency WHERE id = ?", CV_ARGS(CV_INT(agency)));
}

static void heading(struct pdf *p, const char *title) {
  cadre_date today;
  float left = MARGIN + (p->width - 2 * MARGIN) * 0.22f,
        right = p->width - MARGIN - (p->width - 2 * MARGIN) * 0.22f;
  const char **lines;
  const char *who = issuer(p->req);
  float y = p->y - 11;
  if (who) {
    size_t n = wrap(p, p->bold, who, (p->width - 2 * MARGIN) * 0.42f, &lines);
    for (size_t i = 0; i < n; i++, y -= 12)
      text_centred(p, p->bold, 10, left, y, lines[i]);
    text_centred(p, p->regular, 10, left, y, "*");
  }
  const char *party = "ĐẢNG CỘNG SẢN VIỆT NAM";
  text_centred(p, p->bold, 11, right, p->y - 11, party);
  float w = text_width(p, p->bold, 11, party);
  HPDF_Page_MoveTo(p->page, right - w / 2, p->y - 14);
  HPDF_Page_LineTo(p->page, right + w / 2, p->y - 14);
  HPDF_Page_Stroke(p->page);
  if (cadre_export_date_of(cadre_today(p->req), &today))
    text_centred(p, p->italic, 10, right, p->y - 30,
                 cadre_printf(p->req, "ngày %02d tháng %02d năm %d", today.d, today.m, today.y));
  p->y = (y < p->y - 30 ? y : p->y - 30) - 26;
  size_t n = wrap(p, p->bold, title ? title : "", p->width - 2 * MARGIN, &lines);
  for (size_t i = 0; i < n; i++, p->y -= 16)
    text_centred(p, p->bold, 13, p->width / 2, p->y, lines[i]);
  p->y -= 8;
}

static void signature(struct pdf *p, bool landscape) {
  if (p->y - 90 < MARGIN + FOOT && !new_page(p, landscape))
    return;
  float x = p->width - MARGIN - (p->width - 2 * MARGIN) * 0.2f;
  p->y -= 22;
  text_centred(p, p->bold, 10, x, p->y, "NGƯỜI LẬP BIỂU");
  text_centred(p, p->italic, 9, x, p->y - 13, "(Ký, ghi rõ họ tên)");
  const char *name = cadre_user_name(p->req);
  if (name && *name)
    text_centred(p, p->bold, 10, x, p->y - 75, name);
}

static void page_feet(struct pdf *p) {
  const char *when = cadre_printf(p->req, "Xuất từ Cadre Suite lúc %s",
                                  cadre_export_when(p->req, cadre_now_text(p->req), true));
  for (int i = 0; i < p->npages; i++) {
    p->page = p->pages[i];
    float w = HPDF_Page_GetWidth(p->page);
    text_at(p, p->italic, 8, MARGIN, MARGIN - 12, when);
    const char *no = cadre_printf(p->req, "Trang %d/%d", i + 1, p->npages);
    text_at(p, p->regular, 8, w - MARGIN - text_width(p, p->regular, 8, no), MARGIN - 12, no);
  }
}

/* The width of the widest word of the column (its header and the first
 * rows), so that a code or a number is never cut in two. */
static float widest_word(struct pdf *p, size_t c, json_t *rows) {
  float most = 0;
  for (size_t i = 0; i <= json_array_size(rows) && i <= 200; i++) {
    const char *s =
        i == 0 ? p->cols[c].header
               : cadre_export_cell_text(p->req, json_object_get(json_array_get(rows, i - 1), p->cols[c].key),
                                        p->cols[c].type);
    for (const char *w = s; w && *w;) {
      size_t n = strcspn(w, " \n");
      if (n > 0 && n < 60) {
        float tw =
            text_width(p, i == 0 ? p->bold : p->regular, FONT_SIZE, cadre_arena_strndup(p->req->arena, w, n));
        most = tw > most ? tw : most;
      }
      w += n + (w[n] ? 1 : 0);
    }
  }
  return most + 2 * PAD + 2; /* MeasureText wants a little room to spare */
}

/* Column widths in points: the columns' XLSX widths (characters) scaled to
 * the page, then widened to their widest word, taken from the columns with
 * room to spare; landscape when the table is wide. */
static bool layout(struct pdf *p, json_t *rows, bool *landscape) {
  float chars = 0;
  for (size_t c = 0; c < p->ncols; c++)
    chars += (float)(p->cols[c].width > 0 ? p->cols[c].width : 14);
  *landscape = chars > 110 || p->ncols > 7;
  if (!new_page(p, *landscape))
    return false;
  p->colw = cadre_arena_alloc(p->req->arena, p->ncols * sizeof *p->colw);
  if (!p->colw)
    return false;
  float *need = cadre_arena_alloc(p->req->arena, p->ncols * sizeof *need);
  if (!need)
    return false;
  float usable = p->width - 2 * MARGIN, deficit = 0, slack = 0;
  for (size_t c = 0; c < p->ncols; c++) {
    p->colw[c] = usable * (float)(p->cols[c].width > 0 ? p->cols[c].width : 14) / chars;
    need[c] = widest_word(p, c, rows);
    if (need[c] > usable * 0.3f)
      need[c] = usable * 0.3f;
    if (p->colw[c] < need[c])
      deficit += need[c] - p->colw[c];
    else
      slack += p->colw[c] - need[c];
  }
  float take = slack > 0 ? (deficit < slack ? deficit / slack : 1) : 0;
  for (size_t c = 0; c < p->ncols; c++)
    p->colw[c] = p->colw[c] < need[c] ? need[c] : p->colw[c] - (p->colw[c] - need[c]) * take;
  return true;
}

static bool build(struct pdf *p, const char *title, json_t *rows) {
  p->regular = load_font(p, FONT_DIR "Lato-Regular.ttf");
  p->bold = load_font(p, FONT_DIR "Lato-Bold.ttf");
  p->italic = load_font(p, FONT_DIR "Lato-Italic.ttf");
  bool landscape;
  if (!p->regular || !p->bold || !p->italic || !layout(p, rows, &landscape))
    return false;
  heading(p, title);
  const char **cells = cadre_arena_alloc(p->req->arena, p->ncols * sizeof *cells);
  if (!cells)
    return false;
  for (size_t c = 0; c < p->ncols; c++)
    cells[c] = p->cols[c].header;
  if (!table_row(p, cells, true, landscape))
    return false;
  size_t i;
  json_t *row;
  json_array_foreach(rows, i, row) {
    for (size_t c = 0; c < p->ncols; c++)
      cells[c] = cadre_export_cell_text(p->req, json_object_get(row, p->cols[c].key), p->cols[c].type);
    if (!table_row(p, cells, false, landscape))
      return false;
  }
  signature(p, landscape);
  page_feet(p);
  return !p->failed;
}

int cadre_export_pdf(cadre_req *req, const char *filename, const char *title, const struct cadre_column *cols,
                     size_t ncols, json_t *rows) {
  if (json_array_size(rows) > PDF_MAX_ROWS)
    return cadre_fail(req, 422, "too_many_rows_for_pdf",
                      "Danh sách có %zu dòng, quá dài để in (tối đa %d dòng). Đề nghị lọc bớt "
                      "hoặc tải tệp Excel.",
                      json_array_size(rows), PDF_MAX_ROWS);
  struct pdf *p = cadre_arena_calloc(req->arena, 1, sizeof *p);
  if (!p)
    return cadre_fail(req, 500, "export_failed", "Không tạo được tệp PDF.");
  *p = (struct pdf){.req = req, .cols = cols, .ncols = ncols};
  p->doc = HPDF_New(on_error, p);
  if (!p->doc)
    return cadre_fail(req, 500, "export_failed", "Không tạo được tệp PDF.");
  HPDF_UseUTFEncodings(p->doc);
  HPDF_SetCurrentEncoder(p->doc, "UTF-8");
  HPDF_SetCompressionMode(p->doc, HPDF_COMP_ALL);
  HPDF_SetInfoAttr(p->doc, HPDF_INFO_TITLE, title ? title : filename);
  HPDF_SetInfoAttr(p->doc, HPDF_INFO_CREATOR, "Cadre Suite");
  unsigned char *data = NULL;
  HPDF_UINT32 size = 0;
  if (build(p, title, rows) && HPDF_SaveToStream(p->doc) == HPDF_OK) {
    size = HPDF_GetStreamSize(p->doc);
    data = cadre_arena_alloc(req->arena, size ? size : 1);
    HPDF_STATUS st = data ? HPDF_ReadFromStream(p->doc, data, &size) : HPDF_OK;
    if (st != HPDF_OK && st != HPDF_STREAM_EOF)
      data = NULL;
  }
  bool ok = data && !p->failed;
  HPDF_Free(p->doc);
  if (!ok)
    return cadre_fail(req, 500, "export_failed", "Không tạo được tệp PDF.");
  return cadre_reply_bytes(req, 200, "application/pdf", data, size, cadre_printf(req, "%s.pdf", filename));
}
