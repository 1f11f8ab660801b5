"""One stack per stage (dev, prod): data, auth, storage and the API, wired together."""

import json
from pathlib import Path

import aws_cdk as cdk
from constructs import Construct

from . import outputs
from .api import Api
from .auth import Auth
from .config import ProjectConfig, StageConfig
from .data import Data
from .storage import Storage

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
        auth = Auth(self, "Auth", project=project, stage=stage)
        storage = Storage(self, "Storage", project=project, stage=stage)
        api = Api(
            self,
            "Api",
            project=project,
            stage=stage,
            user_pool=auth.user_pool,
            environment={
                "APP_REGION": project.region,
                "APP_USERS_TABLE": data.users_table.table_name,
                "APP_FILES_BUCKET": storage.files_bucket.bucket_name,
            },
        )
        data.users_table.grant_read_write_data(api.function)

        outputs.add_outputs(
            self,
            {
                outputs.REGION: self.region,
                outputs.API_URL: api.rest_api.url,
                outputs.USER_POOL_ID: auth.user_pool.user_pool_id,
                outputs.USER_POOL_CLIENT_ID: auth.user_pool_client.user_pool_client_id,
                outputs.USERS_TABLE_NAME: data.users_table.table_name,
                outputs.FILES_BUCKET_NAME: storage.files_bucket.bucket_name,
            },
        )
        for key, value in {"project": project.slug, "stage": stage.name, **stage.tags}.items():
            cdk.Tags.of(self).add(key, value)


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
    app_context = {**json.loads(CDK_JSON.read_text())["context"], **(context or {})}
    app = cdk.App(outdir=outdir, context=app_context)
    wanted = app.node.try_get_context("stage")
    if wanted and wanted not in stages:
        raise ValueError(f"Unknown stage {wanted!r}: choose one of {', '.join(stages)}.")
    env = cdk.Environment(region=project.region)
    chosen = [stages[wanted]] if wanted else list(stages.values())
    return app, [ProductStack(app, project=project, stage=stage, env=env) for stage in chosen]
