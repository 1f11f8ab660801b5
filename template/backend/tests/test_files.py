"""Files API against S3 and DynamoDB on moto (with local/aws.py's checks, as S3 makes them):
upload form, register, list, delete, profile image, and what another user cannot do."""

import base64
import json

import boto3
import pytest
import requests

from api import records

from samples import JPEG, PNG, admin_claims, call, sign_up, upload, uploaded

LONG_KEY = "public/" + "a" * 1093  # 1,100 bytes: over DynamoDB's 1,024-byte sort key limit
STRANGER = "ap-northeast-2:99999999-0000-4000-8000-000000000000"  # someone else's identity


@pytest.fixture
def member(aws):
    return sign_up("8c1d2e3f-1111-4222-8333-944455556666", "ana@example.com")


@pytest.fixture
def other(aws):
    return sign_up("9d2e3f4a-2222-4333-8444-a55566667777", "bo@example.com")


def identity_of(claims) -> str:
    """The caller's identity id, as the API learns it (from Cognito, on first use)."""
    assert call("GET", "/files", claims)[0] == 200
    return records.get_user(claims["sub"])["identity_id"]


def test_upload_form_limits_key_type_and_size(member, aws):
    status, form = call("POST", "/files/upload-url", member, {"content_type": "image/png"})
    assert status == 200
    assert form["key"].startswith(f"private/{identity_of(member)}/uploads/")  # yours alone
    policy = json.loads(base64.b64decode(form["fields"]["policy"]))
    conditions = policy["conditions"]
    assert {"bucket": aws.files_bucket} in conditions
    assert {"key": form["key"]} in conditions
    assert {"Content-Type": "image/png"} in conditions
    assert ["content-length-range", 1, aws.max_upload_bytes] in conditions


@pytest.mark.parametrize("level", ["public", "protected", "private"])
def test_every_upload_key_names_its_owner(member, level):
    body = {"content_type": "image/png", "level": level}
    _status, form = call("POST", "/files/upload-url", member, body)
    assert form["key"].startswith(f"{level}/{identity_of(member)}/uploads/")


@pytest.mark.parametrize(
    ("data", "changed_fields", "error"),
    [
        (b"x" * (10 * 1024 * 1024 + 1), {}, "EntityTooLarge"),
        (b"<script>alert(1)</script>", {"Content-Type": "text/html"}, "AccessDenied"),
        (b"x", {"x-amz-meta-owner": "someone"}, "AccessDenied"),  # a field the form lacks
    ],
    ids=["11 MB through a 10 MB form", "another content type", "an extra field"],
)
def test_s3_refuses_an_upload_the_form_does_not_allow(member, aws, data, changed_fields, error):
    _status, form = call("POST", "/files/upload-url", member, {"content_type": "image/png"})
    form["fields"] |= changed_fields
    refused = upload(form, data, "image/png")
    assert refused.status_code in (400, 403)
    assert f"<Code>{error}</Code>" in refused.text
    assert "Contents" not in boto3.client("s3").list_objects_v2(Bucket=aws.files_bucket)
    assert call("POST", "/files", member, {"key": form["key"]})[0] == 404


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"content_type": "application/x-msdownload"}, "body.content_type"),
        ({"content_type": "image/png", "folder": "../x"}, "body.folder"),
        ({"content_type": "image/png", "level": "secret"}, "body.level"),
        ({"content_type": "image/png", "key": "public/mine.png"}, "body.key"),
    ],
)
def test_bad_upload_requests_get_422(member, body, field):
    status, answer = call("POST", "/files/upload-url", member, body)
    assert (status, answer["code"]) == (422, "validation_failed")
    assert [error["field"] for error in answer["errors"]] == [field]


def test_upload_register_list_delete(member, aws):
    key = uploaded(member)
    status, registered = call("POST", "/files", member, {"key": key})  # repeat: same record
    assert status == 201
    assert (registered["size"], registered["content_type"]) == (len(PNG), "image/png")

    status, listed = call("GET", "/files", member)
    assert status == 200
    assert [f["key"] for f in listed] == [key]
    assert requests.get(listed[0]["url"], timeout=10).content == PNG

    assert call("DELETE", f"/files/{key}", member)[0] == 204
    assert call("GET", "/files", member)[1] == []
    assert "Contents" not in boto3.client("s3").list_objects_v2(Bucket=aws.files_bucket)
    assert call("DELETE", f"/files/{key}", member)[0] == 404


def test_a_file_that_is_not_what_its_type_says_is_refused_and_removed(member, aws):
    """The form fixes the type S3 records, not what the bytes are."""
    _status, form = call("POST", "/files/upload-url", member, {"content_type": "image/png"})
    assert upload(form, b"just some text", "image/png").status_code == 204
    status, answer = call("POST", "/files", member, {"key": form["key"]})
    assert (status, answer["code"]) == (422, "upload_refused")
    assert "not what image/png files hold" in answer["message"]
    assert "Contents" not in boto3.client("s3").list_objects_v2(Bucket=aws.files_bucket)


def test_the_name_a_user_gave_travels_with_the_upload_and_the_key_stays_safe(member, aws):
    name = "내 사진 (1).png"
    key = uploaded(member, name=name)
    assert key.startswith(f"private/{identity_of(member)}/uploads/") and name not in key
    (listed,) = call("GET", "/files", member)[1]
    assert (listed["name"], listed["level"]) == (name, "private")


@pytest.mark.parametrize("name", ["", "a\nb.png", "x" * 256])
def test_a_name_with_no_place_in_a_list_is_refused(member, aws, name):
    body = {"content_type": "image/png", "name": name}
    status, answer = call("POST", "/files/upload-url", member, body)
    assert status == 422 and [e["field"] for e in answer["errors"]] == ["body.name"], answer


def test_the_form_carries_the_name_it_was_signed_for(member, aws):
    body = {"content_type": "image/png", "name": "mine.png"}
    _status, form = call("POST", "/files/upload-url", member, body)
    form["fields"]["x-amz-meta-name"] = "theirs.png"
    assert upload(form, PNG, "image/png").status_code == 403


def test_another_user_can_neither_register_nor_delete_my_files(member, other, aws):
    mine = uploaded(member, level="public")
    # Even with metadata claiming to be the other user: ownership comes from the key only.
    s3 = boto3.client("s3")
    s3.copy_object(
        Bucket=aws.files_bucket,
        Key=mine,
        CopySource={"Bucket": aws.files_bucket, "Key": mine},
        Metadata={"owner": other["sub"]},
        MetadataDirective="REPLACE",
        ContentType="image/png",
    )
    status, answer = call("POST", "/files", other, {"key": mine})
    assert (status, answer) == (
        403,
        {"code": "key_not_yours", "message": "The key is under another user's prefix"},
    )
    assert call("DELETE", f"/files/{mine}", other)[0] == 404
    assert records.get_file(identity_of(member), mine) is not None
    assert s3.head_object(Bucket=aws.files_bucket, Key=mine)["ContentLength"] == len(PNG)
    assert call("GET", "/files", other)[1] == []


def test_registering_an_object_that_breaks_the_rules_is_refused(member, aws):
    """Uploaded with the identity pool's credentials, which no form limits."""
    key = f"public/{identity_of(member)}/page.html"
    boto3.client("s3").put_object(
        Bucket=aws.files_bucket, Key=key, Body=b"<script>", ContentType="text/html"
    )
    status, answer = call("POST", "/files", member, {"key": key})
    assert (status, answer["code"]) == (422, "upload_refused")
    assert "is not accepted" in answer["message"]
    assert records.get_file(identity_of(member), key) is None


@pytest.mark.parametrize(
    ("key", "status", "code"),
    [
        ("public/../private/x", 422, "validation_failed"),
        ("/public/a.png", 422, "validation_failed"),
        ("public/uploads/no-owner.png", 422, "validation_failed"),
        (f"private/{STRANGER}/x.pdf", 403, "key_not_yours"),
    ],
)
def test_keys_that_are_not_yours_or_not_keys_are_refused(member, aws, key, status, code):
    answer = call("POST", "/files", member, {"key": key})
    assert (answer[0], answer[1]["code"]) == (status, code), answer
    assert answer[1]["message"]
    assert call("GET", "/files", member)[1] == []


def test_an_overlong_key_is_refused_with_a_reason_on_every_route(member, aws):
    assert len(LONG_KEY.encode()) == 1100
    for method, path, body in [
        ("POST", "/files", {"key": LONG_KEY}),
        ("DELETE", f"/files/{LONG_KEY}", None),
        ("PATCH", "/me", {"profile_image_key": LONG_KEY}),
    ]:
        status, answer = call(method, path, member, body)
        assert status == 422, (method, path, answer)
        assert "1 to 1024 bytes (UTF-8), not 1100" in json.dumps(answer), (method, path)


def test_profile_image_is_a_key_returned_as_a_url(member, aws):
    key = uploaded(member, "image/jpeg", JPEG, level="public", folder="profile")

    status, profile = call("PATCH", "/me", member, {"profile_image_key": key})
    assert status == 200
    assert profile["profile_image_url"] == f"https://cdn.example.com/{key}"
    assert records.get_user(member["sub"])["profile_image_key"] == key  # the key, no domain

    for refused in (f"public/{identity_of(member)}/x/none.png", f"public/{STRANGER}/x/a.png"):
        status, answer = call("PATCH", "/me", member, {"profile_image_key": refused})
        assert (status, answer["code"]) == (422, "profile_image_not_yours")
        assert "public file of yours" in answer["message"]


def test_an_administrator_removes_any_file_saying_why(member, aws):
    from api.settings import get_settings

    key = uploaded(member, level="public")
    admin = admin_claims(get_settings())
    body = {"reason": "Reported as someone else's photo"}
    assert call("DELETE", f"/admin/files/{key}", member, body)[0] == 403  # not an administrator
    assert call("DELETE", f"/admin/files/{key}", admin, {})[0] == 422  # no reason given
    assert call("DELETE", f"/admin/files/{key}", admin, body)[0] == 204
    assert call("GET", "/files", member)[1] == []
    assert "Contents" not in boto3.client("s3").list_objects_v2(Bucket=aws.files_bucket)
    (removal,) = boto3.client("dynamodb").scan(TableName=aws.files_table)["Items"]
    assert (removal["removed_by"]["S"], removal["reason"]["S"]) == (admin["sub"], body["reason"])
    status, answer = call("DELETE", f"/admin/files/{key}", admin, body)
    assert (status, answer["code"]) == (404, "file_not_found")
