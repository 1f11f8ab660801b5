"""Running in production: alarms, the API function's alias, gradual deploys on prod."""

import dataclasses
import json

from aws_cdk.assertions import Match, Template

from stacks.config import PROJECT, STAGES
from stacks.monitoring import ERROR_RATE_PERCENT
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
    assert len(alarms) == 1 + 2 * len(functions) + len(tables) + len(jobs) + len(queues)
    (topic,) = dev_template.find_resources("AWS::SNS::Topic")
    for alarm in alarms.values():
        assert alarm["Properties"]["AlarmActions"] == [{"Ref": topic}]
    (rate,) = [alarm for name, alarm in alarms.items() if "Api5xxRate" in name]
    assert rate["Properties"]["Threshold"] == ERROR_RATE_PERCENT


def test_alarm_email_is_a_stage_setting(dev_template, prod_template):
    dev_template.resource_count_is("AWS::SNS::Subscription", 0)
    prod_template.has_resource_properties(
        "AWS::SNS::Subscription",
        {"Protocol": "email", "Endpoint": STAGES["prod"].alarm_email},
    )
    dev = dataclasses.replace(STAGES["dev"], alarm_email="oncall@example.org")
    _app, (stack,) = build_app(PROJECT, {"dev": dev})
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
