"""AWS Backup for a stage's tables (StageConfig.backups): a daily recovery point of each, kept
backup_retention_days, in a vault that outlives the stack; and a bucket, as lasting, for what
AWS cannot back up: the user pools' users and groups, which a function exports there daily
(api.user_export; `make export-users` runs it by hand).

Point-in-time recovery (on for every table) restores to any second of the last 35 days, but
only while the table exists: deleting the table, or the stack with it, takes those with it. The
vault's recovery points stay: the vault and its key are retained when the stack goes, and its
lock (governance mode) refuses to delete a recovery point younger than the retention. The files
bucket is not in the plan: S3 versioning keeps its overwritten and deleted objects
(noncurrent_version_days) and prod retains the bucket; AWS Backup for S3 would double its
storage price (docs/cost.md). Restoring: docs/backups.md.
"""

from dataclasses import replace

import aws_cdk as cdk
from aws_cdk import aws_backup as backup
from aws_cdk import aws_cognito as cognito
from aws_cdk import aws_dynamodb as dynamodb
from aws_cdk import aws_events as events
from aws_cdk import aws_events_targets as targets
from aws_cdk import aws_iam as iam
from aws_cdk import aws_kms as kms
from aws_cdk import aws_lambda as lambda_
from aws_cdk import aws_s3 as s3
from constructs import Construct

from .buckets import private_bucket
from .config import ProjectConfig, StageConfig
from .functions import backend_function
from .nag import acknowledge, arn_wildcard, object_wildcard

# Where the user export writes in the bucket (api.user_export.USERS_PREFIX; test_backups.py).
USERS_PREFIX = "cognito"
# 05:00 UTC: after the evening peak in Korea (14:00 KST) and the Americas' night.
DAILY = events.Schedule.cron(minute="0", hour="5")


class Backups(Construct):
    def __init__(
        self,
        scope: Construct,
        id: str,
        *,
        project: ProjectConfig,
        stage: StageConfig,
        tables: list[dynamodb.ITableV2],
        logs_bucket: s3.IBucket,
        user_pools: list[cognito.IUserPool],
    ) -> None:
        super().__init__(scope, id)
        retention = cdk.Duration.days(stage.backup_retention_days)
        # Recovery points are encrypted with the vault's key (DynamoDB's "advanced features" in
        # AWS Backup, on by default since November 2021): a key of our own, rotated yearly.
        self.key = kms.Key(
            self,
            "VaultKey",
            description=f"{project.name} ({stage.name}): the backup vault's recovery points",
            enable_key_rotation=True,
            removal_policy=cdk.RemovalPolicy.RETAIN,
        )
        self.vault = backup.BackupVault(
            self,
            "Vault",
            backup_vault_name=stage.resource_name(project, "backups"),
            encryption_key=self.key,
            # Governance mode (no changeable_for): a recovery point cannot be deleted before
            # `retention`, except by someone granted backup:DeleteBackupVaultLockConfiguration.
            lock_configuration=backup.LockConfiguration(min_retention=retention),
            removal_policy=cdk.RemovalPolicy.RETAIN,
        )
        self.plan = backup.BackupPlan(
            self,
            "Plan",
            backup_plan_name=stage.resource_name(project, "daily"),
            backup_plan_rules=[
                backup.BackupPlanRule(
                    rule_name="daily",
                    backup_vault=self.vault,
                    schedule_expression=DAILY,
                    delete_after=retention,
                )
            ],
        )
        # Object Lock (governance) keeps each export its retention; then it expires. Retained
        # with the stack's deletion as the vault is.
        self.bucket = private_bucket(
            self,
            "Bucket",
            stage=replace(stage, retain_data=True),
            server_access_logs_bucket=logs_bucket,
            server_access_logs_prefix="backups/",
            versioned=True,
            object_lock_enabled=True,
            object_lock_default_retention=s3.ObjectLockRetention.governance(retention),
            lifecycle_rules=[
                s3.LifecycleRule(
                    expiration=retention,
                    noncurrent_version_expiration=cdk.Duration.days(1),
                    expired_object_delete_marker=False,
                )
            ],
        )
        self.user_export = user_export(self, project, stage, user_pools, self.bucket)
        self.role = backup_role(self, tables, self.key)
        self.plan.add_selection(
            "Tables",
            resources=[backup.BackupResource.from_arn(table.table_arn) for table in tables],
            role=self.role,
            allow_restores=False,  # restores run with the operator's rights (docs/backups.md)
            disable_default_backup_policy=True,  # AWS's policy: every resource of every kind
        )


def user_export(
    scope: Construct,
    project: ProjectConfig,
    stage: StageConfig,
    user_pools: list[cognito.IUserPool],
    bucket: s3.IBucket,
) -> lambda_.Function:
    """The daily export of the pools' users and groups: it may list them and write exports."""
    pool_ids = [pool.user_pool_id for pool in user_pools]
    function = backend_function(
        scope,
        "UserExport",
        project=project,
        stage=stage,
        name="user-export",
        handler="user_export.handler",
        environment={
            "APP_USER_POOL_ID": pool_ids[0],
            **({"APP_ADMIN_USER_POOL_ID": pool_ids[1]} if len(pool_ids) > 1 else {}),
            "APP_BACKUPS_BUCKET": bucket.bucket_name,
        },
        # ListUsers pages 60 users at a time within Cognito's request rate: ~10 minutes at 1M.
        timeout_seconds=900,
        memory_size=1024,
    )
    function.add_to_role_policy(
        iam.PolicyStatement(
            actions=[
                "cognito-idp:ListUsers",
                "cognito-idp:ListGroups",
                "cognito-idp:ListUsersInGroup",
            ],
            resources=[pool.user_pool_arn for pool in user_pools],
        )
    )
    function.add_to_role_policy(
        iam.PolicyStatement(
            actions=["s3:PutObject"], resources=[bucket.arn_for_objects(f"{USERS_PREFIX}/*")]
        )
    )
    acknowledge(
        function.role,
        [(object_wildcard(bucket, f"{USERS_PREFIX}/*"), "Exports are named by their time.")],
    )
    events.Rule(
        scope, "DailyUserExport", schedule=DAILY, targets=[targets.LambdaFunction(function)]
    )
    return function


def backup_role(scope: Construct, tables: list[dynamodb.ITableV2], key: kms.IKey) -> iam.Role:
    """The role AWS Backup assumes: DynamoDB's backup actions on these tables alone (AWS's
    AWSBackupServiceRolePolicyForBackup grants them on every table and every resource type)."""
    role = iam.Role(scope, "Role", assumed_by=iam.ServicePrincipal("backup.amazonaws.com"))
    table_arns = [table.table_arn for table in tables]
    role.add_to_policy(
        iam.PolicyStatement(
            actions=[
                "dynamodb:DescribeTable",
                "dynamodb:CreateBackup",
                "dynamodb:StartAwsBackupJob",
                "dynamodb:ListTagsOfResource",
            ],
            resources=table_arns,
        )
    )
    # Backups that DynamoDB keeps (an account without advanced features) are its to expire.
    role.add_to_policy(
        iam.PolicyStatement(
            actions=["dynamodb:DescribeBackup", "dynamodb:DeleteBackup"],
            resources=[f"{arn}/backup/*" for arn in table_arns],
        )
    )
    # Encrypting recovery points with the vault's key, through AWS Backup only.
    role.add_to_policy(
        iam.PolicyStatement(
            actions=["kms:DescribeKey", "kms:GenerateDataKey", "kms:Decrypt"],
            resources=[key.key_arn],
            conditions={"StringLike": {"kms:ViaService": "backup.*.amazonaws.com"}},
        )
    )
    why = "A table's backups have ids DynamoDB makes at each run: <table ARN>/backup/*"
    acknowledge(role, [(backups_wildcard(table), why) for table in tables])
    return role


def backups_wildcard(table: dynamodb.ITableV2) -> str:
    """cdk-nag's finding id of a grant on the table's backups: by the logical id of a table the
    stack made, by name of a restored one."""
    if isinstance(table, dynamodb.TableV2):
        return arn_wildcard(table, "/backup/*")
    # cdk-nag writes the ARN's parts as they resolve, a reference as <name>.
    arn = cdk.Stack.of(table).resolve(table.table_arn)
    parts = arn["Fn::Join"][1] if isinstance(arn, dict) else [arn]
    written = "".join(part if isinstance(part, str) else f"<{part['Ref']}>" for part in parts)
    return f"AwsSolutions-IAM5[Resource::{written}/backup/*]"
