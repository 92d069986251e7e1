"""Two visitors, one seat map: a booking shows on the other screen within a
second, by server push, in headless Chromium driven by Playwright."""

import os
import re
import shutil
import subprocess

from tests.conftest import ROOT

SCRIPT = ROOT / "tests" / "e2e" / "live_seats.mjs"


def test_another_visitor_sees_seats_turn_held_then_booked_within_a_second(
    live_server,
):
    chromium = os.environ.get("CHROMIUM") or shutil.which("chromium")
    assert chromium, "Debian's chromium is needed: `make test` installs it"

    run = subprocess.run(
        ["node", str(SCRIPT)],
        check=False,
        cwd=ROOT / "frontend",
        env=dict(os.environ, BASE_URL=live_server, CHROMIUM=chromium),
        capture_output=True,
        text=True,
        timeout=180,
    )

    print(run.stdout)
    assert run.returncode == 0, run.stdout + run.stderr
    timings = [int(ms) for ms in re.findall(r"after (\d+) ms", run.stdout)]
    assert len(timings) == 2
    assert all(ms <= 1000 for ms in timings), timings
