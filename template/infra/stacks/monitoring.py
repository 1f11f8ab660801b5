"""Alarms to an SNS topic: the API's 5xx rate, every backend function's errors and throttles,
every table's throttled requests, and with WAF, spikes of the API's blocked requests. The API
alarms are also the canary's rollback triggers."""

from typing import TYPE_CHECKING

import aws_cdk as cdk
from aws_cdk import aws_apigateway as apigw
from aws_cdk import aws_cloudwatch as cloudwatch
from aws_cdk import aws_cloudwatch_actions as actions
from aws_cdk import aws_dynamodb as dynamodb
from aws_cdk import aws_lambda as lambda_
from aws_cdk import aws_sns as sns
from aws_cdk import aws_sns_subscriptions as subscriptions
from constructs import Construct

from .config import ProjectConfig, StageConfig

if TYPE_CHECKING:
    from .waf import WebAcl

ERROR_RATE_PERCENT = 5  # of requests in a minute, in 2 of 3 minutes
# Requests the API's web ACL blocks in a minute (2 of 3 minutes) that raise the alarm: more
# than scanners' background noise, about one client held at the rate limit.
BLOCKED_PER_MINUTE = 100
PERIOD = cdk.Duration.minutes(1)


class Monitoring(Construct):
    def __init__(
        self,
        scope: Construct,
        id: str,
        *,
        project: ProjectConfig,
        stage: StageConfig,
        rest_api: apigw.RestApi,
        api_function: lambda_.IFunction,
        functions: list[lambda_.IFunction],
        tables: list[dynamodb.ITableV2],
    ) -> None:
        super().__init__(scope, id)
        self.topic = sns.Topic(
            self,
            "AlarmTopic",
            topic_name=stage.resource_name(project, "alarms"),
            enforce_ssl=True,
        )
        if stage.alarm_email:
            self.topic.add_subscription(subscriptions.EmailSubscription(stage.alarm_email))

        requests = rest_api.metric_count(period=PERIOD)
        server_errors = rest_api.metric_server_error(period=PERIOD)
        self.api_error_rate = self.alarm(
            "Api5xxRate",
            cloudwatch.MathExpression(
                expression="IF(requests > 0, 100 * errors / requests, 0)",
                using_metrics={"requests": requests, "errors": server_errors},
                period=PERIOD,
                label="API 5xx, % of requests",
            ),
            threshold=ERROR_RATE_PERCENT,
            description=f"More than {ERROR_RATE_PERCENT}% of API requests answered 5xx.",
        )
        self.rollback_alarms = [self.api_error_rate]
        for function in functions:
            name = function.node.id
            errors = self.alarm(
                f"{name}Errors",
                function.metric_errors(period=PERIOD),
                threshold=1,
                description=f"{name} raised errors (see its log group).",
            )
            self.alarm(
                f"{name}Throttles",
                function.metric_throttles(period=PERIOD),
                threshold=1,
                description=f"{name} was throttled: concurrency ran out.",
            )
            if function.node.path == api_function.node.path:
                self.rollback_alarms.append(errors)
        for table in tables:
            name = table.node.id
            self.alarm(
                f"{name}Throttles",
                cloudwatch.MathExpression(
                    expression="reads + writes",
                    using_metrics={
                        "reads": table.metric("ReadThrottleEvents", period=PERIOD),
                        "writes": table.metric("WriteThrottleEvents", period=PERIOD),
                    },
                    period=PERIOD,
                    label=f"{name} throttled requests",
                ),
                threshold=1,
                description=f"DynamoDB throttled requests to {name}.",
            )

    def watch_firewall(self, firewall: "WebAcl") -> None:
        """An alarm on spikes of requests the API's web ACL blocks (its metrics are in the
        stage's region; the CloudFront web ACL's are in us-east-1, beside its logs)."""
        self.alarm(
            "ApiFirewallBlocks",
            firewall.metric_blocked(),
            threshold=BLOCKED_PER_MINUTE,
            description=(
                f"WAF blocked {BLOCKED_PER_MINUTE} or more requests a minute to the API and "
                "user pools (see its aws-waf-logs- log group)."
            ),
        )

    def alarm(
        self, id: str, metric: cloudwatch.IMetric, *, threshold: float, description: str
    ) -> cloudwatch.Alarm:
        alarm = metric.create_alarm(
            self,
            id,
            alarm_description=description,
            threshold=threshold,
            comparison_operator=cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
            evaluation_periods=3,
            datapoints_to_alarm=2,
            treat_missing_data=cloudwatch.TreatMissingData.NOT_BREACHING,
        )
        alarm.add_alarm_action(actions.SnsAction(self.topic))
        alarm.add_ok_action(actions.SnsAction(self.topic))
        return alarm
