#!/usr/bin/env bash
# libFuzzer targets for the input-facing code (tests/fuzz/fuzz_*.c).
#
#   tests/fuzz/run.sh [SECONDS] [TARGET...]      (`make fuzz` runs it)
#
# Builds every lib/*.c and cgi-bin/router.c with clang
# (-fsanitize=fuzzer-no-link,address,undefined) into $FUZZ_OUT (default
# build/fuzz), links one binary per target, and runs each for SECONDS
# (default 30) starting from the committed seeds in tests/fuzz/corpus/NAME/.
# New inputs go to $FUZZ_OUT/corpus/NAME/ (not to git); a crash leaves its
# input in $FUZZ_OUT/crashes/ — reproduce with `$FUZZ_OUT/NAME FILE`, and
# after fixing the bug add the input to tests/fuzz/corpus/NAME/. Exits non-zero
# when any target crashed.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."

SECS="${1:-30}"
[[ $# -gt 0 ]] && shift
OUT="${FUZZ_OUT:-build/fuzz}"
CC="${FUZZ_CC:-clang}"
JOBS="$(nproc 2>/dev/null || echo 2)"

PKGS="fcgi libmariadb jansson libcurl libsodium inih xlsxwriter"
SAN="-fsanitize=address,undefined -fno-sanitize-recover=undefined"
CFLAGS="-std=c17 -D_GNU_SOURCE -g -O1 -fno-omit-frame-pointer -Iinclude -Ilib \
  $(pkg-config --cflags $PKGS) -Wall -Wextra -Wno-unused-parameter"
LIBS="$(pkg-config --libs $PKGS) -ldl -lpthread -lm"

if ! command -v "$CC" >/dev/null; then
  echo "fuzz: $CC not found (apt-get install clang)" >&2
  exit 1
fi

mkdir -p "$OUT/obj" "$OUT/corpus" "$OUT/crashes"

# ---- build --------------------------------------------------------------
# An object is rebuilt when its source or any header is newer.
newest_header="$(ls -t include/cadre/*.h lib/*.h cgi-bin/*.h | head -n1)"
srcs=(lib/*.c cgi-bin/router.c)
stale=()
for s in "${srcs[@]}"; do
  o="$OUT/obj/$(echo "${s%.c}" | tr / _).o"
  if [[ ! -e "$o" || "$s" -nt "$o" || "$newest_header" -nt "$o" ]]; then
    stale+=("$s")
  fi
done
if ((${#stale[@]})); then
  echo "fuzz: compiling ${#stale[@]} sources with $CC"
  export CC CFLAGS SAN OUT
  printf '%s\n' "${stale[@]}" | xargs -P "$JOBS" -I{} sh -c \
    'o="$OUT/obj/$(echo "{}" | sed "s/\.c$//" | tr / _).o"; $CC $CFLAGS $SAN -fsanitize=fuzzer-no-link -c {} -o "$o"'
fi
rm -f "$OUT/libcadre_fuzz.a"
ar rcs "$OUT/libcadre_fuzz.a" "$OUT"/obj/*.o

targets=()
if [[ $# -gt 0 ]]; then
  targets=("$@")
else
  for t in tests/fuzz/fuzz_*.c; do
    targets+=("$(basename "$t" .c)")
  done
fi
for name in "${targets[@]}"; do
  src="tests/fuzz/$name.c"
  [[ -f "$src" ]] || { echo "fuzz: no target $src" >&2; exit 1; }
  if [[ ! -x "$OUT/$name" || "$src" -nt "$OUT/$name" || "$OUT/libcadre_fuzz.a" -nt "$OUT/$name" ]]; then
    $CC $CFLAGS $SAN -fsanitize=fuzzer "$src" "$OUT/libcadre_fuzz.a" $LIBS -o "$OUT/$name"
  fi
done

# ---- run ----------------------------------------------------------------
export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1}"
export UBSAN_OPTIONS="${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}"
failed=()
for name in "${targets[@]}"; do
  seeds="tests/fuzz/corpus/$name"
  work="$OUT/corpus/$name"
  mkdir -p "$work" "$seeds"
  args=(-max_total_time="$SECS" -timeout=10 -rss_limit_mb=2048 -max_len=8192
        -print_final_stats=1 -artifact_prefix="$OUT/crashes/$name-")
  [[ -f "tests/fuzz/$name.dict" ]] && args+=(-dict="tests/fuzz/$name.dict")
  echo "== $name (${SECS}s)"
  if ! "$OUT/$name" "${args[@]}" "$work" "$seeds" >"$OUT/$name.log" 2>&1; then
    failed+=("$name")
    tail -n 60 "$OUT/$name.log"
  else
    grep -E '^(stat::number_of_executed_units|stat::new_units_added|#[0-9]+ +DONE)' "$OUT/$name.log" || true
  fi
done

if ((${#failed[@]})); then
  echo "fuzz: crashes in: ${failed[*]} (inputs in $OUT/crashes/)"
  exit 1
fi
echo "fuzz: ${#targets[@]} targets, no crash in ${SECS}s each"
