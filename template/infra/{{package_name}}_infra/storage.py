"""User files: a private bucket clients reach directly, the identity pool whose roles enforce
Amplify's access levels, and a CDN that serves `public/` keys only."""

import aws_cdk as cdk
from aws_cdk import aws_cloudfront as cloudfront
from aws_cdk import aws_cloudfront_origins as origins
from aws_cdk import aws_cognito as cognito
from aws_cdk import aws_cognito_identitypool as identitypool
from aws_cdk import aws_dynamodb as dynamodb
from aws_cdk import aws_iam as iam
from aws_cdk import aws_s3 as s3
from aws_cdk import aws_s3_notifications as s3n
from constructs import Construct

from .config import ProjectConfig, StageConfig
from .data import grant_table, removal_policy
from .functions import backend_function
from .nag import acknowledge, object_wildcard

# The identity pool's own id in IAM policy variables: `<level>/<identity id>/...` keys.
IDENTITY = "${cognito-identity.amazonaws.com:sub}"


# Access levels whose keys name their owner's identity: `<level>/<identity id>/...`.
OWNERS = ("protected", "private")

# Keys a signed-in user may write and delete besides public ones: their own.
OWN_KEYS = tuple(f"{level}/{IDENTITY}/*" for level in OWNERS)

# The CDK's own function that applies bucket notifications at deploy time (one per stack).
NOTIFICATIONS_HANDLER = "BucketNotificationsHandler050a0587b7544547bf325f094a3db834"

# How long the logs bucket keeps access logs (audits commonly ask for 90 days or more).
ACCESS_LOG_DAYS = 365

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

LOGS_BUCKET_FINDINGS = (
    (
        "AwsSolutions-S1",
        "This is the access-log bucket itself; logging its own writes would loop.",
    ),
)

CDN_FINDINGS = (
    (
        "AwsSolutions-CFR1",
        "No geo restriction: the product serves users worldwide; add one in the distribution "
        "if the business requires it.",
    ),
    (
        "AwsSolutions-CFR2",
        "No WAF web ACL: the CDN serves only public/ objects read through origin access "
        "control, and a web ACL costs a monthly fee per stage; attach one when abuse appears.",
    ),
    (
        "AwsSolutions-CFR4",
        "With the default *.cloudfront.net certificate CloudFront fixes the minimum viewer "
        "protocol at TLSv1; add a custom domain with an ACM certificate and "
        "SecurityPolicyProtocol.TLS_V1_2_2021 to raise it.",
    ),
)

NOTIFICATIONS_FINDINGS = (
    (
        "AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/"
        "AWSLambdaBasicExecutionRole]",
        "The CDK's own deploy-time function that applies the bucket's event notifications: it "
        "runs only during deployments, and this AWS-kept policy lets it write its logs.",
    ),
)

CDN_LOG_FINDINGS = (
    (
        "AwsSolutions-CFR3",
        "CloudFront delivers no standard logs to S3 buckets in this opt-in region; the files "
        "bucket's server access logs still record every origin request.",
    ),
)


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
        # Server access logs of the files bucket and the CDN's standard logs.
        self.logs_bucket = s3.Bucket(
            self,
            "LogsBucket",
            block_public_access=s3.BlockPublicAccess.BLOCK_ALL,
            encryption=s3.BucketEncryption.S3_MANAGED,
            enforce_ssl=True,
            minimum_tls_version=1.2,
            # CloudFront's standard logs are delivered with ACLs.
            object_ownership=s3.ObjectOwnership.BUCKET_OWNER_PREFERRED,
            removal_policy=removal_policy(stage),
            auto_delete_objects=not stage.retain_data,  # so `make destroy` can remove dev
            lifecycle_rules=[s3.LifecycleRule(expiration=cdk.Duration.days(ACCESS_LOG_DAYS))],
        )
        acknowledge(self.logs_bucket, LOGS_BUCKET_FINDINGS)
        self.files_bucket = s3.Bucket(
            self,
            "FilesBucket",
            server_access_logs_bucket=self.logs_bucket,
            server_access_logs_prefix="files/",
            block_public_access=s3.BlockPublicAccess.BLOCK_ALL,
            encryption=s3.BucketEncryption.S3_MANAGED,
            enforce_ssl=True,
            minimum_tls_version=1.2,
            object_ownership=s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
            versioned=stage.retain_data,
            removal_policy=removal_policy(stage),
            auto_delete_objects=not stage.retain_data,  # so `make destroy` can remove dev
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
        acknowledge(
            self.identity_pool.authenticated_role,
            [
                (
                    object_wildcard(self.files_bucket, pattern),
                    "Amplify access levels: a signed-in user reaches the objects under these "
                    "prefixes (their own identity id for protected/ and private/ writes); "
                    "the wildcard is the rest of the object key.",
                )
                for pattern in ("public/*", "protected/*", *OWN_KEYS)
            ],
        )

        # The CDN reads public/ only: protected and private keys are never served from it.
        no_cdn_logs = project.region in NO_CDN_LOG_REGIONS
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
            log_bucket=None if no_cdn_logs else self.logs_bucket,
            log_file_prefix="cdn/",
        )
        acknowledge(self.distribution, CDN_FINDINGS + (CDN_LOG_FINDINGS if no_cdn_logs else ()))
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

    def record_uploads(
        self,
        *,
        project: ProjectConfig,
        stage: StageConfig,
        users_table: dynamodb.ITableV2,
        files_table: dynamodb.ITableV2,
        environment: dict[str, str],
    ) -> None:
        """S3 ObjectCreated events under the owner prefixes go to the upload recorder, which
        writes the files table (backend triggers/uploads.py)."""
        recorder = backend_function(
            self,
            "UploadRecorder",
            project=project,
            stage=stage,
            name="upload-recorder",
            handler="triggers.uploads.handler",
            environment=environment,
        )
        grant_table(recorder, users_table, "Query", index="identity_id")  # whose identity id
        grant_table(recorder, users_table, "GetItem")
        grant_table(recorder, files_table, "GetItem", "PutItem")
        # The object's size and type (HeadObject needs s3:GetObject).
        recorder.add_to_role_policy(
            iam.PolicyStatement(
                actions=["s3:GetObject"],
                resources=[self.files_bucket.arn_for_objects(f"{level}/*") for level in OWNERS],
            )
        )
        acknowledge(
            recorder.role,
            [
                (
                    object_wildcard(self.files_bucket, f"{level}/*"),
                    "The recorder reads the size and type of any user's new upload under "
                    "the owner prefixes; the wildcard is the rest of the key.",
                )
                for level in OWNERS
            ],
        )
        for level in OWNERS:
            self.files_bucket.add_event_notification(
                s3.EventType.OBJECT_CREATED,
                s3n.LambdaDestination(recorder),
                s3.NotificationKeyFilter(prefix=f"{level}/"),
            )
        acknowledge(
            cdk.Stack.of(self).node.find_child(NOTIFICATIONS_HANDLER), NOTIFICATIONS_FINDINGS
        )

    @property
    def files_base_url(self) -> str:
        return f"https://{self.distribution.distribution_domain_name}"


def access_level_statements(bucket: s3.IBucket) -> list[iam.PolicyStatement]:
    """Amplify's access levels for signed-in users, scoped by their identity id."""
    return [
        iam.PolicyStatement(
            actions=["s3:PutObject", "s3:GetObject", "s3:DeleteObject"],
            resources=[bucket.arn_for_objects(pattern) for pattern in ("public/*", *OWN_KEYS)],
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
