#!/usr/bin/env bash
# A throwaway PostgreSQL cluster for the store tests (no persistence: data lives under /tmp).
#
# Verbs: install (Debian's postgresql when no server binaries are there), start (fresh cluster on
# a free 127.0.0.1 port, run as the postgres user, database + user `newscrawl` that may create
# databases; prints NEWSCRAWL_TEST_PG_URL=postgresql://…), stop.
# Env: NEWSCRAWL_PG_DIR (/tmp/newscrawl-services/postgres), NEWSCRAWL_PG_PORT (free port).
set -euo pipefail
DIR="${NEWSCRAWL_PG_DIR:-/tmp/newscrawl-services/postgres}"
DATA="$DIR/data"
USER_NAME=newscrawl
PASSWORD=newscrawl

pg_bin() {
  local bin
  bin="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n1)"
  [ -n "$bin" ] && [ -x "$bin/initdb" ] && echo "$bin"
}

as_postgres() {
  if [ "$(id -u)" = 0 ]; then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

stop_cluster() {
  local bin
  bin="$(pg_bin)" || return 0
  if [ -f "$DATA/postmaster.pid" ]; then
    as_postgres "$bin/pg_ctl" -D "$DATA" -m immediate -w stop >/dev/null 2>&1 || true
  fi
}

case "${1:-}" in
  install)
    if pg_bin >/dev/null; then
      exit 0
    fi
    if [ -z "$(find /var/lib/apt/lists -maxdepth 1 -name '*Packages*' -mmin -360 2>/dev/null)" ]; then
      apt-get update -qq
    fi
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
    # Debian's package starts its own default cluster; the tests use a private one.
    service postgresql stop >/dev/null 2>&1 || true
    ;;
  start)
    BIN="$(pg_bin)" || { echo "postgres: server binaries missing; run install" >&2; exit 2; }
    stop_cluster
    rm -rf "$DIR"
    mkdir -p "$DATA"
    if [ "$(id -u)" = 0 ]; then chown -R postgres: "$DIR"; fi
    PORT="${NEWSCRAWL_PG_PORT:-$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')}"
    as_postgres "$BIN/initdb" -D "$DATA" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 \
      >"$DIR/initdb.log" 2>&1
    # Durability is not needed for a test cluster; fsync off keeps the store tests quick.
    as_postgres "$BIN/pg_ctl" -D "$DATA" -l "$DIR/server.log" -w -t 60 start -o \
      "-p $PORT -k $DIR -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=100" \
      >/dev/null
    as_postgres "$BIN/psql" -h 127.0.0.1 -p "$PORT" -U postgres -d postgres -v ON_ERROR_STOP=1 -q \
      -c "CREATE ROLE $USER_NAME LOGIN CREATEDB PASSWORD '$PASSWORD'" \
      -c "CREATE DATABASE $USER_NAME OWNER $USER_NAME" >/dev/null
    echo "NEWSCRAWL_TEST_PG_URL=postgresql://$USER_NAME:$PASSWORD@127.0.0.1:$PORT/$USER_NAME"
    ;;
  stop)
    stop_cluster
    rm -rf "$DIR"
    ;;
  *)
    echo "usage: $0 install|start|stop" >&2
    exit 2
    ;;
esac
