"""User files end to end on `make dev`, by every path AWS offers a client: the identity pool's
credentials (as Amplify Storage uses them), the API's upload forms and routes, and the CDN.
local/aws/ gives moto what AWS enforces, so what is refused here is refused on AWS."""

import time

import boto3
import httpx
from botocore import UNSIGNED
from botocore.config import Config
from botocore.exceptions import ClientError

from stacks import outputs as keys
from stacks.config import PROJECT

from samples import PNG, STORAGE_ACCESS


def anonymous_s3(stack):
    """S3 without credentials: unsigned requests, as from anyone on the internet."""
    unsigned = Config(signature_version=UNSIGNED)
    return boto3.client(
        "s3", endpoint_url=stack["endpoint"], region_name=PROJECT.region, config=unsigned
    )


def attempt(stack, client, actor: str, action: str, key: str) -> bool:
    """Whether `actor` may do `action` on `key`; a refusal must be S3's AccessDenied."""
    bucket, level_prefix = stack["values"][keys.FILES_BUCKET_NAME], key.rsplit("/", 1)[0] + "/"
    if actor == "CDN":  # GET and HEAD only, as the distribution allows
        base = stack["values"][keys.FILES_BASE_URL]
        method = {"Get": "GET", "List": "GET", "Put": "PUT", "Delete": "DELETE"}[action]
        url = f"{base}/?prefix={level_prefix}" if action == "List" else f"{base}/{key}"
        body = b"x" if action == "Put" else None
        return httpx.request(method, url, content=body, timeout=30).is_success  # a busy CI
    try:
        if action == "Get":
            client.get_object(Bucket=bucket, Key=key)
        elif action == "Put":
            client.put_object(Bucket=bucket, Key=key, Body=PNG, ContentType="image/png")
        elif action == "Delete":
            client.delete_object(Bucket=bucket, Key=key)
        else:
            client.list_objects_v2(Bucket=bucket, Prefix=level_prefix)
    except ClientError as error:
        assert error.response["Error"]["Code"] == "AccessDenied", error
        return False
    return True


def test_each_actor_may_do_what_the_access_table_says(stack, make_user, amplify_session):
    owner_id, owner = amplify_session(make_user("files-owner@example.com"))
    _other_id, other = amplify_session(make_user("files-other@example.com"))
    clients = {"owner": owner, "other user": other, "anonymous": anonymous_s3(stack)}
    bucket = stack["values"][keys.FILES_BUCKET_NAME]
    allowed = {actor: dict.fromkeys(levels, "") for actor, levels in STORAGE_ACCESS.items()}
    for actor, levels in STORAGE_ACCESS.items():
        for level in levels:
            for action in ("Get", "Put", "Delete", "List"):
                key = f"{level}/{owner_id}/{actor.replace(' ', '-')}-{action}.png"
                owner.put_object(Bucket=bucket, Key=key, Body=PNG, ContentType="image/png")
                if attempt(stack, clients.get(actor), actor, action, key):
                    allowed[actor][level] = f"{allowed[actor][level]} {action}".strip()
    assert allowed == STORAGE_ACCESS


def test_another_user_cannot_take_my_files_through_the_api(stack, make_user):
    api, mine, theirs = (
        stack["api"],
        make_user("files-ana@example.com"),
        make_user("files-bo@example.com"),
    )
    body = {"content_type": "image/png", "level": "public"}
    form = httpx.post(f"{api}/files/upload-url", headers={"Authorization": mine}, json=body).json()
    sent = httpx.post(form["url"], data=form["fields"], files={"file": ("a.png", PNG)})
    assert sent.status_code == 204
    # Bo's own form, pointed at Ana's key: S3 holds it to the key it was signed for.
    forged = httpx.post(f"{api}/files/upload-url", headers={"Authorization": theirs}, json=body)
    fields = forged.json()["fields"] | {"key": form["key"]}
    sent = httpx.post(form["url"], data=fields, files={"file": ("a.png", b"theirs")})
    assert sent.status_code == 403 and "Policy Condition failed" in sent.text
    key = {"key": form["key"]}
    registered = httpx.post(f"{api}/files", headers={"Authorization": theirs}, json=key)
    assert registered.status_code == 403
    deleted = httpx.delete(f"{api}/files/{form['key']}", headers={"Authorization": theirs})
    assert deleted.status_code == 404
    served = httpx.get(f"{stack['values'][keys.FILES_BASE_URL]}/{form['key']}")
    assert served.content == PNG


def test_an_upload_that_never_called_the_api_is_recorded(stack, make_user, aws, amplify_session):
    """Amplify Storage's path: S3 invokes the upload recorder, which records the file under the
    key's identity; the API, asked later, finds the same identity and the file."""
    token = make_user("files-amplify@example.com")
    identity_id, s3 = amplify_session(token)
    key = f"protected/{identity_id}/photos/a.png"
    bucket = stack["values"][keys.FILES_BUCKET_NAME]
    s3.put_object(Bucket=bucket, Key=key, Body=PNG, ContentType="image/png")

    def recorded():
        items = aws("dynamodb").get_item(
            TableName=stack["values"][keys.FILES_TABLE_NAME],
            Key={"owner_id": {"S": identity_id}, "key": {"S": key}},
        )
        return "Item" in items

    deadline = time.monotonic() + 10
    while not recorded():
        assert time.monotonic() < deadline, "S3's event never reached the upload recorder"
        time.sleep(0.2)
    listed = httpx.get(f"{stack['api']}/files", headers={"Authorization": token}).json()
    assert [f["key"] for f in listed] == [key]


def test_what_a_deleted_accounts_credentials_still_upload_is_removed(
    stack, make_user, aws, amplify_session
):
    """Credentials issued before `DELETE /me` work for up to an hour, as STS's do; the identity
    they name is gone from the pool, so the upload recorder removes what they put."""
    token = make_user("files-leaving@example.com")
    identity_id, s3 = amplify_session(token)
    me = {"Authorization": token}
    assert httpx.get(f"{stack['api']}/files", headers=me).status_code == 200  # the API knows it
    assert httpx.delete(f"{stack['api']}/me", headers=me).status_code == 204
    key, bucket = f"private/{identity_id}/late.png", stack["values"][keys.FILES_BUCKET_NAME]
    s3.put_object(Bucket=bucket, Key=key, Body=PNG, ContentType="image/png")
    deadline = time.monotonic() + 10
    while key in {o["Key"] for o in aws("s3").list_objects_v2(Bucket=bucket).get("Contents", [])}:
        assert time.monotonic() < deadline, "the upload outlived its deleted account"
        time.sleep(0.2)


def test_s3_refuses_an_oversized_upload_through_the_form(stack, make_user):
    token = make_user("files-big@example.com")
    body = {"content_type": "text/plain"}
    form = httpx.post(
        f"{stack['api']}/files/upload-url", headers={"Authorization": token}, json=body
    )
    form = form.json()
    too_big = b"x" * (form["max_bytes"] + 1)
    sent = httpx.post(form["url"], data=form["fields"], files={"file": ("a.txt", too_big)})
    assert sent.status_code == 400 and "<Code>EntityTooLarge</Code>" in sent.text
    key = {"key": form["key"]}
    registered = httpx.post(f"{stack['api']}/files", headers={"Authorization": token}, json=key)
    assert registered.status_code == 404


def test_the_cdn_serves_public_files_as_data_never_as_pages(stack, make_user, amplify_session):
    identity_id, s3 = amplify_session(make_user("files-cdn@example.com"))
    bucket = stack["values"][keys.FILES_BUCKET_NAME]
    base = stack["values"][keys.FILES_BASE_URL]
    for name, content_type, data in (("a.png", "image/png", PNG), ("a.txt", "text/plain", b"t")):
        key = f"public/{identity_id}/{name}"
        s3.put_object(Bucket=bucket, Key=key, Body=data, ContentType=content_type)
        served = httpx.get(f"{base}/{key}")
        assert served.status_code == 200
        assert served.headers["x-content-type-options"] == "nosniff"
        assert "sandbox" in served.headers["content-security-policy"]
        inline = content_type == "image/png"
        assert ("content-disposition" not in served.headers) == inline, content_type
    s3.put_object(
        Bucket=bucket, Key=f"protected/{identity_id}/b.png", Body=PNG, ContentType="image/png"
    )
    assert httpx.get(f"{base}/protected/{identity_id}/b.png").status_code == 403
