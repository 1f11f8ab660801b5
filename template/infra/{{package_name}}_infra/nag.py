"""cdk-nag's AwsSolutions checks run on every synth (`make synth`, the tests, `cdk deploy`).

A finding fails the synth unless it is fixed or acknowledged. Acknowledgments live next to
the construct they are about, as (rule id, reason) pairs, applied with `acknowledge`.
"""

import re
from collections.abc import Iterable

import aws_cdk as cdk
from aws_cdk import aws_s3 as s3
from cdk_nag import AwsSolutionsChecks
from constructs import IConstruct

Findings = Iterable[tuple[str, str]]


def add_checks(app: cdk.App) -> None:
    cdk.Validations.of(app).add_plugins(AwsSolutionsChecks(app))


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
