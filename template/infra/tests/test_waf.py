"""AWS WAF (waf.py): prod's web ACLs in front of the API stage, the user pools and every
distribution, their rules from the stage's settings, their logs and alarm; dev goes without."""

import dataclasses
import json

from aws_cdk.assertions import Template

from stacks.config import MAX_BODY_BYTES, PROJECT, STAGES, WINDOW_SECONDS
from stacks.monitoring import BLOCKED_PER_MINUTE
from stacks.waf import MANAGED_RULE_GROUPS
from stacks.waf_rules import REFUSALS, WRITE_METHODS

PROD = STAGES["prod"]


def web_acl(template: Template, scope: str) -> tuple[str, dict]:
    ((acl_id, acl),) = template.find_resources(
        "AWS::WAFv2::WebACL", {"Properties": {"Scope": scope}}
    ).items()
    return acl_id, acl["Properties"]


def rule_ending(acl: dict, suffix: str) -> dict:
    (rule,) = [rule for rule in acl["Rules"] if rule["Name"].endswith(suffix)]
    return rule


def cloudfront_acl(prod_template, edge_templates) -> tuple[Template, str, dict]:
    """The CloudFront web ACL's template (us-east-1's), its logical id and properties."""
    if PROJECT.region == "us-east-1":  # the stage's own stack holds it
        return prod_template, *web_acl(prod_template, "CLOUDFRONT")
    template = Template.from_json(json.loads(edge_templates["prod"].read_text()))
    return template, *web_acl(template, "CLOUDFRONT")


def test_dev_goes_without_waf(dev_template, edge_templates):
    assert not STAGES["dev"].waf and PROD.waf  # the documented defaults
    for resource in ("WebACL", "WebACLAssociation", "LoggingConfiguration"):
        dev_template.resource_count_is(f"AWS::WAFv2::{resource}", 0)
    assert "dev" not in edge_templates
    assert "CrossRegion" not in json.dumps(dev_template.to_json())


def test_the_regional_acl_guards_the_api_stage_and_every_user_pool(prod_template):
    acl_id, _acl = web_acl(prod_template, "REGIONAL")
    guarded = [
        association["Properties"]["ResourceArn"]
        for association in prod_template.find_resources("AWS::WAFv2::WebACLAssociation").values()
        if association["Properties"]["WebACLArn"] == {"Fn::GetAtt": [acl_id, "Arn"]}
    ]
    (stage_id,) = prod_template.find_resources(
        "AWS::ApiGateway::Stage", {"Properties": {"StageName": "prod"}}
    )
    (rest_api_id,) = prod_template.find_resources("AWS::ApiGateway::RestApi")
    prefix = f"arn:aws:apigateway:{PROJECT.region}::/restapis/"
    parts = [prefix, {"Ref": rest_api_id}, "/stages/", {"Ref": stage_id}]
    stage_arn = json.dumps({"Fn::Join": ["", parts]})
    pools = prod_template.find_resources("AWS::Cognito::UserPool")
    assert sorted(map(json.dumps, guarded)) == sorted(
        [stage_arn, *(json.dumps({"Fn::GetAtt": [pool, "Arn"]}) for pool in pools)]
    )


def test_every_distribution_is_behind_the_cloudfront_acl(prod_template, edge_templates):
    """In us-east-1 by reference to it; elsewhere through the CDK's cross-region reference,
    the SSM parameter its us-east-1 stack writes and the stage's stack reads at deploy time."""
    _template, acl_id, _acl = cloudfront_acl(prod_template, edge_templates)
    distributions = prod_template.find_resources("AWS::CloudFront::Distribution").values()
    assert len(distributions) >= 2  # the files CDN and the public face at least
    for distribution in distributions:
        web_acl_id = distribution["Properties"]["DistributionConfig"]["WebACLId"]
        if PROJECT.region == "us-east-1":
            assert web_acl_id == {"Fn::GetAtt": [acl_id, "Arn"]}
        else:
            reader_id, parameter = web_acl_id["Fn::GetAtt"]
            reader = prod_template.to_json()["Resources"][reader_id]
            assert reader["Type"] == "Custom::CrossRegionExportReader"
            assert parameter.startswith(f"/cdk/exports/{PROJECT.slug}-prod/")
            assert acl_id in parameter
            assert reader["Properties"]["ReaderProps"]["imports"][parameter] == (
                "{{resolve:ssm:" + parameter + "}}"
            )


def check_rate_rules(acl: dict, stage, *, writes: bool) -> None:
    """The rate rules: per client IP over WINDOW_SECONDS, the stage's limits, 429 in the
    API's error body."""
    rules = [rule for rule in acl["Rules"] if "RateBasedStatement" in rule["Statement"]]
    assert len(rules) == (2 if writes else 1)
    for rule in rules:
        statement = rule["Statement"]["RateBasedStatement"]
        assert statement["AggregateKeyType"] == "IP"
        assert statement["EvaluationWindowSec"] == WINDOW_SECONDS
        response = rule["Action"]["Block"]["CustomResponse"]
        assert response["ResponseCode"] == 429
        body = acl["CustomResponseBodies"][response["CustomResponseBodyKey"]]
        assert json.loads(body["Content"])["code"] == "throttled"
        assert "Access-Control-Allow-Origin" in [h["Name"] for h in response["ResponseHeaders"]]
    overall = rule_ending(acl, "-requests")["Statement"]["RateBasedStatement"]
    assert overall["Limit"] == stage.waf_rate_limit and "ScopeDownStatement" not in overall
    if writes:
        strict = rule_ending(acl, "-writes")["Statement"]["RateBasedStatement"]
        assert strict["Limit"] == stage.waf_write_rate_limit
        methods = [
            match["ByteMatchStatement"]["SearchString"]
            for match in strict["ScopeDownStatement"]["OrStatement"]["Statements"]
        ]
        assert methods == list(WRITE_METHODS)


def test_rate_rules_take_the_stages_limits(prod_template, edge_templates):
    _acl_id, regional = web_acl(prod_template, "REGIONAL")
    check_rate_rules(regional, PROD, writes=True)
    _template, _acl_id, edge = cloudfront_acl(prod_template, edge_templates)
    check_rate_rules(edge, PROD, writes=False)  # the distributions serve GETs only


def test_a_stage_sets_its_own_limits(synth_stage):
    """Dev with WAF turned on and other limits: its web ACL follows them."""
    settings = {"waf": True, "waf_rate_limit": 1234, "waf_write_rate_limit": 56}
    _acl_id, regional = web_acl(synth_stage(**settings), "REGIONAL")
    check_rate_rules(regional, dataclasses.replace(STAGES["dev"], **settings), writes=True)


def test_the_api_acl_limits_bodies_as_the_api_does_and_runs_the_managed_groups(prod_template):
    _acl_id, acl = web_acl(prod_template, "REGIONAL")
    limit = rule_ending(acl, "-body-size")
    too_large, not_admin = limit["Statement"]["AndStatement"]["Statements"]
    size = too_large["SizeConstraintStatement"]
    assert (size["ComparisonOperator"], size["Size"]) == ("GT", MAX_BODY_BYTES)
    assert size["FieldToMatch"]["Body"]["OversizeHandling"] == "MATCH"
    # WAF sees the whole of any body under the limit.
    inspected = acl["AssociationConfig"]["RequestBody"]["API_GATEWAY"]
    assert int(inspected["DefaultSizeInspectionLimit"].removeprefix("KB_")) * 1024 >= MAX_BODY_BYTES
    assert "/admin/" in not_admin["NotStatement"]["Statement"]["RegexMatchStatement"]["RegexString"]
    response = limit["Action"]["Block"]["CustomResponse"]
    assert response["ResponseCode"] == REFUSALS[response["CustomResponseBodyKey"]].status == 413
    groups = {
        rule["Statement"]["ManagedRuleGroupStatement"]["Name"]: rule["Statement"]
        for rule in acl["Rules"]
        if "ManagedRuleGroupStatement" in rule["Statement"]
    }
    assert list(groups) == list(MANAGED_RULE_GROUPS)
    # The common set's own 8 KB body limit would refuse posts and language bundles: it counts.
    overrides = groups["AWSManagedRulesCommonRuleSet"]["ManagedRuleGroupStatement"]
    assert overrides["RuleActionOverrides"] == [
        {"Name": "SizeRestrictions_BODY", "ActionToUse": {"Count": {}}}
    ]


def test_both_acls_log_what_they_block_for_the_stages_retention(prod_template, edge_templates):
    for template, acl_id in (
        (prod_template, web_acl(prod_template, "REGIONAL")[0]),
        cloudfront_acl(prod_template, edge_templates)[:2],
    ):
        resources = template.to_json()["Resources"]
        (logging,) = template.find_resources(
            "AWS::WAFv2::LoggingConfiguration",
            {"Properties": {"ResourceArn": {"Fn::GetAtt": [acl_id, "Arn"]}}},
        ).values()
        destination = json.dumps(logging["Properties"]["LogDestinationConfigs"])
        (group,) = [
            group["Properties"]
            for group_id, group in resources.items()
            if group["Type"] == "AWS::Logs::LogGroup" and group_id in destination
        ]
        assert group["LogGroupName"].startswith("aws-waf-logs-")
        assert group["RetentionInDays"] == 365  # prod's ONE_YEAR
        kept = logging["Properties"]["LoggingFilter"]["Filters"][0]["Conditions"]
        assert [c["ActionCondition"]["Action"] for c in kept] == ["BLOCK", "COUNT"]


def test_a_spike_of_blocked_requests_raises_an_alarm(prod_template):
    _acl_id, acl = web_acl(prod_template, "REGIONAL")
    (alarm,) = prod_template.find_resources(
        "AWS::CloudWatch::Alarm", {"Properties": {"MetricName": "BlockedRequests"}}
    ).values()
    props = alarm["Properties"]
    assert props["Namespace"] == "AWS/WAFV2" and props["Threshold"] == BLOCKED_PER_MINUTE
    dimensions = {d["Name"]: d["Value"] for d in props["Dimensions"]}
    assert dimensions == {"WebACL": acl["Name"], "Rule": "ALL", "Region": PROJECT.region}
    (topic,) = prod_template.find_resources("AWS::SNS::Topic")
    assert props["AlarmActions"] == [{"Ref": topic}]
