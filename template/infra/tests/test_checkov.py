"""Checkov over every stage's template (and its us-east-1 stack's, with WAF outside us-east-1):
each finding is fixed, or explained where Checkov reads it, a skip with its reason in the
resource's metadata (nag.acknowledge next to the construct, nag.CHECKOV_BY_TYPE for a whole
resource type).

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


def test_every_stage_template_passes_checkov(synthesized):
    templates = [path for pair in synthesized.values() for path in pair if path]
    report = checkov(templates)
    results = report["results"]
    unexplained = [
        f"{check['check_id']} {Path(check['file_path']).name} {check['resource']}: "
        f"{check['check_name']}"
        for check in results["failed_checks"]
    ]
    hint = (
        "Fix each, or explain it next to its construct in infra/: "
        'acknowledge(construct, [("CKV_...", "<why it is accepted>")]) (stacks/nag.py)'
    )
    assert unexplained == [], "\n".join([*unexplained, hint])
    reasons = {check["check_result"].get("suppress_comment") for check in results["skipped_checks"]}
    assert all(reason and len(reason.split()) > 5 for reason in reasons), reasons
