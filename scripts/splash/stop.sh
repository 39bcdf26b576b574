#!/usr/bin/env bash
# Stop the Splash started by start.sh (same SPLASH_PIDFILE), including its Xvfb.
# SIGTERM first (Splash then stops its Xvfb itself), SIGKILL to the process group after 10 s.
set -euo pipefail

PIDFILE="${SPLASH_PIDFILE:-/tmp/newscrawl-splash/splash.pid}"
if [ ! -f "$PIDFILE" ]; then
  echo "splash-stop: no pid file $PIDFILE; nothing to stop"
  exit 0
fi
PID="$(cat "$PIDFILE")"
if kill -0 "$PID" 2>/dev/null; then
  kill -TERM "$PID" 2>/dev/null || true
  for _ in $(seq 1 50); do
    kill -0 "$PID" 2>/dev/null || break
    sleep 0.2
  done
fi
# start.sh ran Splash under setsid, so its pid is also its process-group id.
if kill -0 -- "-$PID" 2>/dev/null; then
  kill -KILL -- "-$PID" 2>/dev/null || true
fi
rm -f "$PIDFILE"
echo "splash-stop: stopped pid $PID"
