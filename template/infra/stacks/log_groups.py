"""The stack's CloudWatch log groups (functions, API stages' access logs, jobs, flow logs) keep
logs as long as the stage's log_retention says and go with the stack: one definition for all.
API Gateway's execution-log groups, which it creates itself, get the same retention here."""

import aws_cdk as cdk
from aws_cdk import aws_logs as logs
from constructs import Construct

from .config import StageConfig
from .nag import acknowledge

# The CDK's function that sets log retention (one per stack), for the execution-log groups.
LOG_RETENTION_HANDLER = "LogRetentionaae0aa3c5b4d4f87b02d85b201efdd8a"
LOG_RETENTION_FINDINGS = (
    (
        "AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/"
        "AWSLambdaBasicExecutionRole]",
        "The CDK's own deploy-time function that sets the retention of the execution-log groups "
        "API Gateway creates writes its logs with it; it runs only during deployments.",
    ),
    (
        "AwsSolutions-IAM5[Resource::*]",
        "The CDK's own deploy-time function sets and removes retention policies on any log "
        "group (the CDK grants logs:PutRetentionPolicy and DeleteRetentionPolicy on '*': it "
        "also sets the retention of its own log group, named only at deploy time).",
    ),
)
LOG_RETENTION_CHECKOV = (
    "CKV_AWS_111",
    "The CDK's own deploy-time function sets retention policies on the log groups API "
    "Gateway creates, named only at deploy time (logs:PutRetentionPolicy on '*').",
)


def log_group(scope: Construct, id: str, stage: StageConfig) -> logs.LogGroup:
    """A log group kept for the stage's log_retention, removed with the stack."""
    return logs.LogGroup(
        scope,
        id,
        retention=logs.RetentionDays[stage.log_retention],
        removal_policy=cdk.RemovalPolicy.DESTROY,
    )


def execution_logs_retention(
    scope: Construct, api: Construct, api_id: str, stage: StageConfig
) -> logs.LogRetention:
    """The stage's retention on the group API Gateway writes a stage's execution logs to,
    `API-Gateway-Execution-Logs_<api id>/<stage>`, which it creates itself on the first log line
    and keeps forever (https://docs.aws.amazon.com/apigateway/latest/developerguide/
    set-up-logging.html). A LogRetention rather than a LogGroup of that name: a stage deployed
    before has the group already, and CloudFormation cannot create it again."""
    name = f"API-Gateway-Execution-Logs_{api_id}/{stage.name}"
    retention = logs.LogRetention(
        scope,
        "ExecutionLogsRetention",
        log_group_name=name,
        retention=logs.RetentionDays[stage.log_retention],
        removal_policy=cdk.RemovalPolicy.DESTROY,
    )
    stack = cdk.Stack.of(scope)
    api_logical_id = stack.get_logical_id(api.node.default_child)
    group = f"arn:aws:logs:{stack.region}:<AWS::AccountId>:log-group:" + name.replace(
        api_id, f"<{api_logical_id}>"
    )
    handler = stack.node.find_child(LOG_RETENTION_HANDLER)
    policy = handler.node.find_child("ServiceRole").node.find_child("DefaultPolicy")
    acknowledge(policy, [LOG_RETENTION_CHECKOV])
    acknowledge(
        handler,
        [
            *LOG_RETENTION_FINDINGS,
            (
                f"AwsSolutions-IAM5[Resource::{group}:*]",
                "Setting the retention of this one log group: the wildcard is its log streams.",
            ),
        ],
    )
    return retention
