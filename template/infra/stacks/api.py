"""REST API: the Cognito authorizer is the default; public routes are an explicit list. The API
function's grants (Api.grant_access) are here too."""

import json
from collections.abc import Mapping
from typing import Any

import aws_cdk as cdk
from aws_cdk import aws_apigateway as apigw
from aws_cdk import aws_cloudwatch as cloudwatch
from aws_cdk import aws_codedeploy as codedeploy
from aws_cdk import aws_cognito as cognito
from aws_cdk import aws_events as events
from aws_cdk import aws_events_targets as targets
from aws_cdk import aws_iam as iam
from aws_cdk import aws_lambda as lambda_
from constructs import Construct

from .api_routes import ADMIN_PATH, PUBLIC_ROUTES
from .auth import Auth
from .config import ProjectConfig, StageConfig
from .data import Data, grant_table
from .functions import backend_function
from .gateway_responses import (
    GATEWAY_RESPONSES,
    gateway_response_headers,
    gateway_response_template,
)
from .log_groups import execution_logs_retention, log_group
from .nag import acknowledge, object_wildcard
from .storage import Storage, identity_statement
from .user_files import STORAGE_LEVELS

# The event the warm-up schedule sends; backend/src/api/handler.py answers it early.
WARMUP_EVENT = {"warmup": True}

# One JSON object per request, which the saved queries read (monitoring.py): the caller by the
# token's `sub` only, never the raw path (it may carry ids). Numbers unquoted; the integration's
# latency is "-" for requests the gateway refused itself, so it stays a string.
# https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-variables-for-access-logging.html
ACCESS_LOG_FIELDS = {
    "requestId": "$context.requestId",
    "ip": "$context.identity.sourceIp",
    "requestTime": "$context.requestTime",
    "httpMethod": "$context.httpMethod",
    "resourcePath": "$context.resourcePath",
    "protocol": "$context.protocol",
    "status": "$context.status",
    "responseLength": "$context.responseLength",
    "responseLatency": "$context.responseLatency",
    "integrationLatency": "$context.integration.latency",
    "sub": "$context.authorizer.claims.sub",
    "error": "$context.error.message",
    "xrayTraceId": "$context.xrayTraceId",
}
ACCESS_LOG_NUMBERS = ("status", "responseLatency")


def access_log_format() -> str:
    text = json.dumps(ACCESS_LOG_FIELDS)
    for name in ACCESS_LOG_NUMBERS:
        text = text.replace(f'"{ACCESS_LOG_FIELDS[name]}"', ACCESS_LOG_FIELDS[name])
    return text


REST_API_FINDINGS = (
    (
        "AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/"
        "AmazonAPIGatewayPushToCloudWatchLogs]",
        "API Gateway's account-wide logging role, shared by every API and stage in the "
        "region: AWS documents this service-role policy for it and keeps it current.",
    ),
)

DEPLOYMENT_FINDINGS = (
    (
        "AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/"
        "AWSCodeDeployRoleForLambdaLimited]",
        "CodeDeploy's own service role for Lambda traffic shifting: AWS keeps this policy "
        "limited to updating aliases and reading the rollback alarms.",
    ),
)

PUBLIC_ROUTE_FINDINGS = tuple(
    (rule, "Public by design: listed in PUBLIC_ROUTES (api_routes.py).")
    for rule in ("AwsSolutions-APIG4", "AwsSolutions-COG4", "CKV_AWS_59")
)


DELETE_IDENTITIES = (
    "CKV_AWS_111",
    "cognito-identity:DeleteIdentities supports no resource-level permission; a condition "
    "(cognito-identity:IdentityPoolArn, which this check does not read) limits it to our pool.",
)


class Api(Construct):
    def __init__(
        self,
        scope: Construct,
        id: str,
        *,
        project: ProjectConfig,
        stage: StageConfig,
        user_pool: cognito.IUserPool,
        admin_pool: cognito.IUserPool | None,
        environment: dict[str, str],
        placement: Mapping[str, Any] | None = None,
    ) -> None:
        super().__init__(scope, id)
        self.function = backend_function(
            self,
            "ApiFunction",
            project=project,
            stage=stage,
            name="api",
            handler="handler.handler",
            environment=environment,
            timeout_seconds=29,
            memory_size=1024,
            placement=placement,  # the API is where product code calls third parties
            snap_start=stage.snap_start,
        )
        # API Gateway and the warm-up invoke this alias; each deploy publishes a version and
        # moves the alias to it, at once or gradually (shift_traffic).
        self.alias = lambda_.Alias(
            self, "LiveAlias", alias_name="live", version=self.function.current_version
        )
        if stage.snap_start:
            cdk.Annotations.of(self.function).acknowledge_warning(
                "@aws-cdk/aws-lambda:snapStartRequirePublish",
                "Published: the live alias points at the function's current version.",
            )

        authorizer = apigw.CognitoUserPoolsAuthorizer(
            self, "UserPoolAuthorizer", cognito_user_pools=[user_pool]
        )
        self.access_logs = access_logs = log_group(self, "AccessLogs", stage)
        self.rest_api = apigw.RestApi(
            self,
            "RestApi",
            rest_api_name=stage.resource_name(project, "api"),
            deploy_options=apigw.StageOptions(
                stage_name=stage.name,
                throttling_rate_limit=stage.throttle_rate,
                throttling_burst_limit=stage.throttle_burst,
                tracing_enabled=True,
                logging_level=apigw.MethodLoggingLevel.ERROR,  # execution logs of failures
                access_log_destination=apigw.LogGroupLogDestination(access_logs),
                access_log_format=apigw.AccessLogFormat.custom(access_log_format()),
            ),
            default_method_options=apigw.MethodOptions(
                authorizer=authorizer,
                authorization_type=apigw.AuthorizationType.COGNITO,
            ),
            default_cors_preflight_options=apigw.CorsOptions(
                allow_origins=list(stage.allowed_origins) or apigw.Cors.ALL_ORIGINS,
                allow_headers=["Authorization", "Content-Type"],
                allow_methods=apigw.Cors.ALL_METHODS,
            ),
            cloud_watch_role=stage.api_logging_role,
            # The role is the account's (all stages'): deleting one stage must not remove it.
            cloud_watch_role_removal_policy=(
                cdk.RemovalPolicy.RETAIN if stage.api_logging_role else None
            ),
        )
        acknowledge(self.rest_api, REST_API_FINDINGS)
        execution_logs_retention(self, self.rest_api, self.rest_api.rest_api_id, stage)
        # The gateway's own answers (401 from the authorizer, 429, 5xx...) in the app's error body,
        # with CORS headers: without them a browser sees an expired token as a network error.
        for response_type, (_status, code) in GATEWAY_RESPONSES.items():
            self.rest_api.add_gateway_response(
                response_type,
                type=apigw.ResponseType.of(response_type),
                response_headers=gateway_response_headers(stage.allowed_origins),
                templates={"application/json": gateway_response_template(code)},
            )
        integration = apigw.LambdaIntegration(self.alias)
        # Methods that declare parameters or models are checked at the gateway before the
        # Lambda runs; the app validates bodies with its pydantic models.
        validator = self.rest_api.add_request_validator(
            "RequestValidator", validate_request_body=True, validate_request_parameters=True
        )

        # Every other path goes to the app with the authorizer (not add_proxy: it adds `ANY /`).
        self.rest_api.root.add_resource("{proxy+}").add_method(
            "ANY", integration, request_validator=validator
        )
        if admin_pool is not None:
            # /admin/* trusts only the admin pool: a user-pool token gets 401 at the gateway.
            admin_authorizer = apigw.CognitoUserPoolsAuthorizer(
                self, "AdminPoolAuthorizer", cognito_user_pools=[admin_pool]
            )
            self.rest_api.root.resource_for_path(ADMIN_PATH).add_resource("{proxy+}").add_method(
                "ANY",
                integration,
                authorizer=admin_authorizer,
                authorization_type=apigw.AuthorizationType.COGNITO,
                request_validator=validator,
            )
        for route in PUBLIC_ROUTES:
            public_method = self.rest_api.root.resource_for_path(route.path).add_method(
                route.method,
                integration,
                authorization_type=apigw.AuthorizationType.NONE,
                request_validator=validator,
            )
            acknowledge(public_method, PUBLIC_ROUTE_FINDINGS)
            # Every other method of the resources a public route adds keeps the authorizer
            # through an explicit ANY, however API Gateway would route it without one.
            segments = route.path.strip("/").split("/")
            for depth in range(1, len(segments) + 1):
                resource = self.rest_api.root.resource_for_path("/".join(segments[:depth]))
                if resource.node.try_find_child("ANY") is None:
                    resource.add_method("ANY", integration, request_validator=validator)

        if project.warmer_minutes > 0:
            events.Rule(
                self,
                "WarmupSchedule",
                schedule=events.Schedule.rate(cdk.Duration.minutes(project.warmer_minutes)),
                targets=[
                    targets.LambdaFunction(
                        self.alias, event=events.RuleTargetInput.from_object(WARMUP_EVENT)
                    )
                ],
            )

    def shift_traffic(self, stage: StageConfig, rollback_alarms: list[cloudwatch.IAlarm]) -> None:
        """With stage.traffic_shifting, CodeDeploy moves the alias to a new version gradually
        and rolls back when a rollback alarm fires during the shift."""
        if not stage.traffic_shifting:
            return
        group = codedeploy.LambdaDeploymentGroup(
            self,
            "Deployment",
            alias=self.alias,
            deployment_config=getattr(codedeploy.LambdaDeploymentConfig, stage.traffic_shifting),
            alarms=rollback_alarms,
        )
        acknowledge(group, DEPLOYMENT_FINDINGS)

    def grant_access(self, auth: Auth, data: Data, storage: Storage) -> None:
        """What the API Lambda may do: profiles and files, account deletion, user administration,
        the board's posts, the chat's messages."""
        users = data.users_table  # PutItem: an operator-created user's first request (auth.py)
        grant_table(self.function, users, "GetItem", "PutItem", "UpdateItem", "DeleteItem")
        grant_table(self.function, data.files_table, "GetItem", "PutItem", "Query", "DeleteItem")
        posts, messages = data.tables.get("posts"), data.tables.get("messages")
        # a page of users, of posts, of conversations or people found, joined with their records
        if auth.admin_pool or posts or messages:
            grant_table(self.function, users, "BatchGetItem")
        if messages:  # the chat (routes/chat.py): sending is one transaction of a put and updates
            conversations = data.tables["conversations"]
            grant_table(self.function, messages, "PutItem", "GetItem")
            grant_table(self.function, messages, "Query", index="room")
            # (and account deletion deletes a user's conversations: accounts.py)
            grant_table(self.function, conversations, "UpdateItem", "Query", "DeleteItem")
            grant_table(self.function, conversations, "Query", index="user_id")
            grant_table(self.function, users, "Query", index="directory")  # finding people
        if posts:  # the board: posts, their listing by status, an author's posts (account deletion)
            grant_table(self.function, posts, "GetItem", "PutItem", "UpdateItem", "DeleteItem")
            grant_table(self.function, posts, "Query", index="status")
            grant_table(self.function, posts, "Query", index="author_id")
        administration = [  # routes/admin.py: list, disable (and sign out everywhere), enable
            "cognito-idp:ListUsers",
            "cognito-idp:AdminDisableUser",
            "cognito-idp:AdminUserGlobalSignOut",
            "cognito-idp:AdminEnableUser",
        ]
        auth.user_pool.grant(
            self.function,
            "cognito-idp:AdminGetUser",  # the first request of a user without a profile (auth.py)
            "cognito-idp:AdminDeleteUser",
            *(administration if auth.admin_pool else []),
        )
        # Account deletion removes the user's identity, so its credentials upload nothing more.
        self.function.add_to_role_policy(
            identity_statement("DeleteIdentities", storage.identity_pool)
        )
        acknowledge(self.function.role.node.find_child("DefaultPolicy"), [DELETE_IDENTITIES])
        bucket = storage.files_bucket
        levels = [f"{level}/*" for level in STORAGE_LEVELS]
        # Signing upload forms and download URLs, reading sizes, deleting files: by key level.
        self.function.add_to_role_policy(
            iam.PolicyStatement(
                actions=["s3:PutObject", "s3:GetObject", "s3:DeleteObject"],
                resources=[bucket.arn_for_objects(level) for level in levels],
            )
        )
        # Moderation takes a hidden post's pictures down and back (the bucket's policy reads the
        # tag), and deletions and takedowns invalidate the CDN's copies.
        self.function.add_to_role_policy(
            iam.PolicyStatement(
                actions=["s3:PutObjectTagging", "s3:DeleteObjectTagging"],
                resources=[bucket.arn_for_objects("public/*")],
            )
        )
        self.function.add_to_role_policy(
            iam.PolicyStatement(
                actions=["cloudfront:CreateInvalidation"],
                resources=[storage.distribution_arn],
            )
        )
        # Account deletion lists the user's own prefixes.
        self.function.add_to_role_policy(
            iam.PolicyStatement(
                actions=["s3:ListBucket"],
                resources=[bucket.bucket_arn],
                conditions={"StringLike": {"s3:prefix": levels}},
            )
        )
        acknowledge(
            self.function.role,
            [
                (
                    object_wildcard(bucket, level),
                    "The API signs uploads and downloads and deletes files for any signed-in "
                    "user, under the key the gateway-verified identity allows; access stays "
                    "within the access-level prefixes, the wildcard is the rest of the key.",
                )
                for level in levels
            ],
        )
