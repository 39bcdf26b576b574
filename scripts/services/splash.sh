#!/usr/bin/env bash
# Splash 3.5 for the rendering tests (see scripts/splash/ and docs/rendering.md).
set -euo pipefail
HERE="$(cd "$(dirname "$0")/../splash" && pwd)"
export SPLASH_PIDFILE="${SPLASH_PIDFILE:-/tmp/newscrawl-services/splash.pid}"
case "$1" in
  install) bash "$HERE/install.sh" ;;
  start)
    if [ -f "$SPLASH_PIDFILE" ] && kill -0 "$(cat "$SPLASH_PIDFILE")" 2>/dev/null; then
      bash "$HERE/stop.sh" >/dev/null 2>&1 || true
    fi
    # SPLASH_TEST_URL, not SPLASH_URL: tests/conftest.py exports these lines, and SPLASH_URL
    # would switch every test crawl to rendering through Splash.
    bash "$HERE/start.sh" | sed 's/^SPLASH_URL=/SPLASH_TEST_URL=/'
    ;;
  stop) bash "$HERE/stop.sh" ;;
esac
