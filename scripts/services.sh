#!/usr/bin/env bash
# Install and start (or stop) the real services the tests use.
#
# Usage: scripts/services.sh start|stop
# Each service is scripts/services/<name>.sh with the verbs install, start, stop. `start` prints
# KEY=VALUE lines (e.g. SPLASH_URL=http://127.0.0.1:PORT) that are collected in .services/env,
# which tests/conftest.py loads. NEWSCRAWL_SERVICES picks which ones (default: all scripts).
set -euo pipefail
cd "$(dirname "$0")/.."
STATE=.services
mkdir -p "$STATE"
mapfile -t ALL < <(ls scripts/services/*.sh 2>/dev/null | xargs -n1 basename | sed 's/\.sh$//')
read -r -a WANTED <<< "${NEWSCRAWL_SERVICES:-${ALL[*]}}"

case "${1:-}" in
  start)
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
      # One package-list refresh for all services' installs (they skip theirs when fresh).
      if [ -z "$(find /var/lib/apt/lists -maxdepth 1 -name '*Packages*' -mmin -360 2>/dev/null)" ]; then
        apt-get update -qq >&2
      fi
    fi
    : > "$STATE/env.new"
    for name in "${WANTED[@]}"; do
      echo "services: $name" >&2
      bash "scripts/services/$name.sh" install >&2
      bash "scripts/services/$name.sh" start | grep -E '^[A-Z_]+=' >> "$STATE/env.new"
    done
    mv "$STATE/env.new" "$STATE/env"
    cat "$STATE/env" >&2
    ;;
  stop)
    for name in "${WANTED[@]}"; do
      bash "scripts/services/$name.sh" stop >&2 || true
    done
    rm -f "$STATE/env"
    ;;
  *)
    echo "usage: $0 start|stop" >&2
    exit 2
    ;;
esac
