#!/usr/bin/env bash
# Install a local Splash 3.5 server (no Docker) into /opt/newscrawl-splash.
#
# Splash runs on Debian's system Python because PyQt5/QtWebKit only exist there as Debian
# packages; the venv uses --system-site-packages to see them and gets only splash itself from
# PyPI. Idempotent: a second run with everything in place does no network access.
set -euo pipefail

VENV="${SPLASH_VENV:-/opt/newscrawl-splash}"
APT_PACKAGES=(
  python3-venv python3-pip
  python3-pyqt5 python3-pyqt5.qtwebkit python3-pyqt5.qtwebengine
  python3-qt5reactor python3-twisted python3-lupa python3-psutil python3-pil
  python3-attr python3-six python3-funcparserlib python3-xvfbwrapper xvfb
)

SUDO=""
if [ "$(id -u)" != 0 ]; then SUDO="sudo"; fi

missing=()
for pkg in "${APT_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" \
    || missing+=("$pkg")
done
if [ "${#missing[@]}" -gt 0 ]; then
  echo "splash-install: apt packages missing: ${missing[*]}"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends \
    "${missing[@]}"
fi

if [ ! -x "$VENV/bin/python" ]; then
  $SUDO /usr/bin/python3 -m venv --system-site-packages "$VENV"
fi
if ! "$VENV/bin/python" -c 'import importlib.metadata as m; assert m.version("splash") == "3.5"' \
    2>/dev/null; then
  # --no-deps: every runtime dependency comes from Debian (pip would otherwise try to build
  # PyQt5 from source); the pure-Python ones Debian lacks are pinned in requirements.txt.
  $SUDO "$VENV/bin/pip" install --quiet --no-deps -r "$(dirname "$0")/requirements.txt"
fi
"$VENV/bin/python" "$(dirname "$0")/launcher.py" --check
echo "splash-install: ok ($VENV)"
