#!/usr/bin/env bash
# Headless Chromium for the evaluation-report test (tests/test_evaluate_report.py opens the
# `scrapy evaluate --html` page in it). Not a server: `start` only reports where the binary is.
#
# Verbs: install (Debian's chromium when missing), start (prints CHROMIUM_BIN=/path), stop.
set -euo pipefail

case "${1:-}" in
  install)
    if command -v chromium >/dev/null; then
      exit 0
    fi
    if [ -z "$(find /var/lib/apt/lists -maxdepth 1 -name '*Packages*' -mmin -360 2>/dev/null)" ]; then
      apt-get update -qq
    fi
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
    ;;
  start)
    command -v chromium >/dev/null || { echo "chromium: missing; run install" >&2; exit 2; }
    echo "CHROMIUM_BIN=$(command -v chromium)"
    ;;
  stop) ;;
  *)
    echo "usage: $0 install|start|stop" >&2
    exit 2
    ;;
esac
