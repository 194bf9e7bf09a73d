/* The table reader: repeated headers, continuations, tags, sections and
 * Part B groups, duplicates and gaps, and every kind of bad input, each
 * reported with its line while the rest of the file is still read. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "../../../plugins/tasks/tasks.h"

static cadre_arena *arena;

static int setup(void **state) {
  (void)state;
  arena = cadre_arena_new(1 << 16);
  return 0;
}
static int teardown(void **state) {
  (void)state;
  cadre_arena_free(arena);
  return 0;
}

#define HA                                                                                                                                  \
  "TT\tCơ sở thực hiện\tTên đề án, nhiệm vụ cụ thể\tCấp trình\tĐơn vị chủ trì tham mưu\tThời gian thực " \
  "hiện\n"
#define HB "TT\tTên đề án, nhiệm vụ\tCơ quan phối hợp\tĐôn đốc\tThời gian hoàn thành\n"

static long read_text(tasks_doc *doc, const char *text) {
  return tasks_doc_read(doc, arena, text, strlen(text));
}

static const tasks_issue *find_issue(const tasks_doc *doc, const char *code, long line) {
  for (size_t i = 0; i < doc->nissues; i++)
    if (strcmp(doc->issues[i].code, code) == 0 && (line < 0 || doc->issues[i].line == line))
      return &doc->issues[i];
  return NULL;
}

static size_t count_issues(const tasks_doc *doc, const char *code) {
  size_t n = 0;
  for (size_t i = 0; i < doc->nissues; i++)
    if (strcmp(doc->issues[i].code, code) == 0)
      n++;
  return n;
}

static void test_split_row(void **state) {
  (void)state;
  const char *f[8];
  const char *line = "<b>II</b>\t<b>Tăng  cường</b>\t\t<p>a</p><p>b</p>\t";
  int n = tasks_split_row(arena, line, strlen(line), f, 8);
  assert_int_equal(n, 5);
  assert_string_equal(f[0], "II");
  assert_string_equal(f[1], "Tăng cường");
  assert_string_equal(f[2], "");
  assert_string_equal(f[3], "a b");
  assert_string_equal(f[4], "");
  /* more fields than asked: the count says so, only max are stored */
  n = tasks_split_row(arena, "a\tb\tc", 5, f, 2);
  assert_int_equal(n, 3);
  assert_string_equal(f[1], "b");
}

static void test_roman(void **state) {
  (void)state;
  assert_int_equal(tasks_roman_value("I"), 1);
  assert_int_equal(tasks_roman_value("IV"), 4);
  assert_int_equal(tasks_roman_value("viii"), 8);
  assert_int_equal(tasks_roman_value("IX."), 9);
  assert_int_equal(tasks_roman_value("XIV"), 14);
  assert_int_equal(tasks_roman_value("IIII"), 0);
  assert_int_equal(tasks_roman_value("IC"), 0);
  assert_int_equal(tasks_roman_value("A"), 0);
  assert_int_equal(tasks_roman_value(""), 0);
  assert_int_equal(tasks_roman_value(NULL), 0);
  assert_int_equal(tasks_roman_value("II.."), 0);
}

/* The common case: prose, a header, sections, tasks, a page break with a
 * repeated header and a continuation row, then Part B. */
static void test_programme(void **state) {
  (void)state;
  const char *text =
      "## CHƯƠNG TRÌNH HÀNH ĐỘNG\n"
      "\n"
      "### Thực hiện Nghị quyết\n"
      "Lời mở đầu.\n"
      "\n" HA "<b>I</b>\t<b>Về tổ chức</b>\t\t\t\t\n"
      "1.\tCăn cứ một\tXây dựng đề án\tBộ Chính trị\tVụ Tổ chức - Điều lệ\tTháng 4/2026\n"
      "2.\t\t<p>Sửa đổi quy định</p>\tBan Bí thư\tVụ Cơ sở đảng,\tQuý I/2027\n"
      "\n" HA "\t\tvề đảng viên\t\tđảng viên\t\n"
      "<b>II</b>\t<b>Thường xuyên</b>\t\t\t\t\n"
      "3.\tTổ chức lễ\t\t\tVụ Cán bộ\tThực hiện thường xuyên\n"
      "\n"
      "**B. THEO DÕI, ĐÔN ĐỐC**\n"
      "\n" HB "<b>I</b>\t<b>Các đề án, nhiệm vụ do Đảng ủy Chính phủ chủ trì</b>\t\t\t\n"
      "1.\tHoàn thiện thể chế\tBộ Nội vụ\tVụ V\tNăm 2026\n"
      "2.\tChính sách\t\tVụ Chính sách cán bộ\tQuý I/2026 và thực hiện thường xuyên\n"
      "<b>II</b>\t<b>Các đề án, nhiệm vụ do Học viện Chính trị quốc gia Hồ Chí Minh chủ trì</b>\t\t\t\n"
      "1.\tĐào tạo\tCác cơ quan liên quan\tCục Đào tạo, bồi dưỡng\t2026-2030\n" HB
      "\tnhân rộng.\t\tcán bộ\t\n";
  tasks_doc doc;
  assert_int_equal(read_text(&doc, text), 0);
  assert_string_equal(doc.title, "CHƯƠNG TRÌNH HÀNH ĐỘNG — Thực hiện Nghị quyết");
  assert_string_equal(doc.part_title[1], "B. THEO DÕI, ĐÔN ĐỐC");
  assert_null(doc.part_title[0]);
  assert_int_equal(doc.header_rows, 4);
  assert_int_equal(doc.repeated_headers, 2);
  assert_int_equal(doc.section_rows, 4);
  assert_int_equal(doc.task_rows, 6);
  assert_int_equal(doc.continuation_rows, 2);
  assert_int_equal(doc.rows_read, 4 + 4 + 6 + 2);
  assert_int_equal(doc.ntasks, 6);
  assert_int_equal(tasks_doc_part_tasks(&doc, 'A'), 3);
  assert_int_equal(tasks_doc_part_tasks(&doc, 'B'), 3);
  assert_int_equal(doc.nissues, 0);
  assert_int_equal(doc.ngaps, 0);
  assert_non_null(strstr(doc.preamble, "Lời mở đầu."));
  assert_non_null(strstr(doc.preamble, "**B. THEO DÕI"));

  const tasks_task_row *t = &doc.tasks[1];
  assert_string_equal(t->title, "Sửa đổi quy định về đảng viên");
  assert_string_equal(t->lead, "Vụ Cơ sở đảng, đảng viên");
  assert_string_equal(t->lines, "9, 12");
  assert_int_equal(t->joined, 1);
  assert_int_equal(t->dl.kind, TASKS_DL_QUARTER);
  assert_int_equal(doc.joins[0].line, 12);
  assert_int_equal(doc.joins[0].task, 1);

  t = &doc.tasks[2];
  assert_string_equal(doc.sections[t->section].numeral, "II");
  assert_int_equal(t->dl.kind, TASKS_DL_ONGOING);
  assert_string_equal(t->basis, "Tổ chức lễ");
  assert_string_equal(t->title, "");

  /* Part B: groups with their lead organisation, numbering restarts */
  t = &doc.tasks[3];
  assert_int_equal(t->part, 'B');
  assert_int_equal(t->number, 1);
  assert_string_equal(doc.sections[t->section].lead, "Đảng ủy Chính phủ");
  assert_string_equal(t->coordinating, "Bộ Nội vụ");
  assert_string_equal(t->supervising, "Vụ V");
  assert_true(doc.tasks[4].dl.ongoing);
  assert_int_equal(doc.tasks[4].dl.kind, TASKS_DL_QUARTER);
  t = &doc.tasks[5];
  assert_string_equal(doc.sections[t->section].lead, "Học viện Chính trị quốc gia Hồ Chí Minh");
  assert_string_equal(t->supervising, "Cục Đào tạo, bồi dưỡng cán bộ");
  assert_string_equal(t->title, "Đào tạo nhân rộng.");
  assert_int_equal(t->dl.kind, TASKS_DL_RANGE);
}

/* The first rows of the table are missing, a number is duplicated, another
 * is skipped. Everything is kept; the report says what is odd. */
static void test_missing_duplicate_gap(void **state) {
  (void)state;
  const char *text = HA "5.\t\tcủa Bộ Chính trị\tBộ Chính trị\tVụ Tổ chức - Điều lệ\tTháng 4/2026\n"
                        "<b>II</b>\t<b>Đạo đức</b>\t\t\t\t\n"
                        "6.\tA\tA\tBộ Chính trị\tVụ Cơ sở đảng, đảng viên\tTháng 9/2026\n"
                        "6.\tB\tB\tBộ Chính trị\tVụ Cơ sở đảng, đảng viên\tTháng 9/2026\n"
                        "9.\tC\tC\tBộ Chính trị\tVụ Cơ sở đảng, đảng viên\tTháng 9/2026\n"
                        "8.\tD\tD\tBộ Chính trị\tVụ Cơ sở đảng, đảng viên\tTháng 9/2026\n";
  tasks_doc doc;
  assert_int_equal(read_text(&doc, text), 0);
  assert_int_equal(doc.ntasks, 5);
  /* task 5 in a section of its own: the first section row is missing */
  assert_string_equal(doc.sections[doc.tasks[0].section].numeral, "");
  assert_non_null(find_issue(&doc, "no_section", 2));
  /* gaps 1–4 before task 5 and 7–8 before task 9 */
  assert_int_equal(doc.ngaps, 2);
  assert_int_equal(doc.gaps[0].from, 1);
  assert_int_equal(doc.gaps[0].to, 4);
  assert_int_equal(doc.gaps[0].line, 2);
  assert_int_equal(doc.gaps[1].from, 7);
  assert_int_equal(doc.gaps[1].to, 8);
  /* the duplicate is kept with its own sequence */
  assert_int_equal(doc.tasks[1].dup_seq, 0);
  assert_int_equal(doc.tasks[2].dup_seq, 1);
  const tasks_issue *dup = find_issue(&doc, "duplicate_number", 5);
  assert_non_null(dup);
  assert_non_null(strstr(dup->message, "dòng 4"));
  /* 8 after 9 is out of order (and fills part of the gap) */
  assert_non_null(find_issue(&doc, "numbering_order", 7));
}

/* Rows with the wrong number of columns are errors naming their line; the
 * other rows are still read and reported. */
static void test_wrong_columns(void **state) {
  (void)state;
  const char *text = HA "1.\tA\tB\tBộ Chính trị\tVụ X\n"                     /* 5 of 6 */
                        "2.\tA\tB\tBộ Chính trị\tVụ X\tTháng 4/2026\tthừa\n" /* 7 of 6 */
                        "3.\tA\tB\tBộ Chính trị\tVụ X\tTháng 5/2026\t\t\n"   /* empty extras: fine */
                        "4.\tA\tB\tBộ Chính trị\tVụ X\tTháng 6/2026\n";
  tasks_doc doc;
  assert_int_equal(read_text(&doc, text), 2);
  const tasks_issue *is = find_issue(&doc, "wrong_columns", 2);
  assert_non_null(is);
  assert_int_equal(is->level, TASKS_ERROR);
  assert_non_null(strstr(is->message, "Dòng 2: có 5 cột, bảng phần A cần 6 cột"));
  assert_non_null(strstr(is->text, "Vụ X"));
  is = find_issue(&doc, "wrong_columns", 3);
  assert_non_null(is);
  assert_non_null(strstr(is->message, "có 7 cột"));
  assert_int_equal(doc.ntasks, 2);
  assert_int_equal(doc.tasks[1].number, 4);
  assert_int_equal(doc.unplaced_rows, 2);
}

/* A file cut in the middle of a row: the last row is short. */
static void test_truncated(void **state) {
  (void)state;
  const char *text = HA "1.\tA\tB\tBộ Chính trị\tVụ X\tTháng 4/2026\n"
                        "2.\tA\tB\tBộ Chí";
  tasks_doc doc;
  assert_int_equal(read_text(&doc, text), 1);
  const tasks_issue *is = find_issue(&doc, "wrong_columns", 3);
  assert_non_null(is);
  assert_non_null(strstr(is->message, "cắt cụt"));
  assert_int_equal(doc.ntasks, 1);

  /* cut inside a multi-byte character */
  char cut[512];
  snprintf(cut, sizeof cut, "%s", HA "1.\tA\tB\tBộ Chính trị\tVụ X\tTháng 4/2026\n2.\tA\tB\tB\xE1\xBB");
  assert_int_equal(read_text(&doc, cut), 1);
  is = find_issue(&doc, "invalid_encoding", 3);
  assert_non_null(is);
  assert_non_null(strstr(is->message, "cắt cụt"));
}

/* A file in a legacy encoding (Windows-1258 bytes), and UTF-16. */
static void test_encoding(void **state) {
  (void)state;
  const char *text = HA "1.\tA\tB\tB\xd9 Ch\xednh tr\xf2\tV\xf2 X\tTh\xe1ng 4/2026\n"
                        "2.\tA\tB\tBộ Chính trị\tVụ X\tTháng 5/2026\n"
                        "3.\tA\tB\tB\xd9\tV\xf2 X\tTh\xe1ng 4/2026\n";
  tasks_doc doc;
  assert_int_equal(read_text(&doc, text), 2);
  const tasks_issue *is = find_issue(&doc, "invalid_encoding", 2);
  assert_non_null(is);
  assert_non_null(strstr(is->message, "Dòng 2: không phải văn bản UTF-8"));
  assert_non_null(find_issue(&doc, "invalid_encoding", 4));
  assert_int_equal(doc.ntasks, 1); /* the good row is still read */

  static const char u16[] = "\xff\xfeT\0T\0\t\0";
  assert_int_equal(tasks_doc_read(&doc, arena, u16, sizeof u16 - 1), 1);
  assert_non_null(find_issue(&doc, "invalid_encoding", 0));
  assert_non_null(strstr(doc.issues[0].message, "UTF-16"));

  /* a NUL byte inside a line */
  static const char nul[] = "TT\ta\tb\tc\td\te\n1.\ta\0b\tc\td\te\tTháng 4/2026\n";
  assert_int_equal(tasks_doc_read(&doc, arena, nul, sizeof nul - 1), 1);
  assert_non_null(find_issue(&doc, "invalid_encoding", 2));
}

/* An impossible date is an error naming the line; an unknown one is a
 * warning (set by hand later). */
static void test_bad_deadlines(void **state) {
  (void)state;
  const char *text = HA "1.\tA\tB\tBộ Chính trị\tVụ X\tTháng 13/2026\n"
                        "2.\tA\tB\tBộ Chính trị\tVụ X\tTheo kế hoạch\n"
                        "3.\tA\tB\tBộ Chính trị\tVụ X\t\n"
                        "4.\tA\tB\tBộ Chính trị\tVụ X\tQuý I/2026\n";
  tasks_doc doc;
  assert_int_equal(read_text(&doc, text), 1);
  const tasks_issue *is = find_issue(&doc, "invalid_deadline", 2);
  assert_non_null(is);
  assert_int_equal(is->level, TASKS_ERROR);
  assert_non_null(strstr(is->message, "Dòng 2"));
  assert_non_null(strstr(is->message, "Tháng 13/2026"));
  assert_int_equal(count_issues(&doc, "unparsed_deadline"), 2);
  assert_non_null(find_issue(&doc, "unparsed_deadline", 3));
  assert_non_null(strstr(find_issue(&doc, "unparsed_deadline", 4)->message, "(trống)"));
  assert_int_equal(doc.ntasks, 4);
}

/* Rows that cannot be placed are kept (with their text) and listed. */
static void test_unplaced(void **state) {
  (void)state;
  const char *text =
      "Lời mở đầu\n"
      "1.\tdòng trước bảng\tx\ty\tz\tTháng 4/2026\n" HA "\tdòng nối không có nhiệm vụ\t\t\t\t\n"
      "a)\tmột dòng lạ\t\t\t\t\n"
      "1.\tA\tB\tBộ Chính trị\tVụ X\tTháng 4/2026\n"
      "một dòng văn bản lạc giữa bảng\n"
      "2.\tA\tB\tBộ Chính trị\t\tTháng 4/2026\n";
  tasks_doc doc;
  assert_int_equal(read_text(&doc, text), 0);
  assert_int_equal(doc.ntasks, 2);
  assert_int_equal(doc.unplaced_rows, 4);
  assert_non_null(find_issue(&doc, "row_outside_table", 2));
  assert_non_null(find_issue(&doc, "continuation_without_task", 4));
  const tasks_issue *is = find_issue(&doc, "unknown_row", 5);
  assert_non_null(is);
  assert_non_null(strstr(is->text, "một dòng lạ"));
  is = find_issue(&doc, "text_in_table", 7);
  assert_non_null(is);
  assert_string_equal(is->text, "một dòng văn bản lạc giữa bảng");
  assert_non_null(find_issue(&doc, "no_lead_unit", 8));
}

static void test_no_table_and_bad_header(void **state) {
  (void)state;
  tasks_doc doc;
  assert_int_equal(read_text(&doc, "Chỉ có văn bản.\nKhông có bảng.\n"), 1);
  assert_non_null(find_issue(&doc, "no_table", 0));
  assert_int_equal(read_text(&doc, ""), 1);
  assert_int_equal(read_text(&doc, "TT\tA\tB\n1.\tx\ty\n"), 1);
  assert_non_null(find_issue(&doc, "unknown_header", 1));
}

static void test_duplicate_section(void **state) {
  (void)state;
  const char *text = HA "I\tMột\t\t\t\t\n"
                        "1.\tA\tB\tC\tVụ X\tNăm 2026\n"
                        "I\tMột lần nữa\t\t\t\t\n"
                        "2.\tA\tB\tC\tVụ X\tNăm 2026\n";
  tasks_doc doc;
  assert_int_equal(read_text(&doc, text), 0);
  assert_int_equal(doc.nsections, 2);
  assert_string_equal(doc.sections[0].key, "I");
  assert_string_equal(doc.sections[1].key, "I#2");
  assert_non_null(find_issue(&doc, "duplicate_section", 4));
}

/* CRLF line ends and a BOM are read like LF. */
static void test_crlf_bom(void **state) {
  (void)state;
  const char *text = "\xEF\xBB\xBFTT\ta\tb\tc\td\te\r\n1.\tA\tB\tC\tVụ X\tNăm 2026\r\n";
  tasks_doc doc;
  assert_int_equal(read_text(&doc, text), 0);
  assert_int_equal(doc.ntasks, 1);
  assert_string_equal(doc.tasks[0].deadline, "Năm 2026");
  assert_int_equal(doc.tasks[0].dl.kind, TASKS_DL_YEAR);
}

/* The seed file as it is: the reader's counts against an independent,
 * naive count of the file's lines. */
static char *slurp_seed(size_t *len) {
  static const char *const candidates[] = {
      "data/seeds/003_2d9491622f365655.txt", "../data/seeds/003_2d9491622f365655.txt",
      "../../data/seeds/003_2d9491622f365655.txt", "../../../data/seeds/003_2d9491622f365655.txt"};
  for (size_t i = 0; i < sizeof candidates / sizeof candidates[0]; i++) {
    FILE *f = fopen(candidates[i], "rb");
    if (!f)
      continue;
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *buf = cadre_arena_alloc(arena, (size_t)n + 1);
    *len = fread(buf, 1, (size_t)n, f);
    fclose(f);
    return buf;
  }
  return NULL;
}

static void test_seed(void **state) {
  (void)state;
  size_t len = 0;
  char *data = slurp_seed(&len);
  if (!data)
    skip();
  /* naive counts: rows with a TAB, whose first cell is digits+'.', a
   * roman numeral (in tags or not), empty, or "TT" */
  long numbered = 0, headers = 0, empty_first = 0, tab_rows = 0, sections = 0;
  for (char *p = data; p < data + len;) {
    char *nl = memchr(p, '\n', (size_t)(data + len - p));
    size_t n = nl ? (size_t)(nl - p) : (size_t)(data + len - p);
    if (memchr(p, '\t', n)) {
      tab_rows++;
      if (p[0] == '\t')
        empty_first++;
      else if (strncmp(p, "TT\t", 3) == 0)
        headers++;
      else if (p[0] >= '0' && p[0] <= '9')
        numbered++;
      else
        sections++;
    }
    p = nl ? nl + 1 : data + len;
  }
  tasks_doc doc;
  assert_int_equal(tasks_doc_read(&doc, arena, data, len), 0);
  assert_int_equal(doc.rows_read, tab_rows);
  assert_int_equal(doc.task_rows, numbered);
  assert_int_equal((long)doc.ntasks, numbered);
  assert_int_equal(doc.header_rows, headers);
  assert_int_equal(doc.continuation_rows, empty_first);
  assert_int_equal(doc.section_rows, sections);
  assert_int_equal(doc.unplaced_rows, 0);
  /* what the programme itself shows: task 16 twice, tasks 1–4 missing */
  assert_int_equal(count_issues(&doc, "duplicate_number"), 1);
  assert_int_equal(doc.ngaps, 1);
  assert_int_equal(doc.gaps[0].from, 1);
  assert_int_equal(doc.gaps[0].to, 4);
  assert_int_equal(count_issues(&doc, "invalid_deadline"), 0);
  /* Part B has eight groups, each with its organisation */
  size_t groups = 0;
  for (size_t i = 0; i < doc.nsections; i++)
    if (doc.sections[i].part == 'B') {
      groups++;
      assert_non_null(doc.sections[i].lead);
    }
  assert_int_equal(groups, 8);
  /* no text lost: every task keeps a non-empty name */
  for (size_t i = 0; i < doc.ntasks; i++)
    assert_true(*doc.tasks[i].title || *doc.tasks[i].basis);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test_setup_teardown(test_split_row, setup, teardown),
      cmocka_unit_test_setup_teardown(test_roman, setup, teardown),
      cmocka_unit_test_setup_teardown(test_programme, setup, teardown),
      cmocka_unit_test_setup_teardown(test_missing_duplicate_gap, setup, teardown),
      cmocka_unit_test_setup_teardown(test_wrong_columns, setup, teardown),
      cmocka_unit_test_setup_teardown(test_truncated, setup, teardown),
      cmocka_unit_test_setup_teardown(test_encoding, setup, teardown),
      cmocka_unit_test_setup_teardown(test_bad_deadlines, setup, teardown),
      cmocka_unit_test_setup_teardown(test_unplaced, setup, teardown),
      cmocka_unit_test_setup_teardown(test_no_table_and_bad_header, setup, teardown),
      cmocka_unit_test_setup_teardown(test_duplicate_section, setup, teardown),
      cmocka_unit_test_setup_teardown(test_crlf_bom, setup, teardown),
      cmocka_unit_test_setup_teardown(test_seed, setup, teardown),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
