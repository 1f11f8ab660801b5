"""Running in production: alarms, the API function's alias, gradual deploys on prod."""

import dataclasses
import json

from aws_cdk.assertions import Match, Template

from stacks import outputs
from stacks.api import ACCESS_LOG_FIELDS
from stacks.config import PROJECT, STAGES
from stacks.monitoring import ERROR_RATE_PERCENT, QUERIES
from stacks.stage import build_app


def alias_id(template: Template) -> str:
    (alias,) = template.find_resources("AWS::Lambda::Alias", {"Properties": {"Name": "live"}})
    return alias


def test_the_gateway_and_the_warmup_invoke_the_alias(synth_with):
    template = synth_with(warmer_minutes=5)
    alias = alias_id(template)
    for method in template.find_resources("AWS::ApiGateway::Method").values():
        integration = method["Properties"]["Integration"]
        if integration.get("Type") == "AWS_PROXY":
            assert {"Ref": alias} in integration["Uri"]["Fn::Join"][1]
    template.has_resource_properties(
        "AWS::Events::Rule", {"Targets": [Match.object_like({"Arn": {"Ref": alias}})]}
    )


def test_prod_shifts_traffic_gradually_and_rolls_back_on_alarms(prod_template):
    (group_id, group), *more = prod_template.find_resources(
        "AWS::CodeDeploy::DeploymentGroup"
    ).items()
    assert not more
    props = group["Properties"]
    assert props["DeploymentConfigName"] == "CodeDeployDefault.LambdaCanary10Percent5Minutes"
    assert "DEPLOYMENT_STOP_ON_ALARM" in props["AutoRollbackConfiguration"]["Events"]
    rollback = {alarm["Name"]["Ref"] for alarm in props["AlarmConfiguration"]["Alarms"]}
    assert any("Api5xxRate" in name for name in rollback)
    assert any("ApiFunctionErrors" in name for name in rollback)
    prod_template.has_resource(
        "AWS::Lambda::Alias",
        {"UpdatePolicy": {"CodeDeployLambdaAliasUpdate": Match.object_like({})}},
    )


def test_snap_start_is_a_stage_setting_of_the_api_functions_published_versions(
    stage_templates, synth_stage
):
    """Each stage as config.py sets it (off by default: docs "Cold start"); on, the API
    function snapshots its published versions and the live alias points at one of them."""

    def snapshotted(template: Template) -> dict:
        on = {"Properties": {"SnapStart": {"ApplyOn": "PublishedVersions"}}}
        return template.find_resources("AWS::Lambda::Function", on)

    for name, path in stage_templates.items():
        template = Template.from_json(json.loads(path.read_text()))
        assert bool(snapshotted(template)) == STAGES[name].snap_start, name
    template = synth_stage(snap_start=True)
    ((function_id, function),) = snapshotted(template).items()
    assert function["Properties"]["Handler"] == f"{PROJECT.package}.handler.handler"
    ((version_id, version),) = template.find_resources("AWS::Lambda::Version").items()
    assert version["Properties"]["FunctionName"] == {"Ref": function_id}
    (alias,) = template.find_resources("AWS::Lambda::Alias").values()
    assert alias["Properties"]["FunctionVersion"] == {"Fn::GetAtt": [version_id, "Version"]}


def test_dev_switches_versions_at_once(dev_template):
    dev_template.resource_count_is("AWS::CodeDeploy::DeploymentGroup", 0)


def test_alarms_watch_the_api_every_function_and_every_table(dev_template):
    alarms = dev_template.find_resources("AWS::CloudWatch::Alarm")
    functions = [
        f
        for f in dev_template.find_resources("AWS::Lambda::Function").values()
        if f["Properties"]["Handler"].startswith(f"{PROJECT.package}.")
    ]
    tables = dev_template.find_resources("AWS::DynamoDB::GlobalTable")
    jobs = dev_template.find_resources("AWS::StepFunctions::StateMachine")
    queues = dev_template.find_resources("AWS::SQS::Queue")  # the upload recorder's failures
    api = 2  # 5xx rate, p99 latency
    assert len(alarms) == api + 2 * len(functions) + len(tables) + len(jobs) + len(queues)
    (topic,) = dev_template.find_resources("AWS::SNS::Topic")
    for alarm in alarms.values():
        assert alarm["Properties"]["AlarmActions"] == [{"Ref": topic}]
    (rate,) = [alarm for name, alarm in alarms.items() if "Api5xxRate" in name]
    assert rate["Properties"]["Threshold"] == ERROR_RATE_PERCENT


def test_alarm_email_is_a_stage_setting(dev_template, prod_template, tmp_path):
    dev_template.resource_count_is("AWS::SNS::Subscription", 0)
    prod_template.has_resource_properties(
        "AWS::SNS::Subscription",
        {"Protocol": "email", "Endpoint": STAGES["prod"].alarm_email},
    )
    dev = dataclasses.replace(STAGES["dev"], alarm_email="oncall@example.org")
    _app, (stack,) = build_app(PROJECT, {"dev": dev}, outdir=str(tmp_path))
    Template.from_stack(stack).has_resource_properties(
        "AWS::SNS::Subscription", {"Protocol": "email", "Endpoint": "oncall@example.org"}
    )


def test_prod_keeps_every_version_of_every_file(dev_template, prod_template):
    def versioned(template: Template) -> list[bool]:
        return [
            bucket["Properties"].get("VersioningConfiguration", {}).get("Status") == "Enabled"
            for bucket in template.find_resources("AWS::S3::Bucket").values()
            if "CorsConfiguration" in bucket["Properties"]  # the files bucket
        ]

    assert versioned(prod_template) == [True]
    assert versioned(dev_template) == [False]


def templates(stage_templates) -> dict[str, Template]:
    return {
        name: Template.from_json(json.loads(path.read_text()))
        for name, path in stage_templates.items()
    }


def backend_functions(template: Template) -> dict[str, dict]:
    return {
        name: function
        for name, function in template.find_resources("AWS::Lambda::Function").items()
        if function["Properties"]["Handler"].startswith(f"{PROJECT.package}.")
    }


def log_group_of(function: dict) -> dict:
    return function["Properties"]["LoggingConfig"]["LogGroup"]


def api_log_group(template: Template) -> dict:
    (function,) = [
        function
        for function in backend_functions(template).values()
        if function["Properties"]["Handler"] == f"{PROJECT.package}.handler.handler"
    ]
    return log_group_of(function)


def access_log_group(template: Template) -> str:
    (stage,) = template.find_resources("AWS::ApiGateway::Stage").values()
    return stage["Properties"]["AccessLogSetting"]["DestinationArn"]["Fn::GetAtt"][0]


def test_p99_latency_alarm_follows_each_stages_setting(stage_templates):
    for name, template in templates(stage_templates).items():
        (alarm,) = template.find_resources(
            "AWS::CloudWatch::Alarm", {"Properties": {"ExtendedStatistic": "p99"}}
        ).values()
        props = alarm["Properties"]
        assert (props["Namespace"], props["MetricName"]) == ("AWS/ApiGateway", "Latency")
        assert props["Threshold"] == STAGES[name].latency_alarm_ms, name
        assert props["AlarmActions"], "the latency alarm goes to the alarm topic"


def test_every_function_the_stage_and_every_job_are_traced(dev_template):
    """X-Ray: one trace from the gateway through the function (and a job's state machine)."""
    for name, function in backend_functions(dev_template).items():
        assert function["Properties"]["TracingConfig"] == {"Mode": "Active"}, name
        assert function["Properties"]["LoggingConfig"]["LogFormat"] == "JSON", name
    (stage,) = dev_template.find_resources("AWS::ApiGateway::Stage").values()
    assert stage["Properties"]["TracingEnabled"] is True
    for machine in dev_template.find_resources("AWS::StepFunctions::StateMachine").values():
        assert machine["Properties"]["TracingConfiguration"] == {"Enabled": True}


def test_access_logs_name_the_caller_by_sub_only(dev_template):
    (stage,) = dev_template.find_resources("AWS::ApiGateway::Stage").values()
    line = stage["Properties"]["AccessLogSetting"]["Format"]
    # What API Gateway writes, with made-up values for its variables: one JSON object.
    example = json.loads(
        line.replace("$context.status", "200").replace("$context.responseLatency", "12")
    )
    assert example["sub"] == "$context.authorizer.claims.sub"
    assert (example["status"], example["responseLatency"]) == (200, 12)  # numbers to sort by
    claims = [value for value in ACCESS_LOG_FIELDS.values() if ".claims." in value]
    assert claims == ["$context.authorizer.claims.sub"]  # no e-mail, no phone, no token


def test_saved_queries_read_the_api_access_and_function_logs(dev_template):
    definitions = {
        props["Name"]: props
        for props in (
            resource["Properties"]
            for resource in dev_template.find_resources("AWS::Logs::QueryDefinition").values()
        )
    }
    prefix = STAGES["dev"].resource_name(PROJECT, "api")
    assert set(definitions) == {f"{prefix}/{name}" for name in QUERIES}
    functions = [log_group_of(f) for f in backend_functions(dev_template).values()]
    where = {
        "api": [api_log_group(dev_template)],
        "access": [{"Ref": access_log_group(dev_template)}],
        "functions": functions,
    }
    for name, (group, _query) in QUERIES.items():
        assert definitions[f"{prefix}/{name}"]["LogGroupNames"] == where[group], name
    assert {"Top routes", "4xx and 5xx by route", "Slowest requests", "Busiest callers"} <= set(
        QUERIES
    )
    assert "by sub" in QUERIES["Busiest callers"][1]


def test_each_stage_has_a_dashboard_whose_url_is_an_output(stage_templates):
    for name, template in templates(stage_templates).items():
        (dashboard,) = template.find_resources("AWS::CloudWatch::Dashboard").values()
        dashboard_name = STAGES[name].resource_name(PROJECT, "overview")
        assert dashboard["Properties"]["DashboardName"] == dashboard_name
        body = json.dumps(dashboard["Properties"]["DashboardBody"])
        for shown in (
            "AWS/ApiGateway",
            "5XXError",
            "p99",
            "AWS/Lambda",
            "Throttles",
            "ReadThrottleEvents",
            "alarm",
            "Requests",
            "SignUps",
            "UploadsRegistered",
        ):
            assert shown in body, (name, shown)  # fmt: skip
        assert json.dumps(api_log_group(template)) in body  # the latest failed requests
        assert "{" + f"{PROJECT.slug},stage,route,status" + "}" in body  # requests by route (EMF)
        url = template.find_outputs(outputs.DASHBOARD_URL)[outputs.DASHBOARD_URL]["Value"]
        assert url.endswith(f"#dashboards:name={dashboard_name}")
        assert url.startswith(f"https://{PROJECT.region}.console.aws.amazon.com/cloudwatch/")
