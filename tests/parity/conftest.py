import shutil
from pathlib import Path

import pytest

from tests.parity.twins import ROOT


@pytest.fixture
def tree(tmp_path) -> Path:
    """A copy of the database layer of both engines, free to break."""
    for part in ("sql", "procs", "tests/tsqlt"):
        shutil.copytree(ROOT / part, tmp_path / part)
    return tmp_path


def edit(path: Path, old: str, new: str) -> None:
    """Replaces text that must be there, so a test never breaks nothing."""
    text = path.read_text()
    assert old in text, f"{old!r} is not in {path.name}"
    path.write_text(text.replace(old, new))
