#!/usr/bin/env bash
# Render a private, standalone web-server configuration into a directory:
#
#   scripts/webconf.sh nginx|apache OUTDIR NAME=VALUE...
#
# writes OUTDIR/<server>.conf (main config; start with
#   nginx -e OUTDIR/nginx-error.log -c OUTDIR/nginx.conf    or
#   apache2 -f OUTDIR/apache.conf -DFOREGROUND),
# OUTDIR/<server>-site.conf (the site, from conf/<server>/cadre.conf) and an
# empty OUTDIR/<server>.d/ for extra *.conf snippets (the benchmarks add
# their baselines there). Used by scripts/run.sh, the integration harness and
# bench/run.sh, so every one of them serves through the same site rules.
#
# Values (defaults in brackets):
#   LISTEN (required)       127.0.0.1:8080
#   SOCKET (required)       the host's FastCGI socket
#   HTDOCS [ROOT/htdocs]    SERVER_NAME [localhost]   MAX_BODY [33554432]
#   RUN_DIR [OUTDIR]        LOG_DIR [OUTDIR]          ACCESS_LOG [LOG_DIR/<server>-access.log]
#   USER/GROUP [www-data when root, else the caller]  WORKERS [auto] (nginx)
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

[[ $# -ge 2 ]] || { sed -n '2,20p' "$0" >&2; exit 2; }
server="$1"
mkdir -p "$2"
out="$(cd "$2" && pwd)"
shift 2
case "$server" in
  nginx | apache) ;;
  *) echo "webconf: unknown server $server (nginx|apache)" >&2; exit 2 ;;
esac

declare -A v=(
  [HTDOCS]="$ROOT/htdocs"
  [SERVER_NAME]=localhost
  [MAX_BODY]=33554432
  [RUN_DIR]="$out"
  [LOG_DIR]="$out"
  [WORKERS]=auto
)
if [[ $EUID -eq 0 ]]; then
  v[USER]=www-data
  v[GROUP]=www-data
else
  v[USER]="$(id -un)"
  v[GROUP]="$(id -gn)"
fi
for kv in "$@"; do
  [[ "$kv" == *=* ]] || { echo "webconf: not NAME=VALUE: $kv" >&2; exit 2; }
  v["${kv%%=*}"]="${kv#*=}"
done
for req in LISTEN SOCKET; do
  [[ -n "${v[$req]:-}" ]] || { echo "webconf: $req= is required" >&2; exit 2; }
done
: "${v[ACCESS_LOG]:=${v[LOG_DIR]}/$server-access.log}"
v[INCLUDE_DIR]="$out/$server.d"
v[SITE]="$out/$server-site.conf"

mkdir -p "${v[INCLUDE_DIR]}" "${v[RUN_DIR]}" "${v[LOG_DIR]}"
if [[ "$server" == nginx ]]; then
  mkdir -p "${v[RUN_DIR]}/nginx-tmp"
else
  mkdir -p "${v[RUN_DIR]}/apache-rt"
  # the children (User) need to write the mutex/runtime files
  if [[ $EUID -eq 0 ]]; then chown "${v[USER]}" "${v[RUN_DIR]}/apache-rt"; fi
fi

args=()
for k in "${!v[@]}"; do args+=("$k=${v[$k]}"); done

"$ROOT/scripts/render.sh" "$ROOT/conf/$server/cadre.conf" "${args[@]}" >"${v[SITE]}.tmp"
mv "${v[SITE]}.tmp" "${v[SITE]}"
"$ROOT/scripts/render.sh" "$ROOT/conf/$server/standalone.conf.in" "${args[@]}" >"$out/$server.conf.tmp"
mv "$out/$server.conf.tmp" "$out/$server.conf"
echo "$out/$server.conf"
