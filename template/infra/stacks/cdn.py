"""What the stack's CloudFront distributions share: the files CDN (storage.py), the public face
(public_api.py) and the web app's (web.py) log alike (standard logs, with the stage's cdn_logs,
to the logs bucket), accept the same scanner findings and serve public data with the same CORS."""

from typing import Any

from aws_cdk import aws_cloudfront as cloudfront
from aws_cdk import aws_s3 as s3

from .config import ProjectConfig, StageConfig

# CloudFront delivers no standard logs to buckets in these (opt-in) regions.
NO_CDN_LOG_REGIONS = frozenset(
    {
        "af-south-1",
        "ap-east-1",
        "ap-south-2",
        "ap-southeast-3",
        "ap-southeast-4",
        "ca-west-1",
        "eu-central-2",
        "eu-south-1",
        "eu-south-2",
        "il-central-1",
        "me-central-1",
        "me-south-1",
    }
)

# Where each distribution's standard logs go in the logs bucket: CDN_LOGS/<its name>/, one
# partition of the CDN log table (cdn_logs.py) each.
CDN_LOGS = "cdn-logs"


def standard_logs(project: ProjectConfig, stage: StageConfig) -> bool:
    """Whether the stage's distributions write standard logs: its cdn_logs setting, where
    CloudFront delivers them."""
    return stage.cdn_logs and project.region not in NO_CDN_LOG_REGIONS


def standard_log_settings(
    project: ProjectConfig, stage: StageConfig, logs_bucket: s3.IBucket, name: str
) -> dict[str, Any]:
    """A distribution's log settings: its standard logs under CDN_LOGS/<name>/, or none."""
    if not standard_logs(project, stage):
        return {}
    return {"log_bucket": logs_bucket, "log_file_prefix": f"{CDN_LOGS}/{name}/"}


def no_standard_log_findings(
    project: ProjectConfig, stage: StageConfig, origin_logs: str
) -> tuple[tuple[str, str], ...]:
    """The scanners' findings of a distribution without standard logs and why, or none:
    `origin_logs` says what still records the requests that reach its origin."""
    if standard_logs(project, stage):
        return ()
    if project.region in NO_CDN_LOG_REGIONS:
        why = "CloudFront delivers no standard logs to S3 buckets in this opt-in region"
    else:
        why = "The stage's cdn_logs setting is off (StageConfig)"
    return tuple((rule, f"{why}; {origin_logs}") for rule in ("AwsSolutions-CFR3", "CKV_AWS_86"))


# What every CloudFront distribution of the stack accepts.
EDGE_FINDINGS = (
    (
        "AwsSolutions-CFR1",
        "No geo restriction: the product serves users worldwide; add one in the distribution "
        "if the business requires it.",
    ),
    (
        "AwsSolutions-CFR4",
        "With the default *.cloudfront.net certificate CloudFront fixes the minimum viewer "
        "protocol at TLSv1; add a custom domain with an ACM certificate and "
        "SecurityPolicyProtocol.TLS_V1_2_2021 to raise it.",
    ),
    (
        "CKV_AWS_174",
        "With the default *.cloudfront.net certificate CloudFront fixes the minimum viewer "
        "protocol at TLSv1; add a custom domain with an ACM certificate and "
        "SecurityPolicyProtocol.TLS_V1_2_2021 to raise it.",
    ),
)


def public_data_cors() -> cloudfront.ResponseHeadersCorsBehavior:
    """CORS for data anyone may read (language bundles, the public face): any origin, GET and
    HEAD, never credentials."""
    return cloudfront.ResponseHeadersCorsBehavior(
        access_control_allow_credentials=False,
        access_control_allow_headers=["Content-Type"],
        access_control_allow_methods=["GET", "HEAD"],
        access_control_allow_origins=["*"],
        origin_override=True,
    )
