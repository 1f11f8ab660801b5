"""Rendering helpers shared by the template's tests."""

import fcntl
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import time
import warnings
from pathlib import Path

import copier
import pytest

TEMPLATE = Path(__file__).resolve().parents[1]
# The uv pinned in the dev group; rendered projects use it and share its cache.
UV = os.environ.get("UV") or shutil.which("uv", path=str(Path(sys.executable).parent))
# Node packages installed once for every render with the same package-lock.json (hard links),
# and one Python environment per test worker (share_installs).
NODE_STORE = TEMPLATE / "build" / "node_modules"
VENVS = TEMPLATE / "build" / "venvs"
# Where each rendered project's `make` phase times go, for the table at the end (timings.py).
TIMINGS = TEMPLATE / "build" / "timings"
# The Makefile targets that install each folder's Node packages (their stamp files).
NODE_INSTALLS = {
    "client": "client/node_modules/.client-config/package.json",
    "infra/tests/iam": "infra/tests/iam/node_modules/.package-lock.json",
    "web": "web/node_modules/.package-lock.json",
    "mobile": "mobile/node_modules/.package-lock.json",
}


PHASE_LINE = re.compile(r"^\[time\] (.+): (\d+(?:\.\d+)?) s$", re.M)


def render(dst: Path, **answers) -> Path:
    """Render the template's working tree (committed or not) into dst with these answers.

    `HEAD`, not the newest release tag that Copier picks by default, and with dirty changes.
    """
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", copier.errors.DirtyLocalWarning)
        copier.run_copy(
            str(TEMPLATE), dst, data=answers, vcs_ref="HEAD", defaults=True, unsafe=True, quiet=True
        )
    return dst


def make(
    project: Path, *targets: str, timeout: int = 900, **env_vars: str
) -> subprocess.CompletedProcess:
    """Run make targets in a rendered project with the template's uv; output captured."""
    env = {k: v for k, v in os.environ.items() if k != "VIRTUAL_ENV"}
    env |= {"UV": UV, **env_vars}
    return subprocess.run(
        ["make", "--no-print-directory", *targets],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
    )


def run_make(project: Path, *targets: str, timeout: int = 900, **env_vars: str) -> float:
    """Run make targets in a rendered project; fail with the output's tail. Returns seconds.

    The phases the project's Makefile timed (`[time] <phase>: <seconds> s`) are kept in
    TIMINGS under the project's folder name."""
    started = time.perf_counter()
    result = make(project, *targets, timeout=timeout, **env_vars)
    elapsed = time.perf_counter() - started
    phases = PHASE_LINE.findall(result.stdout + result.stderr)
    if phases:
        TIMINGS.mkdir(parents=True, exist_ok=True)
        kept = TIMINGS / f"{project.name}.json"
        timed = json.loads(kept.read_text()) if kept.exists() else {}
        if "test" in targets:
            timed["make test (all)"] = elapsed
        for phase, seconds in phases:
            timed[phase] = timed.get(phase, 0.0) + float(seconds)
        kept.write_text(json.dumps(timed))
    if result.returncode != 0:
        output = result.stdout + result.stderr
        pytest.fail(f"make {' '.join(targets)} failed in {project}:\n{failures(output)}")
    return elapsed


# pytest's report of a failed test, up to the next test's or the summary; its captured output
# (a local stack logs a line per request) would push the reason out of what the failure shows.
FAILURE = re.compile(r"^_{3,} \S.*?(?=^_{3,} \S|^=+ short test summary)", re.S | re.M)
CAPTURED = re.compile(r"^-+ Captured .*?(?=^_{3,} \S|\Z)", re.S | re.M)


def failures(output: str) -> str:
    """What a failed `make` said: each failed test's report without its captured output, then
    the output's end (the summary, or the error of a step that is not pytest)."""
    reports = "".join(CAPTURED.sub("", report) for report in FAILURE.findall(output))
    return f"{reports[:12000]}\n…\n{output[-4000:]}" if reports else output[-6000:]


def share_installs(project: Path) -> None:
    """Give a rendered project what earlier renders installed, before its Makefile runs.

    Python: the renders a test worker runs one after another share one virtual environment
    (`.venv` links to it), which each project's `make install` syncs to its own pins (a second
    or two: its own package and the few dependencies its answers add). Third-party modules
    are compiled to bytecode once per worker rather than once per render (~20 s each).

    Node: each folder with a package-lock.json gets its node_modules from NODE_STORE, where the
    first render with the same lock file installed them with its own Makefile. Hard links take
    a second where `npm ci` takes up to half a minute; tools that write into node_modules
    (Vite's cache) add files of their own there, never change the store's."""
    venv = VENVS / os.environ.get("PYTEST_XDIST_WORKER", "main")
    venv.mkdir(parents=True, exist_ok=True)  # uv makes an environment in an empty folder
    (project / ".venv").symlink_to(venv, target_is_directory=True)
    for folder, stamp in NODE_INSTALLS.items():
        lock = project / folder / "package-lock.json"
        if not lock.is_file():
            continue
        digest = hashlib.sha256(lock.read_bytes()).hexdigest()[:16]
        store = NODE_STORE / f"{folder.replace('/', '-')}-{digest}"
        NODE_STORE.mkdir(parents=True, exist_ok=True)
        with store.with_name(f"{store.name}.lock").open("w") as held:
            fcntl.flock(held, fcntl.LOCK_EX)  # another worker may be filling it
            if not store.is_dir():
                run_make(project, stamp)
                filling = store.with_name(f"{store.name}.filling")
                shutil.rmtree(filling, ignore_errors=True)
                subprocess.run(
                    ["cp", "-al", project / folder / "node_modules", filling], check=True
                )
                filling.rename(store)  # whole or not at all
            else:
                subprocess.run(["cp", "-al", store, project / folder / "node_modules"], check=True)
                (project / stamp).touch()  # newer than the freshly rendered package-lock.json


def edit(path: Path, old: str, new: str) -> None:
    """Replace the first `old` in a file; fail if it is not there (the test would prove nothing)."""
    text = path.read_text()
    assert old in text, f"{path.name} no longer has {old!r}: pick another line to edit"
    path.write_text(text.replace(old, new, 1))


# How long each rendered project's run takes, roughly, relative to the others (build/timings):
# the longest start first, so no worker is left with one at the end.
WEIGHTS = {"all-options": 9.5, "defaults": 4.5, "web": 1.5, "pair": 1.0}


def pytest_collection_modifyitems(items):
    """The rendered projects' runs first, longest first, then the quick tests that fill in.

    xdist (`--maxschedchunk=1`) hands each worker its first two tests at once: the two named
    sets go first to different workers."""

    def weight(item) -> float:
        name = getattr(item, "callspec", None) and item.callspec.params.get("name")
        if item.originalname != "test_rendered_project_tests_and_synthesizes":
            return 0.0
        if name in WEIGHTS:
            return WEIGHTS[name]
        from option_sets import MATRIX

        return WEIGHTS["web" if MATRIX[name]["web_app"] else "pair"]

    items.sort(key=weight, reverse=True)
    if len(items) > 2 and weight(items[1]) > WEIGHTS["web"]:
        items.insert(2, items.pop(1))  # worker 1: all-options and a row; worker 2: the defaults


def pytest_sessionstart(session):
    if not hasattr(session.config, "workerinput"):  # once, in the controller
        shutil.rmtree(TIMINGS, ignore_errors=True)


def pytest_terminal_summary(terminalreporter):
    """The rendered projects' phase table (`make timings` prints it again)."""
    if TIMINGS.is_dir() and not hasattr(terminalreporter.config, "workerinput"):
        from timings import phase_table

        terminalreporter.write_sep("-", "where the time went (seconds)")
        terminalreporter.write_line(phase_table(TIMINGS))
