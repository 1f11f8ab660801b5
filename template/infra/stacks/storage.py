"""User files: a private bucket clients reach directly, the identity pool whose role enforces
Amplify's access levels by owner (user_files.STORAGE_LEVELS), a CDN that serves `public/` keys
only and never as active content, and the recorder that keeps the files table in step with
uploads."""

import json

import aws_cdk as cdk
from aws_cdk import aws_cloudfront as cloudfront
from aws_cdk import aws_cloudfront_origins as origins
from aws_cdk import aws_cognito as cognito
from aws_cdk import aws_cognito_identitypool as identitypool
from aws_cdk import aws_dynamodb as dynamodb
from aws_cdk import aws_iam as iam
from aws_cdk import aws_lambda as lambda_
from aws_cdk import aws_lambda_destinations as destinations
from aws_cdk import aws_s3 as s3
from aws_cdk import aws_s3_notifications as s3n
from aws_cdk import aws_sqs as sqs
from constructs import Construct

from .buckets import private_bucket
from .cdn import (
    EDGE_FINDINGS,
    no_standard_log_findings,
    public_data_cors,
    standard_log_settings,
)
from .config import ProjectConfig, StageConfig
from .data import grant_table
from .functions import backend_function
from .monitoring import Monitoring
from .nag import acknowledge, object_wildcard
from .user_files import (
    FILES_CSP,
    INLINE_CONTENT_TYPES,
    SHARED_LEVELS,
    STORAGE_LEVELS,
    TAKEDOWN_TAG,
    UPLOAD_RECORDER,
)

# The identity pool's own id in IAM policy variables: `<level>/<identity id>/...` keys.
IDENTITY = "${cognito-identity.amazonaws.com:sub}"

# A signed-in user's own keys, at every level: the only ones they may write and delete.
OWN_KEYS = tuple(f"{level}/{IDENTITY}/*" for level in STORAGE_LEVELS)
# Keys a signed-in user may read: anyone's at the shared levels, their own at the others.
READABLE_KEYS = tuple(
    f"{level}/*" if level in SHARED_LEVELS else f"{level}/{IDENTITY}/*" for level in STORAGE_LEVELS
)

# CloudFront Functions (cloudfront-js-2.0) on viewer responses: every type a browser would not
# show inline is served as a download.
ATTACHMENT_FUNCTION = """var INLINE = %s;
function handler(event) {
  var response = event.response;
  var header = response.headers['content-type'];
  var type = header ? header.value.split(';')[0].trim().toLowerCase() : '';
  if (INLINE.indexOf(type) === -1) {
    response.headers['content-disposition'] = {value: 'attachment'};
  }
  return response;
}
"""

# Language bundles (backend i18n.py, storage.I18N_PREFIX): their own CDN behaviour, so the
# index's no-cache holds at the edge (no minimum TTL) and browsers on any origin may fetch them.
BUNDLES_PATH = "public/i18n/*"
# How often S3's asynchronous invocation of the recorder is retried before the event goes to
# the failure queue (Lambda's maximum is 2).
RECORDER_RETRIES = 2

# The CDK's own function that applies bucket notifications at deploy time (one per stack).
NOTIFICATIONS_HANDLER = "BucketNotificationsHandler050a0587b7544547bf325f094a3db834"

# How long the logs bucket keeps access logs (audits commonly ask for 90 days or more).
ACCESS_LOG_DAYS = 365

RECORDER_FAILURES_FINDINGS = (
    (
        "AwsSolutions-SQS3",
        "This queue is itself where failed recorder invocations go (the function's on-failure "
        "destination); a queue behind it would only move the same events again.",
    ),
    (
        "CKV_AWS_27",
        "Encrypted at rest with SQS-managed keys (SqsManagedSseEnabled), which this check does "
        "not read; the events hold bucket keys, which the files table holds too.",
    ),
)
LOGS_BUCKET_FINDINGS = (
    (
        "CKV_AWS_18",
        "This is the bucket access logs go to: logging its own accesses into itself would log "
        "each delivery again, without end.",
    ),
    (
        "CKV_AWS_21",
        "Not versioned: access logs are written once by S3 and CloudFront and expire after "
        "ACCESS_LOG_DAYS; versions would keep each expired log as a noncurrent copy.",
    ),
)
UNVERSIONED_FILES_FINDINGS = (
    (
        "CKV_AWS_21",
        "Versioned only with retain_data (prod): this stage's data is disposable and goes with "
        "the stack.",
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

ORIGIN_LOGS = "the files bucket's server access logs still record every origin request."


# What browsers may do with the files bucket from an allowed origin (CORS).
BROWSER_ACCESS = {
    "allowed_methods": [
        s3.HttpMethods.GET,
        s3.HttpMethods.HEAD,
        s3.HttpMethods.PUT,
        s3.HttpMethods.POST,
        s3.HttpMethods.DELETE,
    ],
    "allowed_headers": ["*"],
    "exposed_headers": ["ETag", "x-amz-request-id", "x-amz-id-2"],
    "max_age": 3000,
}


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
        self.logs_bucket = private_bucket(
            self,
            "LogsBucket",
            stage=stage,
            # CloudFront's standard logs are delivered with ACLs.
            object_ownership=s3.ObjectOwnership.BUCKET_OWNER_PREFERRED,
            lifecycle_rules=[s3.LifecycleRule(expiration=cdk.Duration.days(ACCESS_LOG_DAYS))],
        )
        acknowledge(self.logs_bucket, LOGS_BUCKET_FINDINGS)
        self.files_bucket = private_bucket(
            self,
            "FilesBucket",
            stage=stage,
            server_access_logs_bucket=self.logs_bucket,
            server_access_logs_prefix="files/",
            versioned=stage.retain_data,
            cors=[s3.CorsRule(allowed_origins=list(stage.allowed_origins), **BROWSER_ACCESS)],
            lifecycle_rules=files_lifecycle(stage),
        )
        if not stage.retain_data:
            acknowledge(self.files_bucket, UNVERSIONED_FILES_FINDINGS)

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
                    "Amplify access levels: a signed-in user writes under their own identity "
                    "id only and reads the shared levels; the wildcard is the rest of the key.",
                )
                for pattern in dict.fromkeys(OWN_KEYS + READABLE_KEYS)
            ],
        )

        # The CDN reads public/ only: protected and private keys are never served from it.
        # Through a reference, so CDK adds no bucket-wide read grant; the grant for public/*
        # follows below.
        files_origin = origins.S3BucketOrigin.with_origin_access_control(
            s3.Bucket.from_bucket_name(self, "FilesBucketRef", self.files_bucket.bucket_name)
        )
        self.distribution = cloudfront.Distribution(
            self,
            "FilesCdn",
            comment=f"{project.slug} {stage.name} public files",
            default_behavior=cloudfront.BehaviorOptions(
                origin=files_origin,
                viewer_protocol_policy=cloudfront.ViewerProtocolPolicy.HTTPS_ONLY,
                cache_policy=cloudfront.CachePolicy.CACHING_OPTIMIZED,
                allowed_methods=cloudfront.AllowedMethods.ALLOW_GET_HEAD,
                response_headers_policy=self._files_headers(project, stage),
                function_associations=[
                    cloudfront.FunctionAssociation(
                        event_type=cloudfront.FunctionEventType.VIEWER_RESPONSE,
                        function=cloudfront.Function(
                            self,
                            "AttachmentFunction",
                            function_name=stage.resource_name(project, "attachments"),
                            code=cloudfront.FunctionCode.from_inline(
                                ATTACHMENT_FUNCTION % json.dumps(list(INLINE_CONTENT_TYPES))
                            ),
                            runtime=cloudfront.FunctionRuntime.JS_2_0,
                            comment="Serve user files a browser would not show inline as downloads",
                        ),
                    )
                ],
            ),
            additional_behaviors={
                BUNDLES_PATH: cloudfront.BehaviorOptions(
                    origin=files_origin,
                    viewer_protocol_policy=cloudfront.ViewerProtocolPolicy.HTTPS_ONLY,
                    cache_policy=cloudfront.CachePolicy(
                        self,
                        "BundlesCache",
                        cache_policy_name=stage.resource_name(project, "bundles-cache"),
                        comment="The origin's Cache-Control, with no minimum TTL",
                        min_ttl=cdk.Duration.seconds(0),
                        default_ttl=cdk.Duration.seconds(0),
                        max_ttl=cdk.Duration.days(365),
                        enable_accept_encoding_gzip=True,
                        enable_accept_encoding_brotli=True,
                    ),
                    allowed_methods=cloudfront.AllowedMethods.ALLOW_GET_HEAD,
                    response_headers_policy=self._files_headers(project, stage, any_origin=True),
                )
            },
            price_class=cloudfront.PriceClass.PRICE_CLASS_100,
            http_version=cloudfront.HttpVersion.HTTP2_AND_3,
            **standard_log_settings(project, stage, self.logs_bucket, "files"),
        )
        acknowledge(
            self.distribution,
            EDGE_FINDINGS + no_standard_log_findings(project, stage, ORIGIN_LOGS),
        )
        self.distribution_arn = cdk.Stack.of(self).format_arn(
            service="cloudfront",
            region="",
            resource="distribution",
            resource_name=self.distribution.distribution_id,
        )
        self.files_bucket.add_to_resource_policy(
            iam.PolicyStatement(
                actions=["s3:GetObject"],
                principals=[iam.ServicePrincipal("cloudfront.amazonaws.com")],
                resources=[self.files_bucket.arn_for_objects("public/*")],
                conditions={"StringEquals": {"AWS:SourceArn": self.distribution_arn}},
            )
        )
        # A taken-down object is read by nobody: the CDN, its owner, the API.
        tag, value = TAKEDOWN_TAG
        self.files_bucket.add_to_resource_policy(
            iam.PolicyStatement(
                effect=iam.Effect.DENY,
                actions=["s3:GetObject"],
                principals=[iam.AnyPrincipal()],
                resources=[self.files_bucket.arn_for_objects("*")],
                conditions={"StringEquals": {f"s3:ExistingObjectTag/{tag}": value}},
            )
        )

    def _files_headers(
        self, project: ProjectConfig, stage: StageConfig, *, any_origin: bool = False
    ) -> cloudfront.ResponseHeadersPolicy:
        """No sniffing, no scripts, no framing, HTTPS only: user files are data, not pages.
        `any_origin`: public data any page may fetch too, without credentials (CORS)."""
        name = "bundles" if any_origin else "files"
        return cloudfront.ResponseHeadersPolicy(
            self,
            f"{name.title()}Headers",
            response_headers_policy_name=stage.resource_name(project, f"{name}-headers"),
            cors_behavior=public_data_cors() if any_origin else None,
            security_headers_behavior=cloudfront.ResponseSecurityHeadersBehavior(
                content_type_options=cloudfront.ResponseHeadersContentTypeOptions(override=True),
                content_security_policy=cloudfront.ResponseHeadersContentSecurityPolicy(
                    content_security_policy=FILES_CSP, override=True
                ),
                frame_options=cloudfront.ResponseHeadersFrameOptions(
                    frame_option=cloudfront.HeadersFrameOption.DENY, override=True
                ),
                referrer_policy=cloudfront.ResponseHeadersReferrerPolicy(
                    referrer_policy=cloudfront.HeadersReferrerPolicy.NO_REFERRER, override=True
                ),
                strict_transport_security=cloudfront.ResponseHeadersStrictTransportSecurity(
                    access_control_max_age=cdk.Duration.days(365),
                    include_subdomains=True,
                    override=True,
                ),
            ),
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
        """Every S3 ObjectCreated event under the access levels goes to the upload recorder,
        which writes the files table or removes an upload that breaks the rules (backend
        triggers/uploads.py). Events it still fails on after S3's retries land in a queue
        whose alarm (add_alarms) calls someone: nothing is dropped silently."""
        self.recorder_failures = sqs.Queue(
            self,
            "UploadRecorderFailures",
            queue_name=stage.resource_name(project, "upload-recorder-failures"),
            encryption=sqs.QueueEncryption.SQS_MANAGED,
            enforce_ssl=True,
            retention_period=cdk.Duration.days(14),  # SQS's longest
        )
        acknowledge(self.recorder_failures, RECORDER_FAILURES_FINDINGS)
        recorder = backend_function(
            self,
            "UploadRecorder",
            project=project,
            stage=stage,
            name=UPLOAD_RECORDER,
            handler="triggers.uploads.handler",
            environment=environment,
        )
        recorder.configure_async_invoke(
            retry_attempts=RECORDER_RETRIES,
            on_failure=destinations.SqsDestination(self.recorder_failures),
        )
        grant_upload_recording(
            recorder, self.files_bucket, users_table, files_table, self.identity_pool
        )
        for level in STORAGE_LEVELS:
            self.files_bucket.add_event_notification(
                s3.EventType.OBJECT_CREATED,
                s3n.LambdaDestination(recorder),
                s3.NotificationKeyFilter(prefix=f"{level}/"),
            )
        acknowledge(
            cdk.Stack.of(self).node.find_child(NOTIFICATIONS_HANDLER), NOTIFICATIONS_FINDINGS
        )

    def add_alarms(self, monitoring: Monitoring) -> None:
        if getattr(self, "recorder_failures", None) is None:
            return
        monitoring.alarm(
            "UploadRecorderFailures",
            self.recorder_failures.metric_approximate_number_of_messages_visible(
                period=cdk.Duration.minutes(5)
            ),
            threshold=1,
            description="Uploads the recorder failed on are waiting in the failures queue.",
        )

    def allow_browsers_from(self, origin: str) -> None:
        """Browser access (CORS) from one more origin, which may hold one * wildcard."""
        self.files_bucket.add_cors_rule(allowed_origins=[origin], **BROWSER_ACCESS)

    @property
    def files_base_url(self) -> str:
        return f"https://{self.distribution.distribution_domain_name}"


def grant_upload_recording(
    function: lambda_.IFunction,
    bucket: s3.IBucket,
    users_table: dynamodb.ITableV2,
    files_table: dynamodb.ITableV2,
    identity_pool: identitypool.IIdentityPool,
) -> None:
    """What recording an upload takes (backend triggers/uploads.record_upload): the object's
    size and type, removing it if it breaks the upload rules or its owner's account is closed
    (the user's record; an identity the pool no longer has), and the files table's record."""
    function.add_to_role_policy(identity_statement("DescribeIdentity", identity_pool))
    function.add_to_role_policy(
        iam.PolicyStatement(
            actions=["s3:GetObject", "s3:DeleteObject"],
            resources=[bucket.arn_for_objects(f"{level}/*") for level in STORAGE_LEVELS],
        )
    )
    acknowledge(
        function.role,
        [
            (
                object_wildcard(bucket, f"{level}/*"),
                "Recording reads the size and type of any user's new upload and removes one "
                "that breaks the upload rules; the wildcard is the rest of the key.",
            )
            for level in STORAGE_LEVELS
        ],
    )
    grant_table(function, users_table, "Query", index="identity_id")
    grant_table(function, users_table, "GetItem")
    grant_table(function, files_table, "GetItem", "PutItem")


def identity_statement(action: str, pool: identitypool.IIdentityPool) -> iam.PolicyStatement:
    """An identity pool action on the project's pool. Identity actions name no resource type,
    so AWS takes Resource '*' only; the pool is named by the condition key they support
    (https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazoncognitoidentity.html)."""
    return iam.PolicyStatement(
        actions=[f"cognito-identity:{action}"],
        resources=["*"],
        conditions={"ArnEquals": {"cognito-identity:IdentityPoolArn": pool.identity_pool_arn}},
    )


def access_level_statements(bucket: s3.IBucket) -> list[iam.PolicyStatement]:
    """Amplify's access levels for signed-in users, scoped by their identity id."""
    listable_prefixes = [
        prefix
        for level in STORAGE_LEVELS
        for prefix in (
            (f"{level}/", f"{level}/*")
            if level in SHARED_LEVELS
            else (f"{level}/{IDENTITY}/", f"{level}/{IDENTITY}/*")
        )
    ]
    return [
        iam.PolicyStatement(
            actions=["s3:PutObject", "s3:DeleteObject"],
            resources=[bucket.arn_for_objects(pattern) for pattern in OWN_KEYS],
        ),
        iam.PolicyStatement(
            actions=["s3:GetObject"],
            resources=[bucket.arn_for_objects(pattern) for pattern in READABLE_KEYS],
        ),
        iam.PolicyStatement(
            actions=["s3:ListBucket"],
            resources=[bucket.bucket_arn],
            conditions={"StringLike": {"s3:prefix": listable_prefixes}},
        ),
    ]


def files_lifecycle(stage: StageConfig) -> list[s3.LifecycleRule]:
    """Unfinished multipart uploads go after a week; with versioning (retain_data), overwritten
    and deleted data goes after stage.noncurrent_version_days, and so do the delete markers
    left with no version behind them."""
    rules = [s3.LifecycleRule(abort_incomplete_multipart_upload_after=cdk.Duration.days(7))]
    if stage.retain_data:
        rules.append(
            s3.LifecycleRule(
                noncurrent_version_expiration=cdk.Duration.days(stage.noncurrent_version_days),
                expired_object_delete_marker=True,
            )
        )
    return rules
