"""A stage is a name: dev and prod have their settings, any other name (a preview per pull
request, pr-123) is dev's under that name with nothing retained (config.stage_config)."""

import dataclasses
import datetime
import json
import re

import boto3
import pytest
from aws_cdk.assertions import Template

from stacks import client_config, language_bundles, previews
from stacks import outputs as keys
from stacks.config import NAME_LIMIT, PROJECT, STAGES, stage_config

# Names that live inside another resource of the stack (a role's inline policy, a function's
# alias, an API's authorizer, a pool's group or provider), not in the account: they need not
# carry the stage.
INNER_NAMES = {
    ("AWS::IAM::Policy", "PolicyName"),
    ("AWS::Lambda::Alias", "Name"),
    ("AWS::ApiGateway::Authorizer", "Name"),
    ("AWS::ApiGatewayV2::Authorizer", "Name"),
    ("AWS::Cognito::UserPoolGroup", "GroupName"),
    ("AWS::Cognito::UserPoolIdentityProvider", "ProviderName"),
    ("AWS::Athena::NamedQuery", "Name"),  # a saved query of the stage's own workgroup
}
# The longest names AWS takes, of the names a stack gives (none of the others comes near).
NAME_LIMITS = {
    ("AWS::Lambda::Function", "FunctionName"): 64,
    ("AWS::Cognito::UserPoolDomain", "Domain"): 63,
    ("AWS::SQS::Queue", "QueueName"): 80,
    ("AWS::StepFunctions::StateMachine", "StateMachineName"): 80,
}


def own_names(template: dict) -> list[tuple[str, str, str]]:
    """(resource type, property, name) of every name a resource has in the account: its
    properties named `…Name` or `Name` (a hosted UI's: `Domain`), and those of its `…Config`
    block."""
    names = []
    for resource in template["Resources"].values():
        kind, properties = resource["Type"], resource.get("Properties", {})
        blocks = [properties] + [v for k, v in properties.items() if k.endswith("Config")]
        for block in blocks:
            for key, value in block.items() if isinstance(block, dict) else ():
                # MetricName: the AWS metric an alarm watches, not the alarm's name
                named = key.endswith("Name") and key != "MetricName" or key == "Name"
                named |= (kind, key) == ("AWS::Cognito::UserPoolDomain", "Domain")
                if named and isinstance(value, str) and (kind, key) not in INNER_NAMES:
                    names.append((kind, key, value))
    return names


def carries(name: str, stage: str) -> bool:
    """The stage's name is in `name`, in any spelling the CDK gives (dashes left out or made
    underscores)."""
    return re.sub("[^a-z0-9]", "", stage) in re.sub("[^a-z0-9]", "", name.lower())


def test_a_preview_is_dev_under_its_own_name_with_nothing_retained():
    preview = stage_config("pr-7")
    assert (preview.name, preview.retain_data, preview.alarm_email) == ("pr-7", False, None)
    assert preview.log_retention == STAGES["dev"].log_retention
    assert preview.throttle_rate == STAGES["dev"].throttle_rate
    assert preview.tags["preview"] == "true"
    assert not preview.api_logging_role  # dev's deploy set the account's
    assert stage_config("prod") is STAGES["prod"]


@pytest.mark.parametrize("name", ["local", "Pr-7", "pr_7", "pr--7", "pr-7-", "7pr", "p", "a" * 21])
def test_a_bad_stage_name_is_one_sentence(name):
    with pytest.raises(ValueError, match=r"is not a stage name: use dev, prod or a new stage"):
        stage_config(name)


def test_a_preview_domain_is_under_devs():
    dev = dataclasses.replace(
        STAGES["dev"],
        domain="dev.example.com",
        hosted_zone_id="Z123",
        hosted_zone_name="example.com",
    )
    preview = stage_config("pr-7", {**STAGES, "dev": dev})
    assert (preview.domain, preview.hosted_zone_id) == ("pr-7.dev.example.com", "Z123")


@pytest.mark.other_answers  # all-options has every resource the other answers have
def test_every_name_in_a_preview_stack_carries_its_stage(built_stack):
    with built_stack(stage="pr-7") as stack:
        assert stack.stack_name == f"{PROJECT.slug}-pr-7"
        template = Template.from_stack(stack).to_json()
    names = own_names(template)
    assert ("AWS::Lambda::Function", "FunctionName", f"{PROJECT.slug}-pr-7-api") in names
    assert [name for name in names if not carries(name[2], "pr-7")] == []
    kept = [
        logical_id
        for logical_id, resource in template["Resources"].items()
        if resource.get("DeletionPolicy", "Delete") != "Delete"
        or resource["Properties"].get("DeletionProtectionEnabled")
        or resource["Properties"].get("DeletionProtection") == "ACTIVE"
    ]
    assert kept == []  # make destroy removes everything
    resources = template["Resources"]
    buckets = {logical_id for logical_id, r in resources.items() if r["Type"] == "AWS::S3::Bucket"}
    emptied = {
        r["Properties"]["BucketName"]["Ref"]
        for r in resources.values()
        if r["Type"] == "Custom::S3AutoDeleteObjects"
    }
    assert buckets and emptied == buckets  # emptied first, so CloudFormation can delete them


@pytest.mark.other_answers
def test_names_fit_with_a_long_slug_and_a_long_pull_request_number(built_stack):
    """The longest slug and hosted UI prefix the questions take with a 9-digit PR number: our
    names keep the stage and what they are, the project's part gives way (the CDK shortens
    the names it makes itself keeping a hash of the whole)."""
    project = dataclasses.replace(
        PROJECT,
        slug="a" * 40,
        social_providers=("google",),
        auth_domain_prefix="b" * 56,
    )
    stage = "pr-123456789"
    with built_stack(project, stage=stage) as stack:
        assert len(stack.stack_name) <= 128
        names = own_names(Template.from_stack(stack).to_json())
    too_long = [
        (kind, key, name)
        for kind, key, name in names
        if len(name) > NAME_LIMITS.get((kind, key), 128)
    ]
    assert too_long == []
    shortened = f"{'a' * 36}-{stage}-custom-message"
    assert len(shortened) == NAME_LIMIT
    assert ("AWS::Lambda::Function", "FunctionName", shortened) in names


def test_a_deploy_publishes_the_shipped_language_bundles(moto_server, tmp_path, monkeypatch):
    """`make deploy`'s step after the CDK's: the bundles `make dev` publishes, into the deployed
    stage's bucket (its outputs), as PUT /admin/i18n/<lang> does."""
    from api.aws import client
    from api.settings import get_settings

    bucket = "shop-pr-7-files"
    location = {} if PROJECT.region == "us-east-1" else {"LocationConstraint": PROJECT.region}
    boto3.client("s3").create_bucket(Bucket=bucket, CreateBucketConfiguration=location)
    saved = tmp_path / "cdk-outputs.json"
    stack_outputs = {keys.REGION: PROJECT.region, keys.FILES_BUCKET_NAME: bucket}
    saved.write_text(json.dumps({f"{PROJECT.slug}-pr-7": stack_outputs}))
    monkeypatch.setattr(client_config, "CDK_OUTPUTS_FILE", saved)
    monkeypatch.setenv("APP_FILES_BUCKET", "test-files")  # restored afterwards
    get_settings.cache_clear()
    try:
        language_bundles.main(["language_bundles", "pr-7"])
    finally:
        get_settings.cache_clear()
    index = client("s3").get_object(Bucket=bucket, Key="public/i18n/index.json")
    shipped = sorted(path.stem for path in PROJECT.language_bundles.glob("*.json"))
    assert sorted(json.loads(index["Body"].read())) == shipped
    assert {"en", "ko"} <= set(shipped)


def deployed(name: str, region: str, **tags: str) -> None:
    template = {"Resources": {"Marker": {"Type": "AWS::SNS::Topic"}}}
    boto3.client("cloudformation", region_name=region).create_stack(
        StackName=name,
        TemplateBody=json.dumps(template),
        Tags=[{"Key": key, "Value": value} for key, value in tags.items()],
    )


def test_previews_are_found_limited_expired_and_destroyed_by_their_tags(moto_server, monkeypatch):
    slug = PROJECT.slug
    deployed(f"{slug}-pr-7", PROJECT.region, project=slug, stage="pr-7", preview="true")
    deployed(f"{slug}-pr-7-edge", "us-east-1", project=slug, stage="pr-7", preview="true")
    deployed(f"{slug}-dev", PROJECT.region, project=slug, stage="dev")
    deployed("other-pr-8", PROJECT.region, project="other", stage="pr-8", preview="true")
    assert list(previews.previews()) == ["pr-7"]

    monkeypatch.setattr(previews, "PREVIEW_LIMIT", 1)
    previews.check("pr-7")  # a redeploy
    previews.check("dev")
    with pytest.raises(SystemExit, match=r"^1 previews exist \(pr-7\), the limit"):
        previews.check("pr-8")

    later = datetime.datetime.now(datetime.UTC) + datetime.timedelta(days=previews.PREVIEW_MAX_DAYS)
    assert previews.expired() == []
    assert previews.expired(later + datetime.timedelta(minutes=1)) == ["pr-7"]

    with pytest.raises(SystemExit, match="The prod stage retains its data"):
        previews.destroy("prod")
    # The stage's own stack first: it reads the us-east-1 stack's exports.
    assert previews.destroy("pr-7") == [f"{slug}-pr-7", f"{slug}-pr-7-edge"]
    assert previews.previews() == {}
    assert [s["StackName"] for s in previews.project_stacks(PROJECT.region)] == [f"{slug}-dev"]
