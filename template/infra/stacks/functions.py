"""Lambda functions running backend code: one bundle, one set of defaults, a handler each."""

from collections.abc import Mapping
from typing import Any

import aws_cdk as cdk
from aws_cdk import aws_iam as iam
from aws_cdk import aws_lambda as lambda_
from constructs import Construct

from .config import LAMBDA_PYTHON, ProjectConfig, StageConfig
from .log_groups import log_group
from .nag import acknowledge

X_RAY_REASON = (
    "X-Ray tracing: xray:PutTraceSegments and xray:PutTelemetryRecords support no "
    "resource-level permissions, so AWS requires Resource '*' for them. Nor do the identity "
    "pool's DescribeIdentity (the upload recorder) and DeleteIdentities (account deletion): "
    "those are limited to the project's pool by a cognito-identity:IdentityPoolArn condition."
)
# What Lambda does with a function's own role to attach it to the private subnets (static_ip):
# https://docs.aws.amazon.com/lambda/latest/dg/configuration-vpc.html#configuration-vpc-permissions
# Not the managed AWSLambdaVPCAccessExecutionRole, which also allows writing to every log group.
NETWORK_INTERFACE_ACTIONS = (
    "ec2:CreateNetworkInterface",
    "ec2:DescribeNetworkInterfaces",
    "ec2:DescribeSubnets",
    "ec2:DeleteNetworkInterface",
    "ec2:AssignPrivateIpAddresses",
    "ec2:UnassignPrivateIpAddresses",
)
NETWORK_INTERFACE_REASON = (
    " In the VPC, Lambda creates, describes and deletes the function's network interfaces with "
    "its role: DescribeNetworkInterfaces works only on '*', and the interfaces do not exist "
    "before Lambda creates them."
)


# The runtime of LAMBDA_PYTHON, which `make bundle` builds for (an unknown one fails here).
RUNTIME: lambda_.Runtime = getattr(lambda_.Runtime, f"PYTHON_{LAMBDA_PYTHON.replace('.', '_')}")


def backend_function(
    scope: Construct,
    id: str,
    *,
    project: ProjectConfig,
    stage: StageConfig,
    name: str,
    handler: str,
    environment: dict[str, str],
    timeout_seconds: int = 10,
    memory_size: int = 512,
    placement: Mapping[str, Any] | None = None,
    snap_start: bool = False,
) -> lambda_.Function:
    """A function from `make bundle`'s build/lambda; `handler` is relative to the package.

    `placement` puts it in a VPC (Network.placement, with static_ip). `snap_start` snapshots
    each published version once initialized; only invocations of a version or an alias (never
    $LATEST) resume from it.

    Its role may write to its own log group only (no AWSLambdaBasicExecutionRole, which allows
    every log group); grants for tables and buckets are added where they are needed.
    """
    logs = log_group(scope, f"{id}Logs", stage)
    role = iam.Role(scope, f"{id}Role", assumed_by=iam.ServicePrincipal("lambda.amazonaws.com"))
    logs.grant_write(role)
    reason = X_RAY_REASON
    if placement:  # the CDK adds these only to roles it creates itself
        role.add_to_principal_policy(
            iam.PolicyStatement(actions=list(NETWORK_INTERFACE_ACTIONS), resources=["*"])
        )
        reason += NETWORK_INTERFACE_REASON
    acknowledge(role, [("AwsSolutions-IAM5[Resource::*]", reason)])
    if placement:  # Checkov counts the network interfaces' '*' as writes without constraints
        acknowledge(role.node.find_child("DefaultPolicy"), [("CKV_AWS_111", reason)])
    return lambda_.Function(
        scope,
        id,
        function_name=stage.resource_name(project, name),
        runtime=RUNTIME,
        architecture=lambda_.Architecture.ARM_64,
        handler=f"{project.package}.{handler}",
        code=lambda_.Code.from_asset(str(project.lambda_bundle)),
        memory_size=memory_size,
        timeout=cdk.Duration.seconds(timeout_seconds),
        environment={
            "APP_STAGE": stage.name,
            "APP_REGION": project.region,
            "APP_PROJECT_NAME": project.name,
            **environment,
        },
        logging_format=lambda_.LoggingFormat.JSON,
        tracing=lambda_.Tracing.ACTIVE,
        log_group=logs,
        role=role,
        snap_start=lambda_.SnapStartConf.ON_PUBLISHED_VERSIONS if snap_start else None,
        **(placement or {}),
    )


def backend_functions(scope: Construct, project: ProjectConfig) -> list[lambda_.Function]:
    """Every function under scope built by backend_function: its handler is in our package."""
    return [
        construct
        for construct in scope.node.find_all()
        if isinstance(construct, lambda_.Function)
        and construct.node.default_child.handler.startswith(f"{project.package}.")
    ]
