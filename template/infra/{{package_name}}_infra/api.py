"""REST API: the Cognito authorizer is the default; public routes are an explicit list."""

import aws_cdk as cdk
from aws_cdk import aws_apigateway as apigw
from aws_cdk import aws_cognito as cognito
from aws_cdk import aws_events as events
from aws_cdk import aws_events_targets as targets
from aws_cdk import aws_logs as logs
from constructs import Construct

from .config import ProjectConfig, StageConfig
from .functions import backend_function

# (method, path) pairs reachable without a token. Everything else needs a Cognito id token.
PUBLIC_ROUTES = (("GET", "/health"),)

# Routes under this path need an admin-pool token (when the admin pool is on).
ADMIN_PATH = "/admin"

# The event the warm-up schedule sends; backend/src/<package>/handler.py answers it early.
WARMUP_EVENT = {"warmup": True}


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
        )

        authorizer = apigw.CognitoUserPoolsAuthorizer(
            self, "UserPoolAuthorizer", cognito_user_pools=[user_pool]
        )
        access_logs = logs.LogGroup(
            self,
            "AccessLogs",
            retention=logs.RetentionDays[stage.log_retention],
            removal_policy=cdk.RemovalPolicy.DESTROY,
        )
        self.rest_api = apigw.RestApi(
            self,
            "RestApi",
            rest_api_name=stage.resource_name(project, "api"),
            deploy_options=apigw.StageOptions(
                stage_name=stage.name,
                throttling_rate_limit=stage.throttle_rate,
                throttling_burst_limit=stage.throttle_burst,
                tracing_enabled=True,
                access_log_destination=apigw.LogGroupLogDestination(access_logs),
                access_log_format=apigw.AccessLogFormat.json_with_standard_fields(
                    caller=False,
                    http_method=True,
                    ip=True,
                    protocol=True,
                    request_time=True,
                    resource_path=True,
                    response_length=True,
                    status=True,
                    user=True,
                ),
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
            cloud_watch_role=True,
            cloud_watch_role_removal_policy=cdk.RemovalPolicy.DESTROY,
        )
        integration = apigw.LambdaIntegration(self.function)

        # Every other path goes to the app with the authorizer (not add_proxy: it adds `ANY /`).
        self.rest_api.root.add_resource("{proxy+}").add_method("ANY", integration)
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
            )
        for method, path in PUBLIC_ROUTES:
            self.rest_api.root.resource_for_path(path).add_method(
                method, integration, authorization_type=apigw.AuthorizationType.NONE
            )

        if project.warmer_minutes > 0:
            events.Rule(
                self,
                "WarmupSchedule",
                schedule=events.Schedule.rate(cdk.Duration.minutes(project.warmer_minutes)),
                targets=[
                    targets.LambdaFunction(
                        self.function, event=events.RuleTargetInput.from_object(WARMUP_EVENT)
                    )
                ],
            )
