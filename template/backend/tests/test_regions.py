"""Uploads and downloads in every region: S3 takes Signature Version 4 only (buckets made since
2020; local/aws/ refuses version 2 as S3 does), and a browser must reach the bucket's own
regional endpoint. botocore, left to itself, presigns version 2 in the regions that once took it.

TEST_REGIONS lists the regions to try (the template's suite passes every region its question
offers); by default, the project's own.
"""

import os
import uuid
from urllib.parse import quote

import boto3
import pytest
import requests
from botocore.config import Config

from api import aws as aws_clients
from api import storage
from api.settings import get_settings
from stacks.config import PROJECT

from samples import PNG

REGIONS = os.environ.get("TEST_REGIONS", PROJECT.region).split()


@pytest.fixture
def region_of(aws, monkeypatch):
    """Settings, clients and a files bucket of another region; returns the bucket's name."""

    def move(region: str) -> str:
        bucket = f"test-files-{region}"
        for name, value in {"APP_REGION": region, "AWS_DEFAULT_REGION": region}.items():
            monkeypatch.setenv(name, value)
        monkeypatch.setenv("APP_FILES_BUCKET", bucket)
        location = {} if region == "us-east-1" else {"LocationConstraint": region}
        boto3.client("s3", region_name=region).create_bucket(
            Bucket=bucket, CreateBucketConfiguration=location
        )
        get_settings.cache_clear()
        aws_clients.client.cache_clear()
        return bucket

    yield move
    get_settings.cache_clear()
    aws_clients.client.cache_clear()


@pytest.mark.parametrize("region", REGIONS)
def test_a_form_upload_and_a_presigned_download_work_in(region, region_of):
    region_of(region)
    key = storage.new_key("private", f"{region}:{uuid.uuid4()}", "uploads", "image/png")
    form = storage.presigned_post(key, "image/png")
    assert form["fields"]["x-amz-credential"].split("/")[2] == region  # version 4, this region
    posted = requests.post(
        form["url"], data=form["fields"], files={"file": ("a.png", PNG, "image/png")}, timeout=10
    )
    assert posted.status_code == 204, posted.text
    downloaded = requests.get(storage.file_url(key), timeout=10)
    assert downloaded.status_code == 200 and downloaded.content == PNG


@pytest.mark.parametrize("region", REGIONS)
def test_forms_and_links_name_the_buckets_regional_endpoint(region, region_of, monkeypatch):
    """What the deployed API hands a browser (no local endpoint): the bucket's own host, which
    the web app's Content-Security-Policy allows (stage.py), never a redirect."""
    bucket = region_of(region)
    monkeypatch.delenv("AWS_ENDPOINT_URL")
    aws_clients.client.cache_clear()
    key = f"private/{region}:{uuid.uuid4()}/uploads/a.png"
    host = (
        f"{bucket}.s3.amazonaws.com"
        if region == "us-east-1"
        else f"{bucket}.s3.{region}.amazonaws.com"
    )
    assert storage.presigned_post(key, "image/png")["url"] == f"https://{host}/"
    link = storage.file_url(key)
    assert link.startswith(f"https://{host}/{quote(key)}?X-Amz-Algorithm=AWS4-HMAC-SHA256")


def test_s3_refuses_signature_version_2_as_aws_does(aws):
    """The local S3 answers a version 2 form or link as S3 does, so a client that falls back to
    version 2 fails here first (https://docs.aws.amazon.com/AmazonS3/latest/API/specify-signature-version.html)."""
    version_2 = boto3.client("s3", config=Config(signature_version="s3"))
    key = "public/us-east-1:00000000-0000-4000-8000-000000000000/a.png"
    form = version_2.generate_presigned_post(aws.files_bucket, key)
    posted = requests.post(form["url"], data=form["fields"], files={"file": PNG}, timeout=10)
    link = version_2.generate_presigned_url(
        "get_object", Params={"Bucket": aws.files_bucket, "Key": key}
    )
    for refused in (posted, requests.get(link, timeout=10)):
        assert refused.status_code == 400
        assert "<Code>InvalidRequest</Code>" in refused.text and "AWS4-HMAC-SHA256" in refused.text
