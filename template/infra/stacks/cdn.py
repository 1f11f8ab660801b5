"""What the stack's CloudFront distributions share: the files CDN (storage.py), the public face
(public_api.py) and the web app's (web.py) log alike, accept the same cdk-nag findings and serve
public data with the same CORS."""

from aws_cdk import aws_cloudfront as cloudfront

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
