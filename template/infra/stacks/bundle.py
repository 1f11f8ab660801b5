"""`make bundle`: the functions' code as Lambda runs it, with its bytecode.

build/lambda holds the backend package and its runtime dependencies, as wheels for Lambda's CPU
and Python (LAMBDA_PYTHON); with realtime, build/lambda-jwt holds the authorizer's layer. Both are
compiled by that same Python minor version (a .pyc is only read by the version that wrote it) in
unchecked-hash mode: Lambda extracts the zip with new mtimes, which would invalidate
timestamp-based .pycs. Without that interpreter here, the bundle ships sources only, and Lambda
compiles every module again on each cold start.

`python -m stacks.bundle` builds both; the tests build one for this machine's Python.
"""

import shutil
import subprocess
import sys
from pathlib import Path

from .config import LAMBDA_PYTHON, PROJECT, ROOT

LAMBDA_PLATFORM = "aarch64-manylinux2014"  # arm64, as functions.py
# Where Lambda puts a function's code and a layer's python/ folder: the paths tracebacks show.
TASK_ROOT = "/var/task"
LAYER_ROOT = "/opt/python"
# Installed with the dependencies, never imported by a function: pip's console scripts, and
# Pydantic 1's API, which FastAPI imports (~40 ms with bytecode) only to refuse Pydantic 1
# models, and skips when it is absent. Remove an entry if a dependency you add imports it.
UNUSED = ("bin", "pydantic/v1")
UV = Path(sys.executable).with_name("uv")  # the dev group's, in .venv


def run(*command: str | Path, check: bool = True) -> subprocess.CompletedProcess:
    """One of our own tools (uv, a Python) with our arguments; its output captured."""
    return subprocess.run(command, check=check, capture_output=True, text=True, cwd=ROOT)  # noqa: S603


def runtime_python() -> str | None:
    """An interpreter of Lambda's Python version on this machine, if uv finds one."""
    found = run(UV, "python", "find", LAMBDA_PYTHON, check=False)
    return found.stdout.strip() if found.returncode == 0 else None


def install(groups: list[str], requirements: Path, target: Path, python: str | None) -> None:
    """The locked requirements of `groups` (written to `requirements`) into `target`, as
    Lambda's wheels, or as `python`'s."""
    run(UV, "export", "--quiet", *groups, "--no-emit-project", "--no-hashes",
        "--format", "requirements.txt", "--output-file", requirements)  # fmt: skip
    wheels = (
        ["--python", python]
        if python
        else ["--python-platform", LAMBDA_PLATFORM, "--python-version", LAMBDA_PYTHON]
    )
    run(UV, "pip", "install", "--quiet", "--target", target, "--no-deps",
        "--only-binary", ":all:", *wheels, "--requirements", requirements)  # fmt: skip


def requirements_of(target: Path) -> Path:
    """Where the requirements of a bundle are written: beside it, not in it."""
    return target.with_name(f"{target.name}-requirements.txt")


def prune(folder: Path) -> None:
    """Drop what no function imports, and bytecode of whichever Python happened to write it."""
    for unused in [*folder.rglob("__pycache__"), *(folder / name for name in UNUSED)]:
        shutil.rmtree(unused, ignore_errors=True)


def compile_bytecode(folder: Path, python: str, root: str) -> None:
    """Every module's .pyc beside it, as `python` reads them wherever the folder is unpacked."""
    run(python, "-m", "compileall", "-q", "-j", "0", "--invalidation-mode", "unchecked-hash",
        "-d", root, folder)  # fmt: skip


def build(target: Path, *, python: str | None, compiler: str | None) -> None:
    """The backend package and its dependencies in `target`, compiled by `compiler` if given.

    `python` picks the wheels: None for Lambda's, or an interpreter of this machine.
    """
    shutil.rmtree(target, ignore_errors=True)
    target.parent.mkdir(parents=True, exist_ok=True)
    install(["--no-default-groups"], requirements_of(target), target, python)
    shutil.copytree(ROOT / "backend" / "src" / PROJECT.package, target / PROJECT.package)
    prune(target)
    if compiler:
        compile_bytecode(target, compiler, TASK_ROOT)


def build_jwt_layer(target: Path, compiler: str | None) -> None:
    """PyJWT and cryptography for the WebSocket authorizer, as a layer (python/ on its path)."""
    shutil.rmtree(target, ignore_errors=True)
    target.parent.mkdir(parents=True, exist_ok=True)
    install(["--only-group", "jwt-layer"], requirements_of(target), target / "python", None)
    prune(target / "python")
    if compiler:
        compile_bytecode(target / "python", compiler, LAYER_ROOT)


def main() -> None:
    compiler = runtime_python()
    where = "build/lambda" + (" and build/lambda-jwt" if PROJECT.realtime else "")
    print(
        f"Bundling the backend for Lambda (Python {LAMBDA_PYTHON}, arm64) into {where}, "
        + (
            "with bytecode"
            if compiler
            else f"without bytecode: no Python {LAMBDA_PYTHON} here (`uv python install "
            f"{LAMBDA_PYTHON}` adds one), so Lambda compiles the sources on every cold start"
        )
    )
    build(PROJECT.lambda_bundle, python=None, compiler=compiler)
    if PROJECT.realtime:
        build_jwt_layer(PROJECT.jwt_layer, compiler)


if __name__ == "__main__":
    main()
