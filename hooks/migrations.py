"""`copier update` migrations: keep the user's edits when the template moves a file.

copier.yml runs `migrations.py before` and `migrations.py after` around every update (Copier
sets VERSION_FROM, the commit or tag the project was rendered from; this script runs from the
template at the version updated to). Without this, Copier deletes a moved file together with
the user's edits and renders the new one clean.

A move applies to any update from a version that rendered the old path to one that does not,
so it needs no release tags. `before` saves the user's copy of such a file, if it differs from
what the old version rendered; `after` merges those edits into the file at its new path with
`git merge-file`, leaving conflict markers where the template changed the same lines. Moves
only cover files that were not Jinja templates at their old path (their old text is the
rendered one).
"""

import os
import shutil
import subprocess
import sys
from pathlib import Path

TEMPLATE = Path(__file__).resolve().parents[1]
# (old path, new path), relative to the rendered project, oldest first.
MOVES = (
    ("backend/tests/events.py", "local/events.py"),  # 0.2.0: the local stack builds events
)


def git(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True)  # noqa: S603


def moves_crossed(version_from: str) -> list[tuple[str, str]]:
    """The moves between the version rendered from and this one: the old path was rendered
    then (its text is returned by git) and is not now."""
    return [
        (old, new)
        for old, new in MOVES
        if not (TEMPLATE / "template" / old).exists()
        and rendered(version_from, old).returncode == 0
    ]


def rendered(version: str, path: str) -> subprocess.CompletedProcess:
    return git("show", f"{version}:template/{path}", cwd=TEMPLATE)


def saved_dir(project: Path) -> Path:
    """Inside .git: never seen by Copier's diff nor committed."""
    return project / git("rev-parse", "--git-dir", cwd=project).stdout.strip() / "copier-moves"


def before(project: Path, version_from: str, moves: list[tuple[str, str]]) -> None:
    for old, new in moves:
        mine = project / old
        base = rendered(version_from, old).stdout
        if not mine.is_file() or base == mine.read_text():
            continue  # no edits: the update's own delete and add suffice
        saved = saved_dir(project) / new
        saved.mkdir(parents=True, exist_ok=True)
        (saved / "base").write_text(base)
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
    moves = moves_crossed(os.environ["VERSION_FROM"])
    if stage == "before":
        before(project, os.environ["VERSION_FROM"], moves)
    else:
        after(project, moves)


if __name__ == "__main__":
    main()
