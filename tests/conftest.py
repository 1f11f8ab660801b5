"""Rendering helpers shared by the template's tests."""

import os
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
    """Run make targets in a rendered project; fail with the output's tail. Returns seconds."""
    started = time.perf_counter()
    result = make(project, *targets, timeout=timeout, **env_vars)
    elapsed = time.perf_counter() - started
    if result.returncode != 0:
        output = (result.stdout + result.stderr)[-6000:]
        pytest.fail(f"make {' '.join(targets)} failed in {project}:\n{output}")
    return elapsed


def edit(path: Path, old: str, new: str) -> None:
    """Replace the first `old` in a file; fail if it is not there (the test would prove nothing)."""
    text = path.read_text()
    assert old in text, f"{path.name} no longer has {old!r}: pick another line to edit"
    path.write_text(text.replace(old, new, 1))
