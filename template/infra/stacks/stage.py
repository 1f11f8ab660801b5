"""One stack per stage (dev, prod, a preview): data, auth, storage and the API, wired
together; outside us-east-1, with WAF or a custom domain, a small stack there for CloudFront's
web ACL and certificate (edge.py)."""

import json
from pathlib import Path

import aws_cdk as cdk
from constructs import Construct

from . import client_config, outputs
from .api import Api
from .auth import Auth
from .backups import Backups
from .cdn import standard_logs
from .cdn_logs import CdnLogTable
from .config import ProjectConfig, StageConfig, stage_config
from .data import Data
from .domains import Domains
from .edge import EdgeStack, needs_edge_stack
from .functions import backend_functions
from .monitoring import Monitoring
from .nag import add_checks
from .public_api import PublicApi
from .storage import Storage
from .waf import protect

CDK_JSON = Path(__file__).resolve().parents[1] / "cdk.json"


class ProductStack(cdk.Stack):
    def __init__(
        self,
        scope: Construct,
        *,
        project: ProjectConfig,
        stage: StageConfig,
        env: cdk.Environment | None = None,
        edge: EdgeStack | None = None,
    ) -> None:
        super().__init__(
            scope,
            f"{project.slug}-{stage.name}",
            env=env,
            description=f"{project.name} ({stage.name})",
            termination_protection=stage.retain_data,
            cross_region_references=edge is not None,  # the CloudFront web ACL's, certificate's
        )
        self.edge = edge
        domains = None
        if stage.domain:
            certificate = edge.certificate if edge else None
            domains = Domains(self, "Domains", project=project, stage=stage, edge=certificate)
        data = Data(self, "Data", project=project, stage=stage)
        auth = Auth(
            self,
            "Auth",
            project=project,
            stage=stage,
            users_table=data.users_table,
            custom_domain=domains.hosted_ui() if domains and project.social_providers else None,
        )
        storage = Storage(
            self,
            "Storage",
            project=project,
            stage=stage,
            user_pool=auth.user_pool,
            user_pool_client=auth.user_pool_client,
        )
        values = resource_values(self, auth, data, storage)
        if domains:
            values[outputs.FILES_BASE_URL] = domains.serve(storage.distribution, "files")
        if stage.backups:
            backups = Backups(
                self,
                "Backups",
                project=project,
                stage=stage,
                tables=list(data.tables.values()),
                logs_bucket=storage.logs_bucket,
                user_pools=[pool for pool in (auth.user_pool, auth.admin_pool) if pool],
            )
            values[outputs.BACKUPS_BUCKET_NAME] = backups.bucket.bucket_name
        web = None
        served_stage = stage  # the stage as browsers reach it: with the web app, its origin too
        if project.web_app:
            # web.py is rendered only with web_app
            from .web import CLOUDFRONT_ORIGINS, WebApp, web_content_security_policy

            web = WebApp(self, "Web", project=project, stage=stage, logs_bucket=storage.logs_bucket)
            values[outputs.WEB_URL] = domains.serve(web.distribution, "web") if domains else web.url
            # Uploads from the app: at its domain, else any CloudFront origin (web.py says why).
            storage.allow_browsers_from(values[outputs.WEB_URL] if domains else CLOUDFRONT_ORIGINS)
            # Browsers on the app's origin call the API; the hosted UI sends users back to it.
            served_stage = stage.with_web_app(values[outputs.WEB_URL])
            auth.redirect_to(served_stage)
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
            stage=served_stage,
            user_pool=auth.user_pool,
            admin_pool=auth.admin_pool,
            environment={
                **outputs.app_environment(values),
                "APP_ALLOWED_ORIGINS": json.dumps(list(served_stage.allowed_origins)),
            },
            placement=placement,
        )
        api.grant_access(auth, data, storage)
        public_api = PublicApi(
            self,
            "PublicApi",
            project=project,
            stage=stage,
            rest_api=api.rest_api,
            logs_bucket=storage.logs_bucket,
        )
        values[outputs.PUBLIC_API_URL] = (
            domains.serve(public_api.distribution, "public") if domains else public_api.url
        )
        if stage.cdn_log_table and standard_logs(project, stage):
            CdnLogTable(
                self,
                "CdnLogs",
                project=project,
                stage=stage,
                logs_bucket=storage.logs_bucket,
                distributions=("files", "public-api", *(["web"] if web else [])),
            )
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
            # Stage logs need the account's API Gateway logging role, which the REST API sets
            # (a preview's does not: dev's deploy did).
            if account := api.rest_api.node.try_find_child("Account"):
                realtime.stage.node.add_dependency(account)
            values[outputs.WEBSOCKET_URL] = (
                domains.serve_websocket(realtime.api, realtime.stage)
                if domains
                else realtime.stage.url
            )
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
        firewalls = protect(
            self,
            project=project,
            stage=served_stage,
            rest_api=api.rest_api,
            user_pools=[pool for pool in (auth.user_pool, auth.admin_pool) if pool],
            edge_acl=edge.web_acl if edge else None,
        )
        monitoring = Monitoring(
            self,
            "Monitoring",
            project=project,
            stage=stage,
            rest_api=api.rest_api,
            access_logs=api.access_logs,
            api_function=api.function,
            functions=backend_functions(self, project),
            tables=list(data.tables.values()),
        )
        storage.add_alarms(monitoring)
        if firewalls:
            monitoring.watch_firewall(firewalls[0])
        if jobs:
            jobs.add_alarms(monitoring)
        values[outputs.DASHBOARD_URL] = monitoring.add_dashboard(
            jobs.state_machines if jobs else {}
        )
        api.shift_traffic(stage, monitoring.rollback_alarms)
        values[outputs.API_URL] = domains.serve_api(api.rest_api) if domains else api.rest_api.url
        if domains and auth.domain:
            values[outputs.AUTH_DOMAIN] = domains.serve_hosted_ui(auth.domain)
        outputs.add_outputs(self, values)
        if web:
            web.deploy(
                client_config.web_client_configs(project, served_stage, values),
                web_content_security_policy(self, api, public_api, storage, values),
            )
        for key, value in {"project": project.slug, "stage": stage.name, **stage.tags}.items():
            cdk.Tags.of(self).add(key, value)


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

    Context `stage` (`cdk deploy -c stage=prod`, or `make synth STAGE=pr-123`) picks one stage,
    any name config.stage_config takes; without it every stage of `stages` is synthesized.
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
    env = cdk.Environment(region=project.region)
    chosen = [stage_config(wanted, stages)] if wanted else list(stages.values())
    stacks = []
    for stage in chosen:
        # Outside us-east-1, CloudFront's web ACL and certificate come from a stack there.
        edge = None
        if needs_edge_stack(project, stage):
            edge = EdgeStack(app, project=project, stage=stage)
        stacks.append(ProductStack(app, project=project, stage=stage, env=env, edge=edge))
    return app, stacks
