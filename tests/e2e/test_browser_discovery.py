"""Search, a profile change and the leaderboard in headless Chromium."""

import os
import shutil
import subprocess

import pytest

from tests.conftest import ROOT

SCRIPT = ROOT / "tests" / "e2e" / "discovery.mjs"
SCREENSHOTS = ROOT / "var" / "screenshots"


@pytest.mark.browser
def test_a_visitor_searches_changes_their_name_and_sees_the_leaderboard(
    live_server,
):
    chromium = os.environ.get("CHROMIUM") or shutil.which("chromium")
    assert chromium, "Debian's chromium is needed: `make test` installs it"

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
    assert "discovery passed" in run.stdout
