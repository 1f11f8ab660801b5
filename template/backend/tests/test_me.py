"""/me through the real Lambda handler: the profile, its allowed changes, account deletion."""

import json
import re

import boto3
import pytest

from api import accounts, records
from api.triggers.post_confirmation import handler as post_confirmation
from stacks.config import public_route

from local.events import cognito_event
from samples import call, user_claims


@pytest.fixture
def member(aws):
    """A confirmed user: in the Cognito pool, with the record the trigger wrote."""
    cognito = boto3.client("cognito-idp")
    created = cognito.admin_create_user(
        UserPoolId=aws.user_pool_id,
        Username="ana@example.com",
        UserAttributes=[{"Name": "email", "Value": "ana@example.com"}],
        MessageAction="SUPPRESS",
    )["User"]
    attributes = {a["Name"]: a["Value"] for a in created["Attributes"]}
    event = cognito_event("PostConfirmation_ConfirmSignUp", attributes, created["Username"])
    post_confirmation(event, None)
    return user_claims(sub=attributes["sub"], **{"cognito:username": created["Username"]})


def test_me_returns_the_database_profile(member):
    status, body = call("GET", "/me", member)
    assert status == 200
    assert body["id"] == member["sub"]
    assert body["email"] == "ana@example.com"
    assert body["lang"] == "en"


def operator_created(aws, meta: dict | None = None) -> dict:
    """A user an operator made (AdminCreateUser): Cognito runs no post-confirmation for them."""
    attributes = [{"Name": "email", "Value": "op@example.com"}]
    if meta is not None:
        attributes.append({"Name": "custom:signup_meta", "Value": json.dumps(meta)})
    created = boto3.client("cognito-idp").admin_create_user(
        UserPoolId=aws.user_pool_id,
        Username="op@example.com",
        UserAttributes=attributes,
        MessageAction="SUPPRESS",
    )["User"]
    claims = {a["Name"]: a["Value"] for a in created["Attributes"]}
    return user_claims(**claims, **{"cognito:username": created["Username"]})


def test_an_operator_created_user_gets_a_profile_on_the_first_request(aws):
    claims = operator_created(aws)
    assert records.get_user(claims["sub"]) is None  # no trigger ran
    status, body = call("GET", "/me", claims)
    assert status == 200
    assert (body["id"], body["email"], body["lang"]) == (claims["sub"], "op@example.com", "en")
    assert body["signup_type"] == "email"
    assert records.get_user(claims["sub"])["username"] == "op@example.com"
    assert call("GET", "/files", claims) == (200, [])


def test_the_first_request_keeps_the_record_it_finds(member):
    """The lazy path is the trigger's conditional put: it never overwrites a profile."""
    call("PATCH", "/me", member, {"display_name": "Ana", "lang": "ko"})
    again = {**member, "custom:signup_meta": json.dumps({"lang": "pt-BR"})}
    assert call("GET", "/me", again)[1]["lang"] == "ko"


@pytest.mark.parametrize(
    ("lang", "kept"), [("pt-BR", "pt-BR"), ("ko", "ko"), ("korean", "en"), ("x" * 10, "en")]
)
def test_sign_up_metadata_lang_follows_patch_mes_rule(aws, lang, kept):
    """One rule for both: what PATCH /me refuses, the sign-up metadata cannot set either."""
    claims = operator_created(aws, {"signup_type": "email", "lang": lang})
    assert call("GET", "/me", claims)[1]["lang"] == kept
    assert (call("PATCH", "/me", claims, {"lang": lang})[0] == 200) == (lang == kept)


def user_routes() -> list[tuple[str, str]]:
    """Every (method, path) of the app's OpenAPI document outside /admin, /jobs and the public
    routes (config.PUBLIC_ROUTES), with path parameters filled in."""
    from api.app import create_app

    routes = [
        (method.upper(), re.sub(r"\{[^}]+\}", "x", path))
        for path, methods in create_app().openapi()["paths"].items()
        if not path.startswith(("/admin", "/jobs"))
        for method in methods
    ]
    return [(method, path) for method, path in routes if public_route(method, path) is None]


def test_a_disabled_account_is_refused_by_every_user_route(member):
    """One check (auth.get_profile) that every user route depends on, before anything else."""
    records.mark_user(member["sub"], records.DISABLED)
    routes = user_routes()
    assert {("GET", "/me"), ("PATCH", "/me"), ("DELETE", "/me"), ("GET", "/files")} <= set(routes)
    for method, path in routes:
        status, answer = call(method, path, member, {})
        expected = {"code": "account_disabled", "message": "This account is disabled"}
        assert (status, answer) == (403, expected), (method, path)
    assert records.get_user(member["sub"])["status"] == records.DISABLED  # and nothing was changed


def test_patch_changes_allowed_fields(member):
    status, body = call("PATCH", "/me", member, {"display_name": "  Ana Kim ", "lang": "pt-BR"})
    assert status == 200
    assert (body["display_name"], body["lang"]) == ("Ana Kim", "pt-BR")
    assert records.get_user(member["sub"])["display_name"] == "Ana Kim"


@pytest.mark.parametrize(
    ("body", "code", "field", "reason"),
    [
        ({"email": "eve@example.com"}, "validation_failed", "body.email", "Extra inputs"),
        ({"display_name": "Ana", "status": "x"}, "validation_failed", "body.status", "Extra"),
        ({"display_name": ""}, "validation_failed", "body.display_name", "at least 1"),
        ({"display_name": "x" * 51}, "validation_failed", "body.display_name", "at most 50"),
        ({"lang": "korean"}, "validation_failed", "body.lang", "should match pattern"),
        ({}, "nothing_to_change", None, "Nothing to change"),
    ],
)
def test_bad_changes_get_422_with_a_reason_and_write_nothing(member, body, code, field, reason):
    before = records.get_user(member["sub"])
    status, answer = call("PATCH", "/me", member, body)
    assert (status, answer["code"]) == (422, code)
    assert reason in answer["message"]
    if field:  # validation errors name each field
        (error,) = answer["errors"]
        assert error["field"] == field and reason in error["message"]
    assert records.get_user(member["sub"]) == before


def test_delete_removes_login_record_own_files_and_identity(member, aws):
    assert call("GET", "/files", member)[0] == 200  # the API learns the identity id
    identity_id = records.get_user(member["sub"])["identity_id"]
    s3 = boto3.client("s3")
    own = [f"{level}/{identity_id}/a.txt" for level in ("public", "protected", "private")]
    kept = ["public/banner.png", f"private/{aws.region}:0f1e2d3c-aaaa-bbbb-cccc-00000000000f/c.txt"]
    for key in own + kept:
        s3.put_object(Bucket=aws.files_bucket, Key=key, Body=b"x")
    records.put_file(identity_id, {"key": own[0], "content_type": "text/plain", "size": 1})

    status, _ = call("DELETE", "/me", member)

    assert status == 204
    assert records.get_user(member["sub"]) is None
    assert records.list_files(identity_id) == []
    remaining = [o["Key"] for o in s3.list_objects_v2(Bucket=aws.files_bucket)["Contents"]]
    assert sorted(remaining) == sorted(kept)
    with pytest.raises(boto3.client("cognito-idp").exceptions.UserNotFoundException):
        boto3.client("cognito-idp").admin_get_user(
            UserPoolId=aws.user_pool_id, Username=member["cognito:username"]
        )
    # What the identity's credentials still upload for up to an hour is removed on arrival.
    identities = boto3.client("cognito-identity")
    with pytest.raises(identities.exceptions.ResourceNotFoundException):
        identities.describe_identity(IdentityId=identity_id)


def fail(*_args, **_kwargs):
    raise ConnectionError("unreachable")


@pytest.mark.parametrize("broken", ["deleting files", "deleting the login"])
def test_delete_that_fails_midway_is_finished_by_a_retry(member, aws, monkeypatch, broken):
    identity_id = f"{aws.region}:0f1e2d3c-aaaa-bbbb-cccc-000000000002"
    records.update_user(member["sub"], {"identity_id": identity_id})
    s3 = boto3.client("s3")
    s3.put_object(Bucket=aws.files_bucket, Key=f"private/{identity_id}/a.txt", Body=b"x")
    with monkeypatch.context() as outage:
        if broken == "deleting files":
            outage.setattr(accounts.storage, "delete_prefix", fail)
        else:
            outage.setattr(accounts, "client", fail)  # Cognito: the identity and the login
        assert call("DELETE", "/me", member)[0] == 500

    if broken == "deleting files":  # the profile is no longer served; files and login remain
        assert records.get_user(member["sub"])["status"] == "deleting"
        assert call("GET", "/me", member)[0] == 404
    else:  # files are gone; the identity, record and login remain: the user can call again
        assert records.get_user(member["sub"])["status"] == "deleting"
        assert "Contents" not in s3.list_objects_v2(Bucket=aws.files_bucket)
    cognito = boto3.client("cognito-idp")
    cognito.admin_get_user(UserPoolId=aws.user_pool_id, Username=member["cognito:username"])

    assert call("DELETE", "/me", member)[0] == 204
    assert records.get_user(member["sub"]) is None
    assert "Contents" not in s3.list_objects_v2(Bucket=aws.files_bucket)
    with pytest.raises(cognito.exceptions.UserNotFoundException):
        cognito.admin_get_user(UserPoolId=aws.user_pool_id, Username=member["cognito:username"])
    assert call("DELETE", "/me", member)[0] == 204  # and again: nothing left, still fine


def test_delete_asks_for_the_identity_the_api_never_stored(member, aws, monkeypatch):
    """Amplify may upload straight to S3 before any files route stored the identity id."""
    assert "identity_id" not in records.get_user(member["sub"])
    emptied = []
    monkeypatch.setattr(accounts.storage, "delete_prefix", emptied.append)
    assert call("DELETE", "/me", member)[0] == 204
    (identity_id,) = {prefix.split("/")[1] for prefix in emptied}
    assert re.fullmatch(r"[a-z0-9-]+:[0-9a-f-]{36}", identity_id)  # asked of Cognito
    assert sorted(emptied) == [
        f"{level}/{identity_id}/" for level in ("private", "protected", "public")
    ]
