#!/usr/bin/env bash
# Start a local Splash on 127.0.0.1 in the background and wait until /_ping answers.
#
# Usage: start.sh [PORT]        (PORT defaults to $SPLASH_PORT, else a free port)
# Env:   SPLASH_VENV (/opt/newscrawl-splash), SPLASH_PIDFILE (/tmp/newscrawl-splash/splash.pid),
#        SPLASH_START_TIMEOUT seconds (60), SPLASH_ARGS extra splash options (e.g. "--slots 4").
# Prints SPLASH_URL=http://127.0.0.1:PORT on stdout (the only stdout line); the server log is
# written next to the pid file. Stop it with stop.sh (same SPLASH_PIDFILE).
set -euo pipefail

HERE="$(cd "$(dirname "$0")" && pwd)"
VENV="${SPLASH_VENV:-/opt/newscrawl-splash}"
PIDFILE="${SPLASH_PIDFILE:-/tmp/newscrawl-splash/splash.pid}"
TIMEOUT="${SPLASH_START_TIMEOUT:-60}"
PY=/usr/bin/python3

if [ ! -x "$VENV/bin/python" ]; then
  echo "splash-start: no Splash venv at $VENV; run scripts/splash/install.sh first" >&2
  exit 2
fi
mkdir -p "$(dirname "$PIDFILE")"
if [ -f "$PIDFILE" ] && kill -0 "$(cat "$PIDFILE")" 2>/dev/null; then
  echo "splash-start: already running (pid $(cat "$PIDFILE"), $PIDFILE)" >&2
  exit 3
fi

PORT="${1:-${SPLASH_PORT:-}}"
if [ -z "$PORT" ]; then
  PORT="$($PY -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
fi
LOG="${PIDFILE%.pid}.log"

# setsid: Splash and the Xvfb it spawns share one process group that stop.sh can end as a whole.
# shellcheck disable=SC2086  # SPLASH_ARGS is deliberately word-split
setsid "$VENV/bin/python" "$HERE/launcher.py" --ip 127.0.0.1 --port "$PORT" ${SPLASH_ARGS:-} \
  >"$LOG" 2>&1 </dev/null &
PID=$!
echo "$PID" >"$PIDFILE"

URL="http://127.0.0.1:$PORT"
if ! $PY - "$URL/_ping" "$TIMEOUT" "$PID" <<'PYEOF'
import os, sys, time, urllib.request

url, timeout, pid = sys.argv[1], float(sys.argv[2]), int(sys.argv[3])
deadline = time.monotonic() + timeout
while time.monotonic() < deadline:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        sys.exit("splash exited during start-up")
    try:
        with urllib.request.urlopen(url, timeout=2) as resp:
            if resp.status == 200:
                sys.exit(0)
    except OSError:
        pass
    time.sleep(0.2)
sys.exit(f"no answer from {url} after {timeout:.0f}s")
PYEOF
then
  echo "splash-start: failed; last log lines ($LOG):" >&2
  tail -n 30 "$LOG" >&2 || true
  SPLASH_PIDFILE="$PIDFILE" "$HERE/stop.sh" >/dev/null 2>&1 || true
  exit 1
fi
echo "SPLASH_URL=$URL"
