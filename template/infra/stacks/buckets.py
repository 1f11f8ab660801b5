"""The stack's S3 buckets (logs, user files, the web app) are hardened alike: one definition, so
none of them can miss a setting."""

from typing import Any

from aws_cdk import aws_s3 as s3
from constructs import Construct

from .config import StageConfig


def private_bucket(scope: Construct, id: str, *, stage: StageConfig, **props: Any) -> s3.Bucket:
    """A bucket reached only through IAM and origin access control: no public access, encrypted,
    TLS 1.2 or later only, objects owned by the bucket. Kept with retain_data; else emptied and
    removed with the stack, so `make destroy` can remove dev. `props`: the bucket's own settings
    (access logs, versioning, CORS, lifecycle; object_ownership to override)."""
    return s3.Bucket(
        scope,
        id,
        block_public_access=s3.BlockPublicAccess.BLOCK_ALL,
        encryption=s3.BucketEncryption.S3_MANAGED,
        enforce_ssl=True,
        minimum_tls_version=1.2,
        removal_policy=stage.removal_policy,
        auto_delete_objects=not stage.retain_data,
        **{"object_ownership": s3.ObjectOwnership.BUCKET_OWNER_ENFORCED, **props},
    )
