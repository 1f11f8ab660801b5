"""Language bundles: administrators publish them (PUT /admin/i18n/{lang}); each version is a file
named by its content, and the index names the current one."""

import json

import boto3
import pytest

from api import i18n, records
from api.settings import get_settings
from api.triggers.uploads import handler as record_uploads

from local.events import s3_event
from samples import admin_claims, call, sign_up

STRINGS = {"common.save": "저장", "common.cancel": "취소"}


@pytest.fixture(params=["admin pool", "admin group"])
def admin(request, aws, monkeypatch):
    """An administrator: of the admin pool, or of the user pool's admin group without one."""
    monkeypatch.setenv("APP_ADMIN_POOL", "true" if request.param == "admin pool" else "false")
    get_settings.cache_clear()
    return admin_claims(get_settings())


def read(aws, key):
    found = boto3.client("s3").get_object(Bucket=aws.files_bucket, Key=key)
    return json.loads(found["Body"].read()), found["CacheControl"], found["ContentType"]


def test_a_bundle_is_published_under_its_content_hash_and_named_by_the_index(aws, admin):
    status, published = call("PUT", "/admin/i18n/ko", admin, STRINGS)
    assert status == 200
    key = published["key"]
    assert key.startswith("public/i18n/ko.") and key.endswith(".json")
    assert published["url"] == f"{aws.files_base_url}/{key}"
    assert read(aws, key) == (STRINGS, i18n.IMMUTABLE, i18n.CONTENT_TYPE)
    assert read(aws, i18n.INDEX_KEY) == (
        {"ko": key.removeprefix(i18n.PREFIX)},
        "no-cache",
        i18n.CONTENT_TYPE,
    )
    # The same strings are the same file; others a new one, and the index moves to it.
    assert call("PUT", "/admin/i18n/ko", admin, dict(reversed(STRINGS.items())))[1] == published
    changed = call("PUT", "/admin/i18n/ko", admin, {**STRINGS, "common.save": "저장하기"})[1]
    assert changed["key"] != key
    assert read(aws, i18n.INDEX_KEY)[0] == {"ko": changed["key"].removeprefix(i18n.PREFIX)}
    assert read(aws, key)[0] == STRINGS  # the old version stays for clients holding the old index


def test_a_publish_that_loses_the_race_for_the_index_tries_again(aws, monkeypatch):
    """Another publish writes the index between this one's read and write: the conditional write
    refuses the stale index, and the retry keeps both languages. (Deterministic: moto's
    If-Match check is not atomic under concurrent requests, S3's is.)"""
    i18n.publish("en", {"hello": "Hello"})
    read_index, raced = i18n.read_index, []

    def read_then_lose_the_race():
        found = read_index()
        if not raced:
            raced.append("ja")
            i18n.publish("ja", {"hello": "こんにちは"})
        return found

    monkeypatch.setattr(i18n, "read_index", read_then_lose_the_race)
    i18n.publish("ko", {"hello": "안녕하세요"})
    monkeypatch.undo()
    assert raced and sorted(i18n.read_index()[0]) == ["en", "ja", "ko"]


@pytest.mark.parametrize(
    ("lang", "body", "status", "code", "field"),
    [
        ("korean", STRINGS, 422, "validation_failed", "path.lang"),
        ("ko", ["저장"], 422, "validation_failed", "body"),
        ("ko", {"common.save": 1}, 422, "validation_failed", "body.common.save"),
        ("ko", {}, 422, "validation_failed", "body"),
        ("ko", {"common.save": "\ud800"}, 422, "validation_failed", "body.common.save"),
        ("ko", {"big": "x" * i18n.MAX_BUNDLE_BYTES}, 413, "bundle_too_large", None),
    ],
)
def test_bad_bundles_get_4xx_with_a_code_and_publish_nothing(
    aws, admin, lang, body, status, code, field
):
    got, answer = call("PUT", f"/admin/i18n/{lang}", admin, body)
    assert (got, answer["code"]) == (status, code), answer
    if field:
        assert [error["field"] for error in answer["errors"]] == [field]
    assert i18n.read_index() == ({}, None)


def test_only_administrators_publish(aws):
    member = sign_up("5f0c2a31-8d7e-4f5b-9c1a-2b3c4d5e6f70", "ana@example.com")
    for claims in (member, admin_claims(aws, groups="editors")):
        assert call("PUT", "/admin/i18n/ko", claims, STRINGS)[0] == 403
    assert i18n.read_index() == ({}, None)


def test_the_upload_recorder_leaves_bundles_alone(aws, admin, caplog):
    key = call("PUT", "/admin/i18n/en", admin, {"hello": "Hello"})[1]["key"]
    record_uploads(s3_event(aws.files_bucket, key, 20), None)
    assert not records.file_registered(key)
    assert read(aws, key)[0] == {"hello": "Hello"}
    assert "not recorded" not in caplog.text  # not even looked at as an upload
