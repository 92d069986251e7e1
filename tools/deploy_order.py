"""Which files a deploy runs, and in what order: one rule for every deployer.

For an engine (`postgres` or `mssql`) a deploy applies the numbered
migrations in sql/<engine>/ (NNNN_words.sql, by number), then creates the
views and routines of procs/<engine>/ in the order of procs/manifest.txt.
tools/mssql_deploy.py, deploy.ps1 and the parity checks all read this rule;
deploy.ps1 implements the same few lines in PowerShell.

SQL Server files are split into batches at lines that hold only `GO`, as
sqlcmd and SSMS do. A migration's checksum is the SHA-256 of its bytes with
line endings made `\\n`, so a Windows checkout (CRLF) and a Linux one agree.

`python -m tools.deploy_order mssql` prints the ordered list.
"""

import hashlib
import re
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ENGINES = ("postgres", "mssql")

MIGRATION_NAME = re.compile(r"^(\d{4})_[a-z0-9_]+\.sql$")
# A line holding only GO (any case), perhaps with a trailing comment.
GO_LINE = re.compile(r"^[ \t]*go[ \t]*(?:--[^\n]*)?$", re.IGNORECASE)


class DeployOrderError(RuntimeError):
    pass


@dataclass(frozen=True)
class Migration:
    version: int
    name: str
    path: Path

    @property
    def checksum(self) -> str:
        return checksum(self.path)


@dataclass(frozen=True)
class Batch:
    text: str
    line: int  # where the batch starts in its file, from 1


def checksum(path: Path) -> str:
    data = path.read_bytes().replace(b"\r\n", b"\n").replace(b"\r", b"\n")
    return hashlib.sha256(data).hexdigest()


def read_manifest(root: Path = ROOT) -> list[str]:
    names = []
    for line in (root / "procs" / "manifest.txt").read_text().splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            names.append(line)
    return names


def migrations(engine: str, root: Path = ROOT) -> list[Migration]:
    found = []
    for path in sorted((root / "sql" / engine).glob("*.sql")):
        match = MIGRATION_NAME.match(path.name)
        if not match:
            raise DeployOrderError(
                f"sql/{engine}/{path.name}: migration files are named NNNN_words.sql"
            )
        found.append(Migration(int(match[1]), path.name, path))

    versions = [m.version for m in found]
    if len(set(versions)) != len(versions):
        raise DeployOrderError(f"two migration files in sql/{engine} share a number")

    return found


def routine_files(engine: str, root: Path = ROOT) -> list[Path]:
    """procs/<engine>/<name>.sql for every manifest name, in manifest order."""
    names = read_manifest(root)
    directory = root / "procs" / engine
    files = {path.stem for path in directory.glob("*.sql")}
    missing = [name for name in names if name not in files]
    unlisted = sorted(files - set(names))
    if missing or unlisted:
        raise DeployOrderError(
            f"procs/manifest.txt and procs/{engine}/ disagree: "
            f"missing files {missing}, unlisted files {unlisted}"
        )
    return [directory / f"{name}.sql" for name in names]


def split_batches(text: str) -> list[Batch]:
    """The batches of a T-SQL script, without the GO lines; blank ones dropped."""
    batches = []
    lines: list[str] = []
    start = 1
    for number, line in enumerate(text.splitlines(), start=1):
        if GO_LINE.match(line):
            _keep(batches, lines, start)
            lines, start = [], number + 1
        else:
            lines.append(line)
    _keep(batches, lines, start)
    return batches


def _keep(batches: list[Batch], lines: list[str], start: int) -> None:
    text = "\n".join(lines)
    if text.strip():
        batches.append(Batch(text + "\n", start))


def main(argv: list[str]) -> int:
    engine = argv[0] if argv else "mssql"
    if engine not in ENGINES:
        print(f"usage: python -m tools.deploy_order [{'|'.join(ENGINES)}]")
        return 2

    try:
        paths = [m.path for m in migrations(engine)] + routine_files(engine)
    except DeployOrderError as error:
        print(error, file=sys.stderr)
        return 1

    for path in paths:
        print(path.relative_to(ROOT))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
