"""Start Splash 3.5 on Debian's Python 3.11 with the compatibility shims it needs.

Splash 3.5 (2020) predates Python 3.11 and the current PyQt5/sip packaging. Rather than editing
its installed files, this launcher patches the few incompatible spots in memory, then runs
``splash.server.main`` with the command-line arguments it was given:

- ``import sip``: Debian ships the module as ``PyQt5.sip``; alias it when ``sip`` is missing.
- ``json.loads(..., encoding=...)``: the keyword was removed in Python 3.9, so every JSON POST
  (which scrapy-splash always sends) would fail with HTTP 500; drop it.
- ``QTimer.start(float)``: PyQt5 now rejects floats (``wait=0.5`` fails); coerce to int.

``--check`` applies the shims and imports the server without starting it (install smoke test).
Run with the Splash venv's Python: ``/opt/newscrawl-splash/bin/python launcher.py --port 8050``.
"""

from __future__ import annotations

import functools
import json
import os
import sys
from typing import Any


def _alias_sip() -> None:
    try:
        import sip  # noqa: F401
    except ImportError:
        from PyQt5 import sip as pyqt_sip

        sys.modules["sip"] = pyqt_sip


def _json_loads_without_encoding() -> None:
    original = json.loads
    if getattr(original, "_newscrawl_shim", False):
        return

    @functools.wraps(original)
    def loads(s: Any, *args: Any, **kwargs: Any) -> Any:
        kwargs.pop("encoding", None)
        return original(s, *args, **kwargs)

    loads._newscrawl_shim = True  # type: ignore[attr-defined]
    json.loads = loads


def _qtimer_int_start() -> None:
    from PyQt5.QtCore import QTimer

    original = QTimer.start
    if getattr(original, "_newscrawl_shim", False):
        return

    def start(self: QTimer, *args: Any) -> None:
        # Splash computes milliseconds as ``seconds * 1000`` (a float); PyQt5 wants an int.
        if args and isinstance(args[0], float):
            args = (round(args[0]), *args[1:])
        original(self, *args)

    start._newscrawl_shim = True  # type: ignore[attr-defined]
    QTimer.start = start


def apply_shims() -> None:
    """Patch the Python 3.11 / PyQt5 incompatibilities of Splash 3.5 (idempotent)."""
    # Chromium (QtWebEngine) refuses to run as root with its sandbox; Splash imports it even
    # when only the WebKit engine is used.
    os.environ.setdefault("QTWEBENGINE_DISABLE_SANDBOX", "1")
    _alias_sip()
    _json_loads_without_encoding()
    _qtimer_int_start()


def main(argv: list[str]) -> None:
    apply_shims()
    from splash import __version__
    from splash.server import main as splash_main

    if "--check" in argv:
        print(f"splash {__version__} importable with shims")
        return
    splash_main(argv=[sys.argv[0], *argv])


if __name__ == "__main__":
    main(sys.argv[1:])
