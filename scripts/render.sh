#!/usr/bin/env bash
# Fill @NAME@ placeholders of a template: scripts/render.sh TEMPLATE NAME=VALUE...
# Prints the result; fails when a placeholder is left without a value, so a
# rendered config is never half-filled. Lines starting with "#:" document the
# template itself and are left out of the result.
set -euo pipefail

[[ $# -ge 1 ]] || { echo "usage: $0 TEMPLATE [NAME=VALUE]..." >&2; exit 2; }
template="$1"
shift
text="# Generated from ${template#"$(cd "$(dirname "$0")/.." && pwd)/"} by scripts/render.sh: edit that, not this.
$(grep -v '^#:' "$template")"
for kv in "$@"; do
  [[ "$kv" == *=* ]] || { echo "render: not NAME=VALUE: $kv" >&2; exit 2; }
  name="${kv%%=*}"
  value="${kv#*=}"
  # quoted replacement: no '&' expansion (bash 5.2 patsub_replacement)
  text="${text//"@${name}@"/"$value"}"
done
left="$(grep -o '@[A-Z][A-Z_]*@' <<<"$text" | sort -u | tr '\n' ' ' || true)"
if [[ -n "$left" ]]; then
  echo "render: $template: no value for $left" >&2
  exit 1
fi
printf '%s\n' "$text"
