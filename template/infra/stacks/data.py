"""DynamoDB tables from tables.TABLES. Users hold the profile (Cognito holds identity only).

A table the stage lists in restored_tables (`make restore` wrote it) is the restored one, found
by name: the stack grants, watches and backs it up but did not create it, so its own table
leaves the stack (prod retains it; docs/backups.md says when to delete it)."""

from aws_cdk import aws_dynamodb as dynamodb
from aws_cdk import aws_iam as iam
from aws_cdk import aws_lambda as lambda_
from constructs import Construct

from .config import ProjectConfig, StageConfig
from .tables import TABLES, index_name


class Data(Construct):
    def __init__(
        self, scope: Construct, id: str, *, project: ProjectConfig, stage: StageConfig
    ) -> None:
        super().__init__(scope, id)
        self.tables: dict[str, dynamodb.ITableV2] = {
            name: dynamodb.TableV2.from_table_name(self, f"{name.title()}Table", restored)
            for name, restored in stage.restored_tables.items()
        }
        self.tables |= {
            name: dynamodb.TableV2(
                self,
                f"{name.title()}Table",
                table_name=stage.resource_name(project, name),
                partition_key=string_key(spec.partition_key),
                sort_key=string_key(spec.sort_key) if spec.sort_key else None,
                time_to_live_attribute=spec.time_to_live,
                global_secondary_indexes=[
                    dynamodb.GlobalSecondaryIndexPropsV2(
                        index_name=index.name,
                        partition_key=string_key(index.partition_key),
                        sort_key=string_key(index.sort_key) if index.sort_key else None,
                        projection_type=(
                            dynamodb.ProjectionType.ALL
                            if index.all_attributes
                            else dynamodb.ProjectionType.KEYS_ONLY
                        ),
                    )
                    for index in spec.index_specs
                ],
                billing=dynamodb.Billing.on_demand(),
                encryption=dynamodb.TableEncryptionV2.aws_managed_key(),
                point_in_time_recovery_specification=dynamodb.PointInTimeRecoverySpecification(
                    point_in_time_recovery_enabled=True
                ),
                deletion_protection=stage.retain_data,
                removal_policy=stage.removal_policy,
            )
            for name, spec in TABLES.items()
            if name not in stage.restored_tables
        }
        self.tables = {name: self.tables[name] for name in TABLES}  # TABLES' order
        self.users_table = self.tables["users"]
        self.files_table = self.tables["files"]


def grant_table(
    function: lambda_.IFunction,
    table: dynamodb.ITableV2,
    *actions: str,
    index: str | None = None,
) -> None:
    """Let `function` do DynamoDB actions on the table itself, or on its index of one attribute.
    Not table.grant: that adds every index of the table (`/index/*`), which least privilege
    avoids."""
    arn = table.table_arn if index is None else f"{table.table_arn}/index/{index_name(index)}"
    function.add_to_role_policy(
        iam.PolicyStatement(actions=[f"dynamodb:{a}" for a in actions], resources=[arn])
    )


def string_key(name: str) -> dynamodb.Attribute:
    return dynamodb.Attribute(name=name, type=dynamodb.AttributeType.STRING)
