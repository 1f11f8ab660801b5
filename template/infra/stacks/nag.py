"""cdk-nag's AwsSolutions checks run on every synth (`make synth`, the tests, `cdk deploy`).

A finding fails the synth unless it is fixed or acknowledged. Acknowledgments live next to
the construct they are about, as (rule id, reason) pairs, applied with `acknowledge`.
`synth` reports unacknowledged findings as the `acknowledge` call that would accept them.
"""

import json
import re
from collections.abc import Iterable
from pathlib import Path

import aws_cdk as cdk
from aws_cdk import aws_s3 as s3
from cdk_nag import AwsSolutionsChecks
from constructs import IConstruct

Findings = Iterable[tuple[str, str]]


def add_checks(app: cdk.App) -> None:
    cdk.Validations.of(app).add_plugins(AwsSolutionsChecks(app))


def synth(app: cdk.App) -> None:
    """`app.synth()`; unacknowledged findings end the run with one line each and the
    `acknowledge` call that would accept them, instead of jsii's traceback."""
    try:
        app.synth()
    except RuntimeError as error:
        report = Path(app.outdir) / "validation-report.json"
        if not str(error).startswith("ValidationFailed") or not report.exists():
            raise
        raise SystemExit(unacknowledged(json.loads(report.read_text()), report)) from None


def unacknowledged(report: dict, path: Path) -> str:
    """The failing findings of a CDK validation report, grouped by construct."""
    by_construct: dict[str, list[tuple[str, str]]] = {}
    for plugin in report["pluginReports"]:
        for violation in plugin["violations"]:
            if violation["severity"] == "error":
                for construct in violation["violatingConstructs"]:
                    findings = by_construct.setdefault(construct["constructPath"], [])
                    findings.append((violation["ruleName"], violation["description"]))
    lines = []
    for construct, findings in by_construct.items():
        lines += [f"{rule} at {construct}: {description}" for rule, description in findings]
        pairs = ", ".join(f'("{rule}", "<why it is accepted>")' for rule, _ in findings)
        call = f"acknowledge(construct, [{pairs}])"
        lines.append(f"  Fix it, or accept it next to the construct in infra/: {call}")
    count = sum(len(findings) for findings in by_construct.values())
    lines.append(f"cdk-nag: {count} finding(s) neither fixed nor acknowledged ({path}).")
    return "\n".join(lines)


def acknowledge(scope: IConstruct, findings: Findings) -> None:
    """Accept findings on `scope` and everything under it; each reason is for the reviewer."""
    cdk.Validations.of(scope).acknowledge(
        *(cdk.Acknowledgment(id=rule, reason=reason) for rule, reason in findings)
    )


def object_wildcard(bucket: s3.IBucket, key_pattern: str) -> str:
    """The AwsSolutions-IAM5 finding id of a grant on `bucket.arn_for_objects(key_pattern)`."""
    return arn_wildcard(bucket, f"/{key_pattern}")


def arn_wildcard(resource: IConstruct, suffix: str) -> str:
    """The AwsSolutions-IAM5 finding id of a grant on the resource's ARN followed by `suffix`.

    cdk-nag names each wildcard resource after the resource's logical id, with IAM policy
    variables written as <...> instead of ${...}.
    """
    stack = cdk.Stack.of(resource)
    logical_id = stack.get_logical_id(resource.node.default_child)
    pattern = re.sub(r"\$\{([^}]*)\}", r"<\1>", suffix)
    return f"AwsSolutions-IAM5[Resource::<{logical_id}.Arn>{pattern}]"
