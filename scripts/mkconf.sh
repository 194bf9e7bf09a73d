#!/usr/bin/env bash
# Write a cadre.conf: the example (conf/cadre.conf.example) with some keys set.
#
#   scripts/mkconf.sh OUT section.key=value...
#
# A key that exists in its section (also as a commented-out "; key =" line)
# is replaced in place, so the comments of the example stay next to it; a
# missing key or section is appended. Used by scripts/run.sh, the integration
# harness and bench/run.sh: one generator for every private config.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
[[ $# -ge 1 ]] || { echo "usage: $0 OUT section.key=value..." >&2; exit 2; }
out="$1"
shift
tmp="$(mktemp "${out}.XXXXXX")"
trap 'rm -f "$tmp"' EXIT
cp "$ROOT/conf/cadre.conf.example" "$tmp"

for kv in "$@"; do
  if [[ ! "$kv" =~ ^([a-z_]+)\.([a-z_]+)=(.*)$ ]]; then
    echo "mkconf: expected section.key=value, got: $kv" >&2
    exit 2
  fi
  SEC="${BASH_REMATCH[1]}" KEY="${BASH_REMATCH[2]}" VAL="${BASH_REMATCH[3]}" \
    awk '
    BEGIN { sec = ENVIRON["SEC"]; key = ENVIRON["KEY"]; val = ENVIRON["VAL"]
            line = key " = " val; done = 0; insec = 0 }
    /^[ \t]*\[/ {
      if (insec && !done) { print line; done = 1 }
      h = $0; gsub(/[ \t]/, "", h); insec = (h == "[" sec "]")
      print; next
    }
    insec && !done {
      l = $0; sub(/^[;#][ \t]*/, "", l)
      split(l, kvp, "=")
      k = kvp[1]; gsub(/[ \t]/, "", k)
      if (index(l, "=") && k == key) { print line; done = 1; next }
    }
    insec && done {
      # drop later duplicates of the key in the same section
      l = $0; split(l, kvp, "="); k = kvp[1]; gsub(/[ \t]/, "", k)
      if (l !~ /^[ \t]*[;#]/ && index(l, "=") && k == key) next
    }
    { print }
    END {
      if (!done) { if (!insec) { print ""; print "[" sec "]" } print line }
    }' "$tmp" >"$tmp.new"
  mv "$tmp.new" "$tmp"
done
chmod 600 "$tmp" # it holds the database password
mv "$tmp" "$out"
trap - EXIT
