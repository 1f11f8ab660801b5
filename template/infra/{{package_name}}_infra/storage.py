"""The user-files bucket: private, encrypted, TLS only; clients reach it directly."""

from aws_cdk import aws_s3 as s3
from constructs import Construct

from .config import ProjectConfig, StageConfig
from .data import removal_policy


class Storage(Construct):
    def __init__(
        self, scope: Construct, id: str, *, project: ProjectConfig, stage: StageConfig
    ) -> None:
        super().__init__(scope, id)
        self.files_bucket = s3.Bucket(
            self,
            "FilesBucket",
            block_public_access=s3.BlockPublicAccess.BLOCK_ALL,
            encryption=s3.BucketEncryption.S3_MANAGED,
            enforce_ssl=True,
            minimum_tls_version=1.2,
            object_ownership=s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
            versioned=stage.retain_data,
            removal_policy=removal_policy(stage),
        )
