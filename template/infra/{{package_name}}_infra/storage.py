"""User files: a private bucket clients reach directly, the identity pool whose roles enforce
Amplify's access levels, and a CDN that serves `public/` keys only."""

import aws_cdk as cdk
from aws_cdk import aws_cloudfront as cloudfront
from aws_cdk import aws_cloudfront_origins as origins
from aws_cdk import aws_cognito as cognito
from aws_cdk import aws_cognito_identitypool as identitypool
from aws_cdk import aws_iam as iam
from aws_cdk import aws_s3 as s3
from constructs import Construct

from .config import ProjectConfig, StageConfig
from .data import removal_policy

# The identity pool's own id in IAM policy variables: `<level>/<identity id>/...` keys.
IDENTITY = "${cognito-identity.amazonaws.com:sub}"


class Storage(Construct):
    def __init__(
        self,
        scope: Construct,
        id: str,
        *,
        project: ProjectConfig,
        stage: StageConfig,
        user_pool: cognito.IUserPool,
        user_pool_client: cognito.IUserPoolClient,
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
            cors=[
                s3.CorsRule(
                    allowed_origins=list(stage.allowed_origins),
                    allowed_methods=[
                        s3.HttpMethods.GET,
                        s3.HttpMethods.HEAD,
                        s3.HttpMethods.PUT,
                        s3.HttpMethods.POST,
                        s3.HttpMethods.DELETE,
                    ],
                    allowed_headers=["*"],
                    exposed_headers=["ETag", "x-amz-request-id", "x-amz-id-2"],
                    max_age=3000,
                )
            ],
            lifecycle_rules=[
                s3.LifecycleRule(abort_incomplete_multipart_upload_after=cdk.Duration.days(7))
            ],
        )

        self.identity_pool = identitypool.IdentityPool(
            self,
            "IdentityPool",
            identity_pool_name=stage.resource_name(project, "identities").replace("-", "_"),
            allow_unauthenticated_identities=False,  # guests get no AWS credentials at all
            authentication_providers=identitypool.IdentityPoolAuthenticationProviders(
                user_pools=[
                    identitypool.UserPoolAuthenticationProvider(
                        user_pool=user_pool, user_pool_client=user_pool_client
                    )
                ]
            ),
        )
        for statement in access_level_statements(self.files_bucket):
            self.identity_pool.authenticated_role.add_to_principal_policy(statement)

        # The CDN reads public/ only: protected and private keys are never served from it.
        self.distribution = cloudfront.Distribution(
            self,
            "FilesCdn",
            comment=f"{project.slug} {stage.name} public files",
            default_behavior=cloudfront.BehaviorOptions(
                # Through a reference, so CDK adds no bucket-wide read grant; the grant for
                # public/* follows below.
                origin=origins.S3BucketOrigin.with_origin_access_control(
                    s3.Bucket.from_bucket_name(
                        self, "FilesBucketRef", self.files_bucket.bucket_name
                    )
                ),
                viewer_protocol_policy=cloudfront.ViewerProtocolPolicy.HTTPS_ONLY,
                cache_policy=cloudfront.CachePolicy.CACHING_OPTIMIZED,
                allowed_methods=cloudfront.AllowedMethods.ALLOW_GET_HEAD,
            ),
            price_class=cloudfront.PriceClass.PRICE_CLASS_100,
            http_version=cloudfront.HttpVersion.HTTP2_AND_3,
        )
        self.files_bucket.add_to_resource_policy(
            iam.PolicyStatement(
                actions=["s3:GetObject"],
                principals=[iam.ServicePrincipal("cloudfront.amazonaws.com")],
                resources=[self.files_bucket.arn_for_objects("public/*")],
                conditions={
                    "StringEquals": {
                        "AWS:SourceArn": cdk.Stack.of(self).format_arn(
                            service="cloudfront",
                            region="",
                            resource="distribution",
                            resource_name=self.distribution.distribution_id,
                        )
                    }
                },
            )
        )

    @property
    def files_base_url(self) -> str:
        return f"https://{self.distribution.distribution_domain_name}"


def access_level_statements(bucket: s3.IBucket) -> list[iam.PolicyStatement]:
    """Amplify's access levels for signed-in users, scoped by their identity id."""
    own = [f"protected/{IDENTITY}/*", f"private/{IDENTITY}/*"]
    return [
        iam.PolicyStatement(
            actions=["s3:PutObject", "s3:GetObject", "s3:DeleteObject"],
            resources=[bucket.arn_for_objects(pattern) for pattern in ["public/*", *own]],
        ),
        iam.PolicyStatement(
            actions=["s3:GetObject"], resources=[bucket.arn_for_objects("protected/*")]
        ),
        iam.PolicyStatement(
            actions=["s3:ListBucket"],
            resources=[bucket.bucket_arn],
            conditions={
                "StringLike": {
                    "s3:prefix": [
                        "public/",
                        "public/*",
                        "protected/",
                        "protected/*",
                        f"private/{IDENTITY}/",
                        f"private/{IDENTITY}/*",
                    ]
                }
            },
        ),
    ]
