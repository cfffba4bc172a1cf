"""Scripts and tests start Chromium and the loopback server through scripts/_browser.py alone, so a
setting changed there (a flag Chromium needs, the server's headers) reaches every check."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import ROOT

SHARED = ROOT / "scripts" / "_browser.py"
# What only the shared helper may write: Chromium's launch settings, and starting a server thread.
COPIED = ["--no-sandbox", "executable_path=", "serve_forever"]


@pytest.mark.parametrize("text", COPIED)
def test_browser_settings_and_the_local_server_live_in_one_helper(text):
    copies = [
        path.relative_to(ROOT).as_posix()
        for folder in ("scripts", "tests")
        for path in sorted((ROOT / folder).rglob("*.py"))
        if path not in (SHARED, Path(__file__)) and text in path.read_text(encoding="utf-8")
    ]
    assert copies == [], f"{text!r} is written again outside scripts/_browser.py: use its launch() and serve()"
    assert text in SHARED.read_text(encoding="utf-8")


@pytest.mark.parametrize("script", sorted(p.stem for p in (ROOT / "scripts").glob("*.py") if not p.stem.startswith("_")))
def test_every_script_loads_with_the_shared_helpers(script):
    """A script that imports a name the helpers no longer have fails here, not when someone first runs it."""
    __import__(script)
