"""Checkov's report of synthesized templates, and its findings nobody explained (test_checkov).

Checkov runs from uv's cache in an environment of its own (`uv tool run`): its pins (boto3 and
more) clash with the project's. The first run on a machine downloads it; later ones read the
cache and need no network.
"""

import json
import shutil
import subprocess
import sys
from pathlib import Path

CHECKOV = "checkov==3.3.30"


def checkov(templates: list[Path]) -> dict:
    """Checkov's JSON report of CloudFormation templates: summary, passed, failed, skipped."""
    uv = shutil.which("uv", path=str(Path(sys.executable).parent)) or "uv"
    files = [arg for path in templates for arg in ("--file", str(path))]
    arguments = ["--framework", "cloudformation", "--output", "json", "--skip-download", *files]
    for network in ("--offline", "--no-offline"):  # the cache first; PyPI if it lacks Checkov
        result = subprocess.run(  # noqa: S603 (uv and Checkov, pinned)
            [uv, "tool", "run", network, "--from", CHECKOV, "checkov", *arguments],
            capture_output=True,
            text=True,
            timeout=300,
        )
        if "network was disabled" not in result.stderr:
            break
    assert result.stdout.startswith("{"), result.stderr[-3000:]
    return json.loads(result.stdout)


def unexplained(report: dict) -> list[str]:
    """One line per failed check, and how to explain one; [] when every finding is explained."""
    lines = [
        f"{check['check_id']} {Path(check['file_path']).name} {check['resource']}: "
        f"{check['check_name']}"
        for check in report["results"]["failed_checks"]
    ]
    hint = (
        "Fix each, or explain it next to its construct in infra/: "
        'acknowledge(construct, [("CKV_...", "<why it is accepted>")]) (stacks/nag.py)'
    )
    return [*lines, hint] if lines else []
