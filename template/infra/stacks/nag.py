"""The scanners' findings, fixed or explained: cdk-nag's AwsSolutions checks on every synth
(`make synth`, the tests, `cdk deploy`) and Checkov over every stage's template (the infra
tests' test_checkov.py).

A cdk-nag finding fails the synth unless it is fixed or acknowledged. Acknowledgments live next
to the construct they are about, as (rule id, reason) pairs, applied with `acknowledge`: ids
starting with CKV_ are Checkov's and become a skip with that reason in the resources' metadata,
where Checkov reads them. What holds for every resource of a type is explained once, in
CHECKOV_BY_TYPE. `synth` reports unacknowledged cdk-nag findings as the `acknowledge` call that
would accept them; test_checkov.py does the same for Checkov's.
"""

import json
import re
from collections.abc import Callable, Iterable
from pathlib import Path

import aws_cdk as cdk
import constructs
import jsii
from aws_cdk import aws_s3 as s3
from cdk_nag import AwsSolutionsChecks
from constructs import IConstruct

Findings = Iterable[tuple[str, str]]
# (check id, reason, whether a resource of the type has the finding): resources without it
# get no skip, so Checkov counts them as passed.
TypeFindings = Iterable[tuple[str, str, Callable[[cdk.CfnResource], bool]]]


def lacks(attribute: str) -> Callable[[cdk.CfnResource], bool]:
    """Whether a resource lacks a property (the CDK's L1 attribute name); the CDK's own
    resources of the type, plain CfnResources, have none of them."""
    return lambda resource: not getattr(resource, attribute, None)


# Checkov findings that every resource of a type has here, each with the reason it is accepted.
# A finding of one resource only is explained next to it, with `acknowledge`.
LAMBDA_FUNCTION = (
    (
        "CKV_AWS_115",
        "No reserved concurrency: it is taken from the account's unreserved pool (new accounts "
        "have 10, which Lambda keeps unreserved, so any reservation fails the deploy); the "
        "stage's throttling and WAF's rate rules bound the load instead.",
        lacks("reserved_concurrent_executions"),
    ),
    (
        "CKV_AWS_116",
        "Lambda sends only failed asynchronous invocations to a DLQ: API Gateway, Cognito, Step "
        "Functions and CloudFormation call these synchronously and see the error; S3's calls "
        "of the upload recorder fail to its on-failure destination queue, which has an alarm.",
        lacks("dead_letter_config"),
    ),
    (
        "CKV_AWS_117",
        "Not in a VPC: the functions call only AWS APIs, over TLS and authorized by IAM; a VPC "
        "adds NAT cost and nothing to protect (static_ip puts the API in one for a fixed IP).",
        lacks("vpc_config"),
    ),
    (
        "CKV_AWS_173",
        "Lambda encrypts environment variables at rest with an AWS-managed key; they hold "
        "resource names, ids and URLs, never secrets (client secrets stay in Secrets Manager).",
        lambda function: getattr(function, "environment", None) and lacks("kms_key_arn")(function),
    ),
)
CHECKOV_BY_TYPE: dict[str, TypeFindings] = {
    "AWS::Lambda::Function": LAMBDA_FUNCTION,
    "AWS::Logs::LogGroup": (
        (
            "CKV_AWS_158",
            "CloudWatch Logs encrypts every log group at rest with AWS-managed keys; a customer "
            "key costs $1 a month per stage and adds no control: IAM decides who reads logs.",
            lacks("kms_key_id"),
        ),
    ),
    "AWS::ApiGateway::Stage": (
        (
            "CKV_AWS_120",
            "No stage cache (from $0.02 an hour): the API's answers are per user; public GET "
            "routes are cached by the public face's CloudFront distribution (public_api.py).",
            lacks("cache_cluster_enabled"),
        ),
    ),
}


def add_checks(app: cdk.App) -> None:
    cdk.Validations.of(app).add_plugins(AwsSolutionsChecks(app))
    app.node.add_validation(CheckovByType(app))


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
    """Accept findings on `scope` and everything under it; each reason is for the reviewer.
    cdk-nag's rule ids and Checkov's check ids (CKV_...) alike."""
    findings = list(findings)
    nag = [(rule, reason) for rule, reason in findings if not rule.startswith("CKV")]
    checkov = [(check, reason) for check, reason in findings if check.startswith("CKV")]
    if nag:
        cdk.Validations.of(scope).acknowledge(
            *(cdk.Acknowledgment(id=rule, reason=reason) for rule, reason in nag)
        )
    if checkov:
        cdk.Aspects.of(scope).add(CheckovSkips(checkov))


@jsii.implements(cdk.IAspect)
class CheckovSkips:
    """Checkov skips written into the metadata of each CloudFormation resource visited, as
    Checkov reads them: `Metadata: {checkov: {skip: [{id, comment}]}}`."""

    def __init__(self, findings: Findings) -> None:
        self.findings = list(findings)

    def visit(self, node: IConstruct) -> None:
        if isinstance(node, cdk.CfnResource):
            skip(node, self.findings)


def skip(resource: cdk.CfnResource, findings: Findings) -> None:
    if not findings:
        return
    metadata = resource.get_metadata("checkov") or {}
    skips = list(metadata.get("skip", []))
    for check, reason in findings:
        if all(known["id"] != check for known in skips):
            skips.append({"id": check, "comment": reason})
    resource.add_metadata("checkov", {**metadata, "skip": skips})


@jsii.implements(constructs.IValidation)
class CheckovByType:
    """CHECKOV_BY_TYPE's skips on every resource of the app. A validation, not an aspect: it
    runs after the CDK has added the resources it makes late (cross-region references)."""

    def __init__(self, app: cdk.App) -> None:
        self.app = app

    def validate(self) -> list[str]:
        for node in self.app.node.find_all():
            if isinstance(node, cdk.CfnResource):
                findings = CHECKOV_BY_TYPE.get(node.cfn_resource_type, ())
                skip(node, [(check, why) for check, why, has in findings if has(node)])
        return []  # nothing invalid: it only writes metadata


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
