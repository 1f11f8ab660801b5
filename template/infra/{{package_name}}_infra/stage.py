"""One stack per stage (dev, prod): data, auth, storage and the API, wired together."""

import json
from pathlib import Path

import aws_cdk as cdk
from aws_cdk import aws_iam as iam
from constructs import Construct

from . import client_config, outputs
from .api import Api
from .auth import Auth
from .config import STORAGE_LEVELS, ProjectConfig, StageConfig
from .data import Data, grant_table
from .functions import backend_functions
from .monitoring import Monitoring
from .nag import acknowledge, add_checks, object_wildcard
from .public_api import PublicApi
from .storage import Storage, identity_statement

CDK_JSON = Path(__file__).resolve().parents[1] / "cdk.json"


class ProductStack(cdk.Stack):
    def __init__(
        self,
        scope: Construct,
        *,
        project: ProjectConfig,
        stage: StageConfig,
        env: cdk.Environment | None = None,
    ) -> None:
        super().__init__(
            scope,
            f"{project.slug}-{stage.name}",
            env=env,
            description=f"{project.name} ({stage.name})",
            termination_protection=stage.retain_data,
        )
        data = Data(self, "Data", project=project, stage=stage)
        auth = Auth(self, "Auth", project=project, stage=stage, users_table=data.users_table)
        storage = Storage(
            self,
            "Storage",
            project=project,
            stage=stage,
            user_pool=auth.user_pool,
            user_pool_client=auth.user_pool_client,
        )
        values = resource_values(self, auth, data, storage)
        web = None
        if project.web_app:
            from .web import CLOUDFRONT_ORIGINS, WebApp  # rendered only with web_app

            web = WebApp(self, "Web", project=project, stage=stage, logs_bucket=storage.logs_bucket)
            values[outputs.WEB_URL] = web.url
            storage.allow_browsers_from(CLOUDFRONT_ORIGINS)  # uploads from the app
            # Browsers on the app's origin call the API; the hosted UI sends users back to it.
            stage = stage.with_web_app(web.url)
            auth.redirect_to(stage)
        if stage.record_uploads:
            storage.record_uploads(
                project=project,
                stage=stage,
                users_table=data.users_table,
                files_table=data.files_table,
                environment=outputs.app_environment(values),
            )
        placement = {}
        if project.static_ip:
            from .network import Network  # rendered only with static_ip

            network = Network(self, "Network", project=project, stage=stage)
            placement = network.placement
            values[outputs.STATIC_IP] = network.elastic_ip.attr_public_ip
        api = Api(
            self,
            "Api",
            project=project,
            stage=stage,
            user_pool=auth.user_pool,
            admin_pool=auth.admin_pool,
            environment={
                **outputs.app_environment(values),
                "APP_ALLOWED_ORIGINS": json.dumps(list(stage.allowed_origins)),
            },
            placement=placement,
        )
        grant_api_access(api, auth, data, storage)
        public_api = PublicApi(
            self,
            "PublicApi",
            project=project,
            stage=stage,
            rest_api=api.rest_api,
            logs_bucket=storage.logs_bucket,
        )
        values[outputs.PUBLIC_API_URL] = public_api.url
        if project.realtime:
            from .realtime import Realtime  # rendered only with realtime

            realtime = Realtime(
                self,
                "Realtime",
                project=project,
                stage=stage,
                connections_table=data.tables["connections"],
                users_table=data.users_table,
                environment=outputs.app_environment(values),
            )
            realtime.allow_posting(api.function)  # notify() from REST routes
            # Stage logs need the account's API Gateway logging role, which the REST API sets.
            realtime.stage.node.add_dependency(api.rest_api.node.find_child("Account"))
            values[outputs.WEBSOCKET_URL] = realtime.stage.url
        jobs = None
        if project.batch:
            from .jobs import Jobs  # rendered only with batch

            jobs = Jobs(
                self,
                "Jobs",
                project=project,
                stage=stage,
                data=data,
                storage=storage,
                environment=outputs.app_environment(values),
                placement=placement,
            )
            jobs.allow_start(api.function)  # POST [/admin]/jobs/<name>
        monitoring = Monitoring(
            self,
            "Monitoring",
            project=project,
            stage=stage,
            rest_api=api.rest_api,
            api_function=api.function,
            functions=backend_functions(self, project),
            tables=list(data.tables.values()),
        )
        storage.add_alarms(monitoring)
        if jobs:
            jobs.add_alarms(monitoring)
        api.shift_traffic(stage, monitoring.rollback_alarms)
        values[outputs.API_URL] = api.rest_api.url
        outputs.add_outputs(self, values)
        if web:
            web.deploy(
                client_config.web_client_configs(project, stage, values),
                web_content_security_policy(self, api, public_api, storage, values),
            )
        for key, value in {"project": project.slug, "stage": stage.name, **stage.tags}.items():
            cdk.Tags.of(self).add(key, value)


def grant_api_access(api: Api, auth: Auth, data: Data, storage: Storage) -> None:
    """What the API Lambda may do: profiles and files, account deletion, user administration,
    the board's posts."""
    grant_table(api.function, data.users_table, "GetItem", "UpdateItem", "DeleteItem", "Scan")
    grant_table(api.function, data.files_table, "GetItem", "PutItem", "Query", "DeleteItem")
    posts = data.tables.get("posts")
    if posts:  # the board: posts, their listing by status, an author's posts (account deletion)
        grant_table(api.function, posts, "GetItem", "PutItem", "UpdateItem", "DeleteItem")
        grant_table(api.function, posts, "Query", index="status")
        grant_table(api.function, posts, "Query", index="author_id")
    administration = [  # routes/admin.py: disable (and sign out everywhere), enable
        "cognito-idp:AdminDisableUser",
        "cognito-idp:AdminUserGlobalSignOut",
        "cognito-idp:AdminEnableUser",
    ]
    auth.user_pool.grant(
        api.function,
        "cognito-idp:AdminGetUser",  # the first request of a user without a profile (auth.py)
        "cognito-idp:AdminDeleteUser",
        *(administration if auth.admin_pool else []),
    )
    # Account deletion removes the user's identity, so its credentials upload nothing more.
    api.function.add_to_role_policy(identity_statement("DeleteIdentities", storage.identity_pool))
    bucket = storage.files_bucket
    levels = [f"{level}/*" for level in STORAGE_LEVELS]
    # Signing upload forms and download URLs, reading sizes, deleting files: by key level.
    api.function.add_to_role_policy(
        iam.PolicyStatement(
            actions=["s3:PutObject", "s3:GetObject", "s3:DeleteObject"],
            resources=[bucket.arn_for_objects(level) for level in levels],
        )
    )
    # Moderation takes a hidden post's pictures down and back (the bucket's policy reads the
    # tag), and deletions and takedowns invalidate the CDN's copies.
    api.function.add_to_role_policy(
        iam.PolicyStatement(
            actions=["s3:PutObjectTagging", "s3:DeleteObjectTagging"],
            resources=[bucket.arn_for_objects("public/*")],
        )
    )
    api.function.add_to_role_policy(
        iam.PolicyStatement(
            actions=["cloudfront:CreateInvalidation"],
            resources=[storage.distribution_arn],
        )
    )
    # Account deletion lists the user's own prefixes.
    api.function.add_to_role_policy(
        iam.PolicyStatement(
            actions=["s3:ListBucket"],
            resources=[bucket.bucket_arn],
            conditions={"StringLike": {"s3:prefix": levels}},
        )
    )
    acknowledge(
        api.function.role,
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


def web_content_security_policy(
    stack: cdk.Stack, api: Api, public_api: PublicApi, storage: Storage, values: dict[str, str]
) -> str:
    """Where the web app may connect and load images from: the API and its public face,
    Cognito, the files bucket (uploads, presigned downloads), the files CDN (public files,
    language bundles), the hosted UI and the WebSocket API."""
    region, suffix = stack.region, stack.url_suffix
    bucket = storage.files_bucket
    buckets = [
        f"https://{bucket.bucket_domain_name}",
        f"https://{bucket.bucket_regional_domain_name}",
    ]
    # The API by its id: its URL names the deployment stage, which depends on the function
    # whose settings name the app's origin (a cycle).
    connect = [
        f"https://{api.rest_api.rest_api_id}.execute-api.{region}.{suffix}",
        f"https://{public_api.distribution.distribution_domain_name}",
        f"https://cognito-idp.{region}.{suffix}",
        f"https://cognito-identity.{region}.{suffix}",
        storage.files_base_url,  # the language bundles
        *buckets,
    ]
    if outputs.AUTH_DOMAIN in values:
        connect.append(f"https://{values[outputs.AUTH_DOMAIN]}")
    if outputs.WEBSOCKET_URL in values:
        connect.append(values[outputs.WEBSOCKET_URL])
    return client_config.content_security_policy(
        connect=connect, images=[storage.files_base_url, *buckets]
    )


def resource_values(stack: cdk.Stack, auth: Auth, data: Data, storage: Storage) -> dict[str, str]:
    """Names and ids of the stack's resources, keyed by their output names."""
    values = {
        outputs.REGION: stack.region,
        outputs.USER_POOL_ID: auth.user_pool.user_pool_id,
        outputs.USER_POOL_CLIENT_ID: auth.user_pool_client.user_pool_client_id,
        outputs.FILES_BUCKET_NAME: storage.files_bucket.bucket_name,
        outputs.FILES_BASE_URL: storage.files_base_url,
        outputs.FILES_DISTRIBUTION_ID: storage.distribution.distribution_id,
        outputs.IDENTITY_POOL_ID: storage.identity_pool.identity_pool_id,
    }
    for name, table in data.tables.items():
        values[outputs.TABLE_NAMES[name]] = table.table_name
    if auth.admin_pool and auth.admin_pool_client:
        values[outputs.ADMIN_USER_POOL_ID] = auth.admin_pool.user_pool_id
        values[outputs.ADMIN_USER_POOL_CLIENT_ID] = auth.admin_pool_client.user_pool_client_id
    if auth.domain:
        values[outputs.AUTH_DOMAIN] = (
            f"{auth.domain.domain_name}.auth.{stack.region}.amazoncognito.com"
        )
    return values


def build_app(
    project: ProjectConfig,
    stages: dict[str, StageConfig],
    *,
    outdir: str | None = None,
    context: dict[str, str] | None = None,
) -> tuple[cdk.App, list[ProductStack]]:
    """The app with cdk.json's context, so in-process synth and the CDK CLI agree.

    Context `stage` (`cdk deploy -c stage=prod`, or `make synth STAGE=prod`) picks one stage;
    without it every stage is synthesized.
    """
    # inmemory: validation failures come back in the exception (nag.synth shortens them)
    # instead of CDK printing the whole report too.
    app_context = {
        **json.loads(CDK_JSON.read_text())["context"],
        "@aws-cdk/core:appMode": "inmemory",
        **(context or {}),
    }
    app = cdk.App(outdir=outdir, context=app_context)
    add_checks(app)  # cdk-nag: synth fails on findings that are neither fixed nor acknowledged
    wanted = app.node.try_get_context("stage")
    if wanted and wanted not in stages:
        raise ValueError(f"Unknown stage {wanted!r}: choose one of {', '.join(stages)}.")
    env = cdk.Environment(region=project.region)
    chosen = [stages[wanted]] if wanted else list(stages.values())
    return app, [ProductStack(app, project=project, stage=stage, env=env) for stage in chosen]
