"""`copier update` migrations: keep the user's edits when the template moves a file.

copier.yml runs `migrations.py before` and `migrations.py after` around every update between
tagged versions (Copier sets VERSION_FROM, VERSION_PEP440_FROM and VERSION_PEP440_TO). Without
this, Copier deletes a moved file together with the user's edits and renders the new one clean.

`before` saves the user's copy of each file moved by a version in (from, to], if it differs from
what the old version rendered; `after` merges those edits into the file at its new path with
`git merge-file`, leaving conflict markers where the template changed the same lines. Moves only
cover files that were not Jinja templates at their old path (their old text is the rendered one).
"""

import os
import shutil
import subprocess
import sys
from pathlib import Path

from packaging.version import Version

TEMPLATE = Path(__file__).resolve().parents[1]
# version: [(old path, new path)], paths relative to the rendered project.
MOVES = {
    "0.2.0": [("backend/tests/events.py", "local/events.py")],
}


def git(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True)  # noqa: S603


def moves_crossed(version_from: str, version_to: str) -> list[tuple[str, str]]:
    low, high = Version(version_from), Version(version_to)
    return [move for v, moves in MOVES.items() if low < Version(v) <= high for move in moves]


def saved_dir(project: Path) -> Path:
    """Inside .git: never seen by Copier's diff nor committed."""
    return project / git("rev-parse", "--git-dir", cwd=project).stdout.strip() / "copier-moves"


def before(project: Path, commit_from: str, moves: list[tuple[str, str]]) -> None:
    for old, new in moves:
        mine = project / old
        if not mine.is_file():
            continue
        rendered = git("show", f"{commit_from}:template/{old}", cwd=TEMPLATE)
        if rendered.returncode != 0 or rendered.stdout == mine.read_text():
            continue  # unknown old text, or no edits: the update's own delete and add suffice
        saved = saved_dir(project) / new
        saved.mkdir(parents=True, exist_ok=True)
        (saved / "base").write_text(rendered.stdout)
        shutil.copyfile(mine, saved / "mine")


def after(project: Path, moves: list[tuple[str, str]]) -> None:
    for old, new in moves:
        saved = saved_dir(project) / new
        if not saved.is_dir():
            continue
        target = project / new
        if not target.exists():
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text((saved / "base").read_text())
        merged = git(
            "merge-file", "-L", "template", "-L", "old template", "-L", "your edits",
            str(target), str(saved / "base"), str(saved / "mine"),
        )  # fmt: skip
        shutil.rmtree(saved)
        conflicts = f", {merged.returncode} conflict(s) marked" if merged.returncode else ""
        print(f"Moved your edits of {old} into {new}{conflicts}.", file=sys.stderr)


def main() -> None:
    stage = sys.argv[1]
    project = Path.cwd()
    moves = moves_crossed(os.environ["VERSION_PEP440_FROM"], os.environ["VERSION_PEP440_TO"])
    if stage == "before":
        before(project, os.environ["VERSION_FROM"], moves)
    else:
        after(project, moves)


if __name__ == "__main__":
    main()
