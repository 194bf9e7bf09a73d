#!/usr/bin/env bash
# make install: scripts/install.sh DESTDIR PREFIX BUILD
#
#   PREFIX/bin/cadre.fcgi, cadre-admin        PREFIX/lib/libcadre.so
#   PREFIX/lib/cadre/plugins/*.so             PREFIX/share/cadre/{sql,htdocs,data,doc}
#   /etc/cadre/cadre.conf.example             production paths, see below
#   /etc/cadre/cadre.conf                     only when there is none yet
#   /etc/cadre/nginx-cadre.conf, apache-cadre.conf   rendered site files
#   /etc/cadre/nginx.d/, apache.d/            site-local additions (TLS …)
#   /etc/systemd/system/cadre.socket, cadre.service, cadre-outbox.service
#
# everything under DESTDIR when given (packaging); nothing is started or
# enabled. Environment: CADRE_USER (service account, default cadre),
# CADRE_SERVER_NAME (default: this host's name), SYSCONFDIR (/etc/cadre),
# SYSTEMD_DIR (/etc/systemd/system).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
[[ $# -eq 3 ]] || { echo "usage: $0 DESTDIR PREFIX BUILD" >&2; exit 2; }
DESTDIR="$1"
PREFIX="$2"
BUILD="$3"
[[ "$BUILD" == /* ]] || BUILD="$ROOT/$BUILD"
[[ "$PREFIX" == /* ]] || { echo "install: PREFIX must be absolute: $PREFIX" >&2; exit 2; }
DESTDIR="${DESTDIR%/}"
SYSCONFDIR="${SYSCONFDIR:-/etc/cadre}"
SYSTEMD_DIR="${SYSTEMD_DIR:-/etc/systemd/system}"
USER_NAME="${CADRE_USER:-cadre}"
SERVER_NAME="${CADRE_SERVER_NAME:-$(hostname -f 2>/dev/null || hostname)}"

for f in cadre.fcgi cadre-admin lib/libcadre.so; do
  [[ -f "$BUILD/$f" ]] || { echo "install: $BUILD/$f missing (make all)" >&2; exit 1; }
done

D="$DESTDIR$PREFIX"
E="$DESTDIR$SYSCONFDIR"
say() { echo "install: $*"; }

install -d -m 755 "$D/bin" "$D/lib/cadre/plugins" "$D/share/cadre/doc" "$E" "$E/nginx.d" "$E/apache.d"
install -m 755 "$BUILD/cadre.fcgi" "$BUILD/cadre-admin" "$D/bin/"
install -m 644 "$BUILD/lib/libcadre.so" "$D/lib/"
shopt -s nullglob
plugins=("$BUILD"/plugins/*.so)
shopt -u nullglob
((${#plugins[@]})) && install -m 644 "${plugins[@]}" "$D/lib/cadre/plugins/"
say "$D/bin, $D/lib (${#plugins[@]} plugins)"

# Migrations and pages: replaced as a whole, so removed files do not linger.
# data/ holds the seed documents `cadre-admin demo` loads (staging servers).
for dir in sql htdocs data; do
  [[ -d "$ROOT/$dir" ]] || continue
  rm -rf "$D/share/cadre/$dir.new"
  cp -R "$ROOT/$dir" "$D/share/cadre/$dir.new"
  find "$D/share/cadre/$dir.new" -name '.*' -prune -exec rm -rf {} +
  chmod -R u=rwX,go=rX "$D/share/cadre/$dir.new"
  rm -rf "$D/share/cadre/$dir"
  mv "$D/share/cadre/$dir.new" "$D/share/cadre/$dir"
done
for doc in README.md docs/OPERATIONS.md docs/API.md; do
  [[ -f "$ROOT/$doc" ]] && install -m 644 "$ROOT/$doc" "$D/share/cadre/doc/"
done
say "$D/share/cadre/{sql,htdocs,data,doc}"

# Configuration with the paths of this installation: socket activation,
# the runtime and state directories the systemd units create, the system
# MariaDB socket. The password stays empty: the administrator sets it.
CADRE_ROOT="$ROOT" "$ROOT/scripts/mkconf.sh" "$E/cadre.conf.example" \
  "server.root=$PREFIX" \
  "server.listen=systemd" \
  "server.pidfile=/run/cadre/cadre.pid" \
  "server.socket_group=www-data" \
  "database.socket=/run/mysqld/mysqld.sock" \
  "plugins.dir=$PREFIX/lib/cadre/plugins" \
  "plugins.sql_dir=$PREFIX/share/cadre/sql" \
  "files.dir=/var/lib/cadre/files"
chmod 644 "$E/cadre.conf.example"
if [[ ! -e "$E/cadre.conf" ]]; then
  install -m 640 "$E/cadre.conf.example" "$E/cadre.conf"
  say "$E/cadre.conf (new: set [database] password, [server] allowed_origins)"
else
  say "$E/cadre.conf exists: kept (compare with cadre.conf.example)"
fi

render() { "$ROOT/scripts/render.sh" "$@"; }
web_common=("SOCKET=/run/cadre/cadre.sock" "HTDOCS=$PREFIX/share/cadre/htdocs" "MAX_BODY=33554432")
render "$ROOT/conf/nginx/cadre.conf" "LISTEN=80" "SERVER_NAME=$SERVER_NAME" \
  "INCLUDE_DIR=$SYSCONFDIR/nginx.d" "${web_common[@]}" >"$E/nginx-cadre.conf"
render "$ROOT/conf/apache/cadre.conf" "LISTEN=*:80" "SERVER_NAME=$SERVER_NAME" \
  "INCLUDE_DIR=$SYSCONFDIR/apache.d" "${web_common[@]}" >"$E/apache-cadre.conf"
chmod 644 "$E/nginx-cadre.conf" "$E/apache-cadre.conf"
say "$E/nginx-cadre.conf, $E/apache-cadre.conf"

install -d -m 755 "$DESTDIR$SYSTEMD_DIR"
for unit in cadre.socket cadre.service cadre-outbox.service; do
  render "$ROOT/conf/systemd/$unit" "PREFIX=$PREFIX" "SYSCONFDIR=$SYSCONFDIR" \
    "USER=$USER_NAME" >"$DESTDIR$SYSTEMD_DIR/$unit"
  chmod 644 "$DESTDIR$SYSTEMD_DIR/$unit"
done
say "$DESTDIR$SYSTEMD_DIR/{cadre.socket,cadre.service,cadre-outbox.service}"

# The installed binaries must find libcadre.so in PREFIX/lib.
if command -v ldd >/dev/null && ldd "$D/bin/cadre.fcgi" 2>/dev/null | grep -q 'libcadre.so => not found'; then
  echo "install: WARNING: $D/bin/cadre.fcgi does not find libcadre.so in $PREFIX/lib" >&2
  echo "install: (link with -Wl,-rpath,'\$ORIGIN/../lib' or add $PREFIX/lib to /etc/ld.so.conf.d)" >&2
fi

if [[ -z "$DESTDIR" && $EUID -eq 0 ]]; then
  if ! getent passwd "$USER_NAME" >/dev/null; then
    adduser --system --group --home /var/lib/cadre --no-create-home "$USER_NAME" >/dev/null
    say "created the system user $USER_NAME"
  fi
  chgrp "$USER_NAME" "$E/cadre.conf"
fi

cat <<EOF
install: done. Next (docs/OPERATIONS.md):
  edit $SYSCONFDIR/cadre.conf, then: $PREFIX/bin/cadre-admin -c $SYSCONFDIR/cadre.conf migrate
  nginx:  ln -s $SYSCONFDIR/nginx-cadre.conf /etc/nginx/sites-enabled/cadre
  apache: ln -s $SYSCONFDIR/apache-cadre.conf /etc/apache2/sites-enabled/cadre.conf
  systemctl daemon-reload && systemctl enable --now cadre.socket cadre.service cadre-outbox.service
EOF
