"""DynamoDB tables. The users table holds the profile; Cognito holds identity only."""

import aws_cdk as cdk
from aws_cdk import aws_dynamodb as dynamodb
from constructs import Construct

from .config import TABLES, ProjectConfig, StageConfig


class Data(Construct):
    def __init__(
        self, scope: Construct, id: str, *, project: ProjectConfig, stage: StageConfig
    ) -> None:
        super().__init__(scope, id)
        self.users_table = dynamodb.TableV2(
            self,
            "UsersTable",
            table_name=stage.resource_name(project, "users"),
            partition_key=dynamodb.Attribute(
                name=TABLES["users"].partition_key, type=dynamodb.AttributeType.STRING
            ),
            billing=dynamodb.Billing.on_demand(),
            encryption=dynamodb.TableEncryptionV2.aws_managed_key(),
            point_in_time_recovery_specification=dynamodb.PointInTimeRecoverySpecification(
                point_in_time_recovery_enabled=True
            ),
            deletion_protection=stage.retain_data,
            removal_policy=removal_policy(stage),
        )


def removal_policy(stage: StageConfig) -> cdk.RemovalPolicy:
    return cdk.RemovalPolicy.RETAIN if stage.retain_data else cdk.RemovalPolicy.DESTROY
