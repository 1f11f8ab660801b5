"""S3 ObjectCreated events record every upload under its owner's identity (record_uploads)."""

import boto3
import pytest

from api import records
from api.triggers.post_confirmation import handler as post_confirmation
from api.triggers.uploads import handler

from local.events import cognito_event, s3_event
from samples import PROVIDER, id_token, user_claims

IDENTITY = "ap-northeast-2:0f1e2d3c-4b5a-4697-8877-665544332211"
OWNER = "5a6b7c8d-2222-4333-8444-955566667777"


@pytest.fixture
def owner(aws):
    """A confirmed user whose record holds their identity id, as the API stores it."""
    post_confirmation(cognito_event("PostConfirmation_ConfirmSignUp", {"sub": OWNER}), None)
    records.update_user(OWNER, {"identity_id": IDENTITY})
    return OWNER


def uploaded(aws, key: str, body: bytes = b"%PDF-1.7", content_type: str = "application/pdf"):
    """Put an object as a client would and deliver the event S3 sends for it."""
    boto3.client("s3").put_object(
        Bucket=aws.files_bucket, Key=key, Body=body, ContentType=content_type
    )
    handler(s3_event(aws.files_bucket, key, len(body)), None)


def objects(aws) -> set[str]:
    listed = boto3.client("s3").list_objects_v2(Bucket=aws.files_bucket)
    return {item["Key"] for item in listed.get("Contents", [])}


@pytest.mark.parametrize("level", ["public", "protected", "private"])
def test_an_upload_at_any_level_is_recorded_once_under_its_identity(owner, aws, level):
    key = f"{level}/{IDENTITY}/docs/report.pdf"
    uploaded(aws, key)
    record = records.get_file(IDENTITY, key)
    assert record is not None
    assert (record["content_type"], record["size"]) == ("application/pdf", 8)

    handler(s3_event(aws.files_bucket, key, 8), None)  # S3 delivers at least once
    assert records.list_files(IDENTITY) == [record]


def identity_of(aws, sub: str) -> str:
    """The identity pool's id for a user, as Amplify gets it (GetId with the id token)."""
    return boto3.client("cognito-identity").get_id(
        IdentityPoolId=aws.identity_pool_id, Logins={PROVIDER: id_token(user_claims(sub=sub))}
    )["IdentityId"]


def test_an_identity_that_never_called_the_api_owns_its_uploads(aws):
    """Amplify Storage uploads before the API ever learned the identity: the key proves it."""
    stranger = identity_of(aws, "99999999-0000-4000-8000-000000000000")
    uploaded(aws, f"protected/{stranger}/docs/x.pdf")
    assert [f["key"] for f in records.list_files(stranger)] == [f"protected/{stranger}/docs/x.pdf"]


@pytest.mark.parametrize("status", [records.DISABLED, records.DELETING])
def test_uploads_of_a_disabled_or_closing_account_are_removed_on_arrival(owner, aws, status):
    """Credentials issued before stay valid for up to an hour, and forms for minutes."""
    records.mark_user(owner, status)
    key = f"protected/{IDENTITY}/late.pdf"
    uploaded(aws, key)
    assert key not in objects(aws) and records.list_files(IDENTITY) == []


def test_uploads_of_a_deleted_account_are_removed_on_arrival(aws):
    """After DELETE /me the identity is gone from the pool (accounts.py), not its credentials."""
    gone = identity_of(aws, "88888888-0000-4000-8000-000000000000")
    boto3.client("cognito-identity").delete_identities(IdentityIdsToDelete=[gone])
    key = f"private/{gone}/late.pdf"
    uploaded(aws, key)
    assert key not in objects(aws) and records.list_files(gone) == []


@pytest.mark.parametrize(
    ("body", "content_type"),
    [
        (b"<script>alert(1)</script>", "text/html"),
        (b"x" * (10 * 1024 * 1024 + 1), "image/png"),
        (b"just some text", "image/png"),
    ],
    ids=["active content", "over the size limit", "text named a picture"],
)
def test_an_upload_that_breaks_the_rules_is_removed(owner, aws, body, content_type):
    """The role's credentials put any type and size; the form's rules apply all the same."""
    key = f"public/{IDENTITY}/uploads/evil.png"
    uploaded(aws, key, body, content_type)
    assert key not in objects(aws)
    assert records.list_files(IDENTITY) == []


@pytest.mark.parametrize(
    "name",
    ["내 사진 (1).png", "My photo.jpg", "(1).png", ".hidden", "_draft.png", "a+b=c&d%20e.pdf",
     "photos/2026/12/한글.png", "x" * 400 + ".pdf"],
)  # fmt: skip
def test_a_file_is_its_owners_whatever_its_name(owner, aws, name):
    """Amplify Storage keeps the user's own file name in the key: it is recorded as it is."""
    key = f"private/{IDENTITY}/{name}"
    uploaded(aws, key)
    (record,) = records.list_files(IDENTITY)
    assert (record["key"], record["name"]) == (key, name.rsplit("/", 1)[-1])


@pytest.mark.parametrize("name", ["tab\there.pdf", "del\x7f.pdf", "../up.pdf", "a/./b.pdf"])
def test_an_owned_upload_with_an_unsafe_name_is_removed(owner, aws, name, caplog):
    key = f"private/{IDENTITY}/{name}"
    uploaded(aws, key)
    assert key not in objects(aws) and records.list_files(IDENTITY) == []
    assert f"removed {key!r}: A key has no" in caplog.text


def test_keys_without_an_owner_are_not_recorded(owner, aws):
    uploaded(aws, "public/uploads/anyone.pdf")  # no identity in the key
    handler(s3_event(aws.files_bucket, f"private/{IDENTITY}/gone.pdf", 1), None)  # deleted since
    handler(s3_event(aws.files_bucket, "private/../etc/passwd", 1), None)  # not a valid key
    assert records.list_files(IDENTITY) == []
    assert not records.file_registered("public/uploads/anyone.pdf")
