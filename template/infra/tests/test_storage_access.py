"""Who may do what with user files, evaluated as AWS would from the synthesized policies.

moto enforces no IAM, so the identity pool role's policies and the files bucket's policy are
taken from the dev template and every request below is evaluated by a policy evaluator
(@cloud-copilot/iam-simulate, infra/tests/iam/simulate.mjs): owner, another signed-in user,
an anonymous caller and the CDN, for every access level and every action, against the table
written out in samples.STORAGE_ACCESS, independently of the code that builds the policies.
"""

import json

import pytest

from policies import (
    ACCOUNT,
    evaluate,
    function_role,
    identity_request,
    only,
    resolve,
    resource_arns,
    role_policies,
)
from samples import STORAGE_ACCESS as EXPECTED

BUCKET = "files-bucket"
DISTRIBUTION = "E2EXAMPLE0CDN"
OWNER = "ap-northeast-2:11111111-1111-4111-8111-111111111111"
OTHER = "ap-northeast-2:22222222-2222-4222-8222-222222222222"
# The session the identity pool's authenticated role gives a signed-in user.
ROLE_SESSION = f"arn:aws:sts::{ACCOUNT}:assumed-role/authenticated/CognitoIdentityCredentials"
ACTIONS = {"Get": "s3:GetObject", "Put": "s3:PutObject", "Delete": "s3:DeleteObject"}
ACTIONS["List"] = "s3:ListBucket"


@pytest.fixture(scope="module")
def policies(dev_template):
    """The authenticated role's policies and the files bucket's policy, with concrete ARNs."""
    resources = dev_template.to_json()["Resources"]
    attachment = resources[only(resources, "AWS::Cognito::IdentityPoolRoleAttachment")]
    role = attachment["Properties"]["Roles"]["authenticated"]["Fn::GetAtt"][0]
    bucket = only(resources, "AWS::S3::Bucket", "StorageFilesBucket")
    arns = resource_arns(resources)
    arns[bucket] = f"arn:aws:s3:::{BUCKET}"
    arns[only(resources, "AWS::CloudFront::Distribution", "StorageFilesCdn")] = DISTRIBUTION
    attached = role_policies(resources, role, arns)
    (bucket_policy,) = [
        resolve(r["Properties"]["PolicyDocument"], arns)
        for r in resources.values()
        if r["Type"] == "AWS::S3::BucketPolicy" and r["Properties"]["Bucket"] == {"Ref": bucket}
    ]
    assert attached, "the authenticated role has policies"
    return attached, bucket_policy


def simulation(
    policies, actor: str, level: str, action: str, secure: bool = True, tags: dict | None = None
) -> dict:
    role_policies, bucket_policy = policies
    key = f"{level}/{OWNER}/photos/a.png"
    context = {"aws:SecureTransport": str(secure).lower()}
    context |= {f"s3:ExistingObjectTag/{tag}": value for tag, value in (tags or {}).items()}
    resource = f"arn:aws:s3:::{BUCKET}/{key}"
    if action == "s3:ListBucket":
        resource, context["s3:prefix"] = f"arn:aws:s3:::{BUCKET}", f"{level}/{OWNER}/"
    identity_policies, principal = [], "anonymous"
    if actor in ("owner", "other user"):
        principal = ROLE_SESSION
        # IAM puts the caller's identity id where the policies name the variable.
        identity = OWNER if actor == "owner" else OTHER
        identity_policies = [
            {"name": f"role-{n}", "policy": json.loads(json.dumps(policy).replace(
                "${cognito-identity.amazonaws.com:sub}", identity))}
            for n, policy in enumerate(role_policies)
        ]  # fmt: skip
    elif actor == "CDN":
        principal = "cloudfront.amazonaws.com"
        context["aws:SourceArn"] = f"arn:aws:cloudfront::{ACCOUNT}:distribution/{DISTRIBUTION}"
    return {
        "identityPolicies": identity_policies,
        "serviceControlPolicies": [],
        "resourceControlPolicies": [],
        "resourcePolicy": bucket_policy,
        "additionalSettings": {"s3": {"blockPublicAccess": True}},
        "request": {
            "principal": principal,
            "action": action,
            "resource": {"resource": resource, "accountId": ACCOUNT},
            "contextVariables": context,
        },
    }


def test_every_actor_may_do_exactly_what_the_access_table_says(policies):
    cases = [
        (actor, level, name)
        for actor, levels in EXPECTED.items()
        for level in levels
        for name in ACTIONS
    ]
    decisions = evaluate([simulation(policies, a, lvl, ACTIONS[n]) for a, lvl, n in cases])
    allowed = {actor: {level: [] for level in levels} for actor, levels in EXPECTED.items()}
    for (actor, level, name), decision in zip(cases, decisions, strict=True):
        if decision == "Allowed":
            allowed[actor][level].append(name)
    assert {
        a: {lvl: " ".join(n) for lvl, n in levels.items()} for a, levels in allowed.items()
    } == (EXPECTED)


def test_a_taken_down_object_is_read_by_nobody(policies, config):
    """A moderator's takedown (backend storage.take_down): the bucket's policy refuses the CDN
    and every signed-in user, the owner included, while the tag is on."""
    tag, value = config.TAKEDOWN_TAG
    readers = [
        ("CDN", "public"),
        ("owner", "public"),
        ("other user", "public"),
        ("owner", "private"),
    ]
    for tags, expected in (({}, "Allowed"), ({tag: value}, "ExplicitlyDenied")):
        decisions = evaluate(
            [
                simulation(policies, actor, level, "s3:GetObject", tags=tags)
                for actor, level in readers
            ]
        )
        assert decisions == [expected] * len(readers), tags


def test_plain_http_is_refused_even_to_the_owner(policies):
    (decision,) = evaluate([simulation(policies, "owner", "public", "s3:GetObject", secure=False)])
    assert decision == "ExplicitlyDenied"


def test_account_deletion_removes_identities_and_recording_looks_them_up(dev_template, config):
    """The API removes a deleted user's identity (accounts.py) and may not look one up; the
    upload recorder asks the pool whether an upload's identity still exists and may not remove
    one. Neither reaches another pool."""
    resources = dev_template.to_json()["Resources"]
    arns = resource_arns(resources)
    pool = only(resources, "AWS::Cognito::IdentityPool")
    arns[pool] = "pool-1"  # what Ref gives (resolve keeps the part after the last colon)
    ours = f"arn:aws:cognito-identity:{config.PROJECT.region}:{ACCOUNT}:identitypool/pool-1"
    roles = {"API": function_role(resources, "ApiApiFunction")}
    roles["recorder"] = function_role(resources, "StorageUploadRecorder")
    cases = [
        (actor, action, pool_arn)
        for actor in roles
        for action in ("cognito-identity:DeleteIdentities", "cognito-identity:DescribeIdentity")
        for pool_arn in (ours, ours.replace("pool-1", "pool-2"))
    ]
    decisions = evaluate(
        [
            identity_request(  # these actions name no resource: the pool is a condition key
                role_policies(resources, roles[actor], arns),
                f"arn:aws:iam::{ACCOUNT}:role/{roles[actor]}",
                action,
                "*",
                {"cognito-identity:IdentityPoolArn": pool_arn},
            )
            for actor, action, pool_arn in cases
        ]
    )
    allowed = {
        case for case, decision in zip(cases, decisions, strict=True) if decision == "Allowed"
    }
    assert allowed == {
        ("API", "cognito-identity:DeleteIdentities", ours),
        ("recorder", "cognito-identity:DescribeIdentity", ours),
    }
