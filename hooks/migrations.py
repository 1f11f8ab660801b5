"""`copier update` migrations: keep the user's edits when the template moves a file.

copier.yml runs `migrations.py before` and `migrations.py after` around every update (Copier
sets VERSION_FROM, the commit or tag the project was rendered from; this script runs from the
template at the version updated to). Without this, Copier deletes a moved file together with
the user's edits and renders the new one clean.

A move applies to any update from a version that rendered the old path to one that does not,
so it needs no release tags. `before` saves the user's copy of such a file, if it differs from
what the old version rendered; `after` merges those edits into the file at its new path with
`git merge-file`, leaving conflict markers where the template changed the same lines. A file
folded into another is a move too: the user's edits land where the moved lines are. Paths are
the project's (`web/src/...`, not the template's conditional names), the package written as
`{{package_name}}` where the path named it. The old text is the package name substituted where
that was a file's only Jinja, else a render of the old version with the project's answers.

When the packages took fixed names (0.3.0: `backend/src/api`, `infra/stacks`), every file of
theirs moved: `after` also moves the files the user added to the old package directories and
rewrites imports of the old names in the project's Python files, saying which.
"""

import os
import re
import shutil
import subprocess
import sys
import tempfile
from functools import cache
from pathlib import Path

import yaml  # Copier's own dependency: this runs with Copier's Python

TEMPLATE = Path(__file__).resolve().parents[1]
SOURCES = TEMPLATE / "template"
# (old path, new path), relative to the rendered project, oldest first.
BACKEND = "backend/src/{{package_name}}"
WEB = "web/src"
FEATURE_FILES = (
    "index.ts",
    *(f"board/{name}" for name in ("BoardPage.tsx", "Markdown.tsx", "PostForm.tsx")),
    *(f"board/{name}" for name in ("PostPage.tsx", "board.test.tsx", "index.ts", "queries.ts")),
    *(f"chat/{name}" for name in ("ChatPage.tsx", "RealtimeFrame.tsx", "index.ts")),
    *(f"chat/{name}" for name in ("realtime.test.ts", "realtime.ts")),
    *(f"files/{name}" for name in ("FilesPage.tsx", "index.ts", "queries.ts")),
    *(f"profile/{name}" for name in ("ProfilePage.tsx", "index.ts")),
)
MOVES = (
    ("backend/tests/events.py", "local/events.py"),  # 0.2.0: the local stack builds events
    # 0.3.0: the store named for what it holds; mail beside the messages it sends
    (f"{BACKEND}/db.py", f"{BACKEND}/records.py"),
    (f"{BACKEND}/services/email.py", f"{BACKEND}/messages.py"),
    ("backend/tests/test_services.py", "backend/tests/test_mail.py"),
    # 0.3.0: the web app's features in features/, what they share beside them
    *((f"{WEB}/pages/{path}", f"{WEB}/features/{path}") for path in FEATURE_FILES),
    (f"{WEB}/pages/profile/queries.ts", f"{WEB}/api/profile.ts"),
    (f"{WEB}/pages/capability.ts", f"{WEB}/site.tsx"),
    (f"{WEB}/components/format.ts", f"{WEB}/format.ts"),
    (f"{WEB}/admin/start.tsx", f"{WEB}/admin/index.tsx"),
    (f"{WEB}/admin/index.ts", f"{WEB}/admin/index.tsx"),
    # 0.3.0: the offline AWS, one module per service; edits outside the front are marked there
    ("local/aws.py", "local/aws/front.py"),
    # 0.3.0: the Users page's tests render it, so they are TSX
    (f"{WEB}/admin/users/users.test.ts", f"{WEB}/admin/users/users.test.tsx"),
)
# 0.3.0: the packages' names no longer follow the project, so tests and the local stack are plain
# Python; (old directory, new directory, old import name, new import name).
PACKAGES = (
    (BACKEND, "backend/src/api", "{{package_name}}", "api"),
    ("infra/{{package_name}}_infra", "infra/stacks", "{{package_name}}_infra", "stacks"),
)


def git(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True)  # noqa: S603


def all_moves() -> list[tuple[str, str]]:
    """MOVES, then every file of the packages from its old directory to its new one."""
    moved = []
    for old_dir, new_dir, _, _ in PACKAGES:
        for path in SOURCES.rglob("*"):
            new = project_path(str(path.relative_to(TEMPLATE)))
            if path.is_file() and new.startswith(new_dir + "/"):
                moved.append((old_dir + new.removeprefix(new_dir), new))
    return [*MOVES, *moved]


def moves_crossed(version_from: str) -> list[tuple[str, str]]:
    """The moves between the version rendered from and this one: the old path was rendered
    then and is not now. A file moved twice goes to where the later move took it."""
    now = {project_path(str(path.relative_to(TEMPLATE))) for path in SOURCES.rglob("*")}
    then = sources(version_from)
    moves = all_moves()
    crossed = []
    for old, new in moves:
        if old in now or old not in then:
            continue
        for earlier, later in moves:
            new = later if new == earlier and earlier not in now else new
        crossed.append((old, new))
    return crossed


def project_path(source: str) -> str:
    """Where a template file renders, relative to the project, the package left as
    `{{package_name}}`: a name `{% if …%}x{% endif %}` renders as `x` (if at all), and `.jinja`
    goes."""
    return re.sub(r"\{%.*?%\}", "", source.removeprefix("template/")).removesuffix(".jinja")


@cache
def sources(version: str) -> dict[str, str]:
    """Project path -> template path of every file of `version`."""
    listed = git("ls-tree", "-r", "-z", "--name-only", version, "--", "template", cwd=TEMPLATE)
    return {project_path(name): name for name in listed.stdout.split("\0") if name}


def rendered(version: str, path: str, project: Path) -> str:
    """The text `version` rendered at `path` for this project: a file copied as it is, the
    package name substituted where that is a template's only Jinja, else from a render of
    `version` with the project's answers."""
    source = sources(version)[path]
    text = git("show", f"{version}:{source}", cwd=TEMPLATE).stdout
    if not source.endswith(".jinja"):
        return text
    if not re.search(r"\{[{%](?! package_name \}\})", text):
        return text.replace("{{ package_name }}", package_of(project))
    return in_project(path, old_render(version, project)).read_text()


@cache
def old_render(version: str, project: Path) -> Path:
    """The project as `version` rendered it, from the answers it records (no tasks run)."""
    import copier

    data = {key: value for key, value in answers_of(project).items() if not key.startswith("_")}
    target = Path(tempfile.mkdtemp(prefix="copier-moves-"))
    copier.run_copy(
        str(TEMPLATE), target, data=data, vcs_ref=version, defaults=True, unsafe=True,
        quiet=True, skip_tasks=True,
    )  # fmt: skip
    return target


@cache
def answers_of(project: Path) -> dict:
    """The answers the project records (Copier's answers file)."""
    return yaml.safe_load((project / ".copier-answers.yml").read_text())


def package_of(project: Path) -> str:
    """The package name the project was rendered with (kept by `before`: the answers file
    loses it when the update ends)."""
    kept = saved_dir(project) / "package_name"
    if kept.is_file():
        return kept.read_text()
    return answers_of(project).get("package_name", "")


def in_project(path: str, project: Path) -> Path:
    return project / path.replace("{{package_name}}", package_of(project))


def saved_dir(project: Path) -> Path:
    """Inside .git: never seen by Copier's diff nor committed."""
    return project / git("rev-parse", "--git-dir", cwd=project).stdout.strip() / "copier-moves"


def before(project: Path, version_from: str, moves: list[tuple[str, str]]) -> None:
    saved_dir(project).mkdir(parents=True, exist_ok=True)
    (saved_dir(project) / "package_name").write_text(package_of(project))
    for old, new in moves:
        mine = in_project(old, project)
        if mine == in_project(new, project):
            continue  # the package already had its new name: Copier's own update merges it
        base = rendered(version_from, old, project)
        if not mine.is_file() or base == mine.read_text():
            continue  # no edits: the update's own delete and add suffice
        saved = saved_dir(project) / old
        saved.mkdir(parents=True, exist_ok=True)
        (saved / "base").write_text(base)
        shutil.copyfile(mine, saved / "mine")


def after(project: Path, moves: list[tuple[str, str]]) -> None:
    for old, new in moves:
        saved = saved_dir(project) / old
        if not saved.is_dir() or in_project(old, project) == in_project(new, project):
            continue
        target = in_project(new, project)
        if not target.exists():
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text((saved / "base").read_text())
        merged = git(
            "merge-file", "-L", "template", "-L", "old template", "-L", "your edits",
            str(target), str(saved / "base"), str(saved / "mine"),
        )  # fmt: skip
        shutil.rmtree(saved)
        conflicts = f", {merged.returncode} conflict(s) marked" if merged.returncode else ""
        old, new = (str(in_project(path, project).relative_to(project)) for path in (old, new))
        print(f"Moved your edits of {old} into {new}{conflicts}.", file=sys.stderr)
    if moves:
        rename_packages(project)
    shutil.rmtree(saved_dir(project), ignore_errors=True)


def rename_packages(project: Path) -> None:
    """Files the user added to a package's old directory follow it, and imports of the old
    names (`from my_app.x import`, `"my_app.x"` as mock.patch and handlers name modules) follow
    the new ones."""
    renames = []
    for old_dir, new_dir, old_name, new_name in PACKAGES:
        source, target = in_project(old_dir, project), project / new_dir
        renames.append((old_name.replace("{{package_name}}", package_of(project)), new_name))
        if source == target or not source.is_dir():
            continue
        for path in sorted(source.rglob("*")):
            moved = target / path.relative_to(source)
            if path.is_file() and "__pycache__" not in path.parts and not moved.exists():
                moved.parent.mkdir(parents=True, exist_ok=True)
                shutil.move(path, moved)
                print(f"Moved {path.relative_to(project)} into {new_dir}.", file=sys.stderr)
        if not any(p.is_file() and "__pycache__" not in p.parts for p in source.rglob("*")):
            shutil.rmtree(source)
    listed = git("ls-files", "-z", "--cached", "--others", "--exclude-standard", cwd=project)
    for name in listed.stdout.split("\0"):
        path = project / name
        if not name.endswith(".py") or not path.is_file():
            continue
        text = path.read_text()
        renamed = text
        for old_name, new_name in renames:
            if old_name == new_name:
                continue
            renamed = re.sub(
                rf"^(\s*(?:from|import)\s+){old_name}\b", rf"\g<1>{new_name}", renamed, flags=re.M
            )
            renamed = re.sub(rf"([\"']){old_name}\.", rf"\g<1>{new_name}.", renamed)
        if renamed != text:
            path.write_text(renamed)
            print(f"Renamed the packages' imports in {name}.", file=sys.stderr)


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
