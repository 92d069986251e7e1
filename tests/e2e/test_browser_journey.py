"""A new visitor's whole journey in headless Chromium, driven by Playwright."""

import os
import shutil
import subprocess

from tests.conftest import ROOT

SCRIPT = ROOT / "tests" / "e2e" / "journey.mjs"
SCREENSHOTS = ROOT / "var" / "screenshots"


def test_a_new_visitor_registers_books_three_seats_and_cancels(live_server):
    chromium = os.environ.get("CHROMIUM") or shutil.which("chromium")
    assert chromium, "Debian's chromium is needed: `make test` installs it"
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)

    run = subprocess.run(
        ["node", str(SCRIPT)],
        check=False,
        cwd=ROOT / "frontend",
        env=dict(
            os.environ,
            BASE_URL=live_server,
            CHROMIUM=chromium,
            SCREENSHOT_DIR=str(SCREENSHOTS),
        ),
        capture_output=True,
        text=True,
        timeout=240,
    )

    print(run.stdout)
    assert run.returncode == 0, run.stdout + run.stderr
    assert "cancelled" in run.stdout.lower()
