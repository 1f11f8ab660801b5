"""`make bundle` ships bytecode that Lambda's Python runs as it is, wherever the zip unpacks it.

This machine may lack Lambda's Python, so the bundle here is built for this machine's Python the
same way (bundle.build), which is the mechanism `make bundle` uses with Lambda's.
"""

import json
import os
import shutil
import subprocess
import sys
import time

import pytest
import yaml

from stacks.bundle import build
from stacks.config import LAMBDA_PYTHON, PROJECT, ROOT

from local.events import rest_event

# What every source file becomes: importing a module from its source fails loudly.
TRAP = 'raise SystemExit(f"ran the source of {__name__}, not its bytecode")\n'
# A fresh interpreter without site-packages (-S): the bundle is all it can import beyond the
# standard library. It imports the handler and answers GET /health.
PROBE = f"""
import json, sys
from {PROJECT.package}.handler import handler
print(handler(json.loads(sys.argv[1]), None)["statusCode"], sys.modules["fastapi"].__file__)
"""


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    target = tmp_path_factory.mktemp("bundle") / "lambda"
    build(target, python=sys.executable, compiler=sys.executable)
    return target


def unpacked_with_trapped_sources(built, where):
    """The bundle copied as Lambda unpacks its zip (every mtime new), each source a trap."""
    shutil.copytree(built, where)
    later = time.time() + 3600
    for source in where.rglob("*.py"):
        source.write_text(TRAP)
        os.utime(source, (later, later))
    return where


def probe(task_root):
    return subprocess.run(  # noqa: S603 (this interpreter, our probe)
        [sys.executable, "-S", "-c", PROBE, json.dumps(rest_event("GET", "/health"))],
        env={"PYTHONPATH": str(task_root), "PYTHONDONTWRITEBYTECODE": "1"},
        capture_output=True,
        text=True,
    )


def test_the_handler_runs_from_the_bundles_bytecode_alone(built, tmp_path):
    task_root = unpacked_with_trapped_sources(built, tmp_path / "task")
    answered = probe(task_root)
    assert answered.returncode == 0, answered.stderr
    *metrics, probed = answered.stdout.splitlines()  # the request's EMF line comes first
    status, fastapi_file = probed.split()
    assert status == "200"
    assert fastapi_file.startswith(str(task_root))


def test_without_its_bytecode_the_trapped_bundle_fails(built, tmp_path):
    """The check above can fail: with no .pyc to read, the sources (traps) run."""
    task_root = unpacked_with_trapped_sources(built, tmp_path / "task")
    for cache in list(task_root.rglob("__pycache__")):
        shutil.rmtree(cache)
    answered = probe(task_root)
    assert answered.returncode != 0
    assert "not its bytecode" in answered.stderr


def test_the_bundle_leaves_out_what_no_function_imports(built):
    assert not (built / "bin").exists()
    assert not (built / "pydantic" / "v1").exists()
    assert (built / "pydantic" / "__init__.py").exists()


def test_deploys_set_up_lambdas_python_so_the_bundle_carries_bytecode():
    workflow = yaml.safe_load((ROOT / ".github" / "workflows" / "ci.yml").read_text())
    versions = [
        str(step["with"]["python-version"])
        for step in workflow["jobs"]["deploy"]["steps"]
        if step.get("uses", "").startswith("actions/setup-python@")
    ]
    # The last one set up is the default `python`: the project's, not Lambda's.
    assert LAMBDA_PYTHON in versions[:-1]
