#!/usr/bin/env bash
# A throwaway Redis for the distributed-mode tests (no persistence: nothing is written to disk).
#
# Verbs: install (Debian's redis-server when missing), start (fresh server on a free 127.0.0.1
# port; prints REDIS_TEST_URL=redis://127.0.0.1:PORT/0), stop.
# The distributed test starts its own redis-server too; this one is for manual runs and other
# tests. Env: NEWSCRAWL_REDIS_DIR (/tmp/newscrawl-services/redis), NEWSCRAWL_REDIS_PORT.
set -euo pipefail
DIR="${NEWSCRAWL_REDIS_DIR:-/tmp/newscrawl-services/redis}"

stop_server() {
  if [ -f "$DIR/redis.pid" ]; then
    kill "$(cat "$DIR/redis.pid")" 2>/dev/null || true
    rm -f "$DIR/redis.pid"
  fi
}

case "${1:-}" in
  install)
    if command -v redis-server >/dev/null; then
      exit 0
    fi
    if [ -z "$(find /var/lib/apt/lists -maxdepth 1 -name '*Packages*' -mmin -360 2>/dev/null)" ]; then
      apt-get update -qq
    fi
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq redis-server >/dev/null
    # Debian's package starts a system-wide server; the tests use private ones.
    service redis-server stop >/dev/null 2>&1 || true
    ;;
  start)
    command -v redis-server >/dev/null || { echo "redis: redis-server missing; run install" >&2; exit 2; }
    stop_server
    mkdir -p "$DIR"
    PORT="${NEWSCRAWL_REDIS_PORT:-$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')}"
    redis-server --bind 127.0.0.1 --port "$PORT" --save '' --appendonly no --daemonize yes \
      --dir "$DIR" --pidfile "$DIR/redis.pid" --logfile "$DIR/redis.log" >/dev/null
    for _ in $(seq 50); do
      redis-cli -h 127.0.0.1 -p "$PORT" ping 2>/dev/null | grep -q PONG && break
      sleep 0.1
    done
    redis-cli -h 127.0.0.1 -p "$PORT" ping | grep -q PONG
    echo "REDIS_TEST_URL=redis://127.0.0.1:$PORT/0"
    ;;
  stop)
    stop_server
    ;;
  *)
    echo "usage: $0 install|start|stop" >&2
    exit 2
    ;;
esac
