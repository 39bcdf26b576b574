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
LOG="${PIDFILE%.pid}.log"

free_port() {
  $PY -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

# A second Splash on a port already in use still logs "listening" and stays up (seen here), and
# /_ping would be answered by the other server: check the port first.
port_free() {
  $PY -c 'import socket, sys; socket.socket().bind(("127.0.0.1", int(sys.argv[1])))' "$1" \
    2>/dev/null
}

# Starts Splash on $1 and waits for /_ping; returns non-zero if it died or never answered.
launch() {
  local port="$1"
  # setsid: Splash and its Xvfb share one process group that stop.sh can end as a whole.
  # shellcheck disable=SC2086  # SPLASH_ARGS is deliberately word-split
  setsid "$VENV/bin/python" "$HERE/launcher.py" --ip 127.0.0.1 --port "$port" ${SPLASH_ARGS:-} \
    >"$LOG" 2>&1 </dev/null &
  echo "$!" >"$PIDFILE"
  $PY - "http://127.0.0.1:$port/_ping" "$TIMEOUT" "$!" <<'PYEOF'
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
}

# A free port can be taken between the probe and Splash's bind: pick another one, twice.
attempts=1
[ -z "$PORT" ] && attempts=3
for attempt in $(seq 1 "$attempts"); do
  port="${PORT:-$(free_port)}"
  if ! port_free "$port"; then
    echo "splash-start: port $port is in use" >&2
    continue
  fi
  if launch "$port"; then
    echo "SPLASH_URL=http://127.0.0.1:$port"
    exit 0
  fi
  echo "splash-start: attempt $attempt on port $port failed; last log lines ($LOG):" >&2
  tail -n 30 "$LOG" >&2 || true
  SPLASH_PIDFILE="$PIDFILE" "$HERE/stop.sh" >/dev/null 2>&1 || true
done
exit 1
