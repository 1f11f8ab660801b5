"""Knowing what happens: alarms to an SNS topic, the stage's dashboard, saved log queries.

Alarms: the API's 5xx rate and p99 latency, every backend function's errors and throttles, every
table's throttled requests, with WAF spikes of the API's blocked requests (the API alarms are also
the canary's rollback triggers). The dashboard is what a person opens first (stack output
DashboardUrl); the saved Logs Insights queries answer the usual questions from the API's access
logs, the functions' JSON lines (backend logs.py) and the WAF's log of blocks.
docs/reading-the-logs.md has each question, its query and each alarm's runbook.
"""

from typing import TYPE_CHECKING

import aws_cdk as cdk
from aws_cdk import aws_apigateway as apigw
from aws_cdk import aws_cloudwatch as cloudwatch
from aws_cdk import aws_cloudwatch_actions as actions
from aws_cdk import aws_dynamodb as dynamodb
from aws_cdk import aws_lambda as lambda_
from aws_cdk import aws_logs as logs
from aws_cdk import aws_sns as sns
from aws_cdk import aws_sns_subscriptions as subscriptions
from aws_cdk import aws_stepfunctions as sfn
from constructs import Construct

from .config import ProjectConfig, StageConfig
from .nag import acknowledge

if TYPE_CHECKING:
    from .waf import WebAcl

ERROR_RATE_PERCENT = 5  # of requests in a minute, in 2 of 3 minutes
# Requests the API's web ACL blocks in a minute (2 of 3 minutes) that raise the alarm: more
# than scanners' background noise, about one client held at the rate limit.
BLOCKED_PER_MINUTE = 100
PERIOD = cdk.Duration.minutes(1)
LATENCY_PERIOD = cdk.Duration.minutes(5)  # a p99 of one quiet minute is one request's latency
GRAPH_PERIOD = cdk.Duration.minutes(5)

# Saved Logs Insights queries: name -> (where, query). "api": the API function's lines (one per
# request: route, status, latencyMs, sub), "access": the API's access logs (one per request the
# gateway saw, refused ones too), "functions": every backend function's lines.
QUERIES = {
    "Top routes": (
        "api",
        'filter message = "request"'
        " | stats count(*) as requests, pct(latencyMs, 50) as p50Ms, pct(latencyMs, 99) as p99Ms"
        " by route | sort requests desc | limit 25",
    ),
    "4xx and 5xx by route": (
        "api",
        'filter message = "request" and status >= 400'
        " | stats count(*) as responses by route, status | sort responses desc | limit 50",
    ),
    "Refused at the gateway": (
        "access",
        'filter status >= 400 and integrationLatency = "-"'
        " | stats count(*) as responses by httpMethod, resourcePath, status, error"
        " | sort responses desc | limit 50",
    ),
    "Slowest requests": (
        "api",
        'filter message = "request"'
        " | fields @timestamp, route, status, latencyMs, sub, requestId, apiRequestId"
        " | sort latencyMs desc | limit 25",
    ),
    "Busiest callers": (
        "access",
        'filter ispresent(sub) and sub != "-"'
        " | stats count(*) as requests, sum(status >= 400) as refused by sub"
        " | sort requests desc | limit 25",
    ),
    "Errors by function": (
        "functions",
        'filter level = "ERROR" or outcome = "error"'
        " | stats count(*) as errors, latest(errorMessage) as lastError by @log"
        " | sort errors desc",
    ),
}
# Over the API's web ACL's log of what it blocked (watch_firewall), with WAF.
WAF_BLOCKS = (
    "WAF's blocks",
    "stats count(*) as blocks by terminatingRuleId, httpRequest.clientIp"
    " | sort blocks desc | limit 50",
)
# The dashboard's table of the latest failed requests (the API function's lines).
FAILED_REQUESTS = (
    "fields @timestamp, route, status, latencyMs, sub, requestId, apiRequestId"
    ' | filter message = "request" and status >= 500 | sort @timestamp desc | limit 20'
)


TOPIC_FINDINGS = (
    (
        "CKV_AWS_26",
        "Not encrypted with KMS: CloudWatch alarms cannot publish to a topic under the "
        "AWS-managed SNS key, and the messages carry only alarm names and metric values.",
    ),
)


class Monitoring(Construct):
    def __init__(
        self,
        scope: Construct,
        id: str,
        *,
        project: ProjectConfig,
        stage: StageConfig,
        rest_api: apigw.RestApi,
        access_logs: logs.ILogGroup,
        api_function: lambda_.Function,
        functions: list[lambda_.Function],
        tables: list[dynamodb.ITableV2],
    ) -> None:
        super().__init__(scope, id)
        self.project, self.stage = project, stage
        self.rest_api, self.api_function = rest_api, api_function
        self.functions, self.tables = functions, tables
        self.alarms: list[cloudwatch.Alarm] = []
        self.topic = sns.Topic(
            self,
            "AlarmTopic",
            topic_name=stage.resource_name(project, "alarms"),
            enforce_ssl=True,
        )
        acknowledge(self.topic, TOPIC_FINDINGS)
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
        self.api_latency = self.alarm(
            "ApiLatencyP99",
            rest_api.metric_latency(statistic="p99", period=LATENCY_PERIOD),
            threshold=stage.latency_alarm_ms,
            description=f"The API's p99 latency reached {stage.latency_alarm_ms} ms.",
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
        groups = {
            "api": [api_function.log_group],
            "access": [access_logs],
            "functions": [function.log_group for function in functions],
        }
        for name, (where, query) in QUERIES.items():
            logs.CfnQueryDefinition(
                self,
                "Query" + "".join(filter(str.isalnum, name.title())),
                name=f"{stage.resource_name(project, 'api')}/{name}",
                query_string=query,
                log_group_names=[group.log_group_name for group in groups[where]],
            )

    def add_dashboard(self, state_machines: dict[str, sfn.StateMachine]) -> str:
        """The stage's dashboard, once every alarm exists; returns its console URL.

        Top to bottom: alarms, the API (requests, errors, latency), the functions, the tables,
        the product's own metrics (EMF, backend metrics.py), the latest failed requests."""
        namespace, stage_name = self.project.slug, self.stage.name
        api = self.rest_api

        def product(metric: str, *dimensions: str) -> cloudwatch.MathExpression:
            """Each series of one of our EMF metrics on this stage, summed per period."""
            schema = "{" + ",".join((namespace, "stage", *dimensions)) + "}"  # CloudWatch's braces
            search = f'{schema} MetricName="{metric}" stage="{stage_name}"'
            return cloudwatch.MathExpression(
                expression=f"SEARCH('{search}', 'Sum', {GRAPH_PERIOD.to_seconds()})",
                using_metrics={},
                label="",
                period=GRAPH_PERIOD,
            )

        def each(metric, label: str) -> list[cloudwatch.IMetric]:
            return [
                metric(function).with_(label=f"{function.node.id} {label}")
                for function in self.functions
            ]

        def graph(title: str, left: list, width: int = 8, **options) -> cloudwatch.GraphWidget:
            return cloudwatch.GraphWidget(title=title, left=left, width=width, **options)

        rows = [
            [
                cloudwatch.AlarmStatusWidget(
                    title="Alarms (docs/reading-the-logs.md: what to do)",
                    alarms=self.alarms,
                    width=24,
                    sort_by=cloudwatch.AlarmStatusWidgetSortBy.STATE_UPDATED_TIMESTAMP,
                )
            ],
            [
                graph(
                    "API requests, 4xx, 5xx",
                    [
                        api.metric_count(period=GRAPH_PERIOD, label="requests"),
                        api.metric_client_error(period=GRAPH_PERIOD, label="4xx"),
                        api.metric_server_error(period=GRAPH_PERIOD, label="5xx"),
                    ],
                ),
                graph(
                    "API latency (ms)",
                    [
                        api.metric_latency(statistic=stat, period=GRAPH_PERIOD, label=stat)
                        for stat in ("p50", "p99")
                    ],
                    left_annotations=[
                        cloudwatch.HorizontalAnnotation(
                            value=self.stage.latency_alarm_ms, label="p99 alarm"
                        )
                    ],
                ),
                graph("Requests by route and status", [product("Requests", "route", "status")]),
            ],
            [
                graph(
                    "Function errors and throttles",
                    [
                        *each(lambda f: f.metric_errors(period=GRAPH_PERIOD), "errors"),
                        *each(lambda f: f.metric_throttles(period=GRAPH_PERIOD), "throttles"),
                    ],
                    legend_position=cloudwatch.LegendPosition.RIGHT,
                    width=12,
                ),
                graph(
                    "Function duration p99 (ms)",
                    each(lambda f: f.metric_duration(statistic="p99", period=GRAPH_PERIOD), "p99"),
                    legend_position=cloudwatch.LegendPosition.RIGHT,
                    width=12,
                ),
            ],
            [
                graph(
                    "DynamoDB throttled requests",
                    [
                        cloudwatch.MathExpression(  # ids unique within the graph
                            expression=f"reads{index} + writes{index}",
                            using_metrics={
                                f"reads{index}": table.metric(
                                    "ReadThrottleEvents", period=GRAPH_PERIOD
                                ),
                                f"writes{index}": table.metric(
                                    "WriteThrottleEvents", period=GRAPH_PERIOD
                                ),
                            },
                            label=table.node.id,
                            period=GRAPH_PERIOD,
                        )
                        for index, table in enumerate(self.tables)
                    ],
                ),
                graph("Sign-ups", [product("SignUps")]),
                graph(
                    "Uploads registered, by access level", [product("UploadsRegistered", "level")]
                ),
            ],
        ]
        if state_machines:
            rows.append(
                [
                    graph(
                        "Job executions",
                        [
                            metric.with_(label=f"{name} {label}")
                            for name, machine in state_machines.items()
                            for label, metric in (
                                ("succeeded", machine.metric_succeeded(period=GRAPH_PERIOD)),
                                ("failed", machine.metric_failed(period=GRAPH_PERIOD)),
                                ("timed out", machine.metric_timed_out(period=GRAPH_PERIOD)),
                            )
                        ],
                        width=12,
                    ),
                    graph(
                        "Job steps by outcome",
                        [product("JobSteps", "function", "outcome")],
                        width=12,
                    ),
                ]
            )
        rows.append(
            [
                cloudwatch.LogQueryWidget(
                    title="Latest failed requests (5xx)",
                    log_group_names=[self.api_function.log_group.log_group_name],
                    query_string=FAILED_REQUESTS,
                    view=cloudwatch.LogQueryVisualizationType.TABLE,
                    width=24,
                )
            ]
        )
        name = self.stage.resource_name(self.project, "overview")
        cloudwatch.Dashboard(self, "Dashboard", dashboard_name=name, widgets=rows)
        region = cdk.Stack.of(self).region
        return (
            f"https://{region}.console.aws.amazon.com/cloudwatch/home?region={region}"
            f"#dashboards:name={name}"
        )

    def watch_firewall(self, firewall: "WebAcl") -> None:
        """An alarm on spikes of requests the API's web ACL blocks, and the saved query over its
        log (its metrics and log are in the stage's region; the CloudFront web ACL's are in
        us-east-1)."""
        name, query = WAF_BLOCKS
        logs.CfnQueryDefinition(
            self,
            "QueryWafBlocks",
            name=f"{self.stage.resource_name(self.project, 'api')}/{name}",
            query_string=query,
            log_group_names=[firewall.log_group.log_group_name],
        )
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
        self.alarms.append(alarm)
        return alarm
