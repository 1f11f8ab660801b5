"""`make seed` on `make dev`: the data set from local/seed/, made through the API, and a second
run that changes nothing."""

import json
import subprocess
import sys

import httpx

from stacks import outputs as keys
from stacks.config import PROJECT, ROOT, TABLES

from local.seed import PROD_REFUSED, SEED


def run_seed(stack, *args: str) -> subprocess.CompletedProcess:
    command = [sys.executable, "-m", "local.seed", *args]
    return subprocess.run(command, cwd=ROOT, env=stack["env"], capture_output=True, text=True)  # noqa: S603


def snapshot(stack, aws) -> dict:
    """Every item of every table and every object of the files bucket (key and content tag)."""
    dynamodb, s3 = aws("dynamodb"), aws("s3")
    state = {}
    for name in TABLES:
        table = stack["values"][keys.TABLE_NAMES[name]]
        items = dynamodb.scan(TableName=table)["Items"]
        state[name] = sorted(json.dumps(item, sort_keys=True) for item in items)
    bucket = stack["values"][keys.FILES_BUCKET_NAME]
    listed = s3.list_objects_v2(Bucket=bucket).get("Contents", [])
    state["files"] = sorted((item["Key"], item["ETag"]) for item in listed)
    return state


def test_the_seed_fills_the_stack_through_the_api_and_a_second_run_changes_nothing(stack, aws):
    first = run_seed(stack)
    assert first.returncode == 0, first.stderr
    seeded = snapshot(stack, aws)
    again = run_seed(stack)
    assert again.returncode == 0, again.stderr
    assert "0 profiles changed, 0 posts and 0 pictures added" in again.stdout
    assert snapshot(stack, aws) == seeded

    people = json.loads((SEED / "users.json").read_text())["users"]
    users_table = stack["values"][keys.TABLE_NAMES["users"]]
    records = aws("dynamodb").scan(TableName=users_table)["Items"]
    by_name = {r["display_name"]["S"]: r for r in records if "display_name" in r}
    for person in people:  # both languages, each with a picture the API accepted as theirs
        record = by_name[person["display_name"]]
        assert record["lang"]["S"] == person["lang"]
        assert record["profile_image_key"]["S"].startswith("public/")
    assert {person["lang"] for person in people} == {"en", "ko"}

    if "posts" in TABLES:  # the board: published posts in public, the hidden one not
        posts = json.loads((SEED / "posts.json").read_text())["posts"]
        public = httpx.get(f"{stack['values'][keys.PUBLIC_API_URL]}posts", params={"limit": 50})
        titles = [post["title"] for post in public.json()["posts"]]
        for post in posts:
            assert (post["title"] in titles) != bool(post.get("hidden")), post["title"]
        with_pictures = [p for p in public.json()["posts"] if p["attachments"]]
        assert httpx.get(with_pictures[0]["attachments"][0]["url"]).status_code == 200

    administrator = json.loads((SEED / "users.json").read_text())["administrators"][0]
    pool = stack["values"][keys.ADMIN_USER_POOL_ID if PROJECT.admin_pool else keys.USER_POOL_ID]
    by_phone = PROJECT.login_id == "phone" and not PROJECT.admin_pool  # the admin pool: e-mail
    login = administrator["phone"] if by_phone else administrator["email"]
    groups = aws("cognito-idp").admin_list_groups_for_user(UserPoolId=pool, Username=login)
    assert "admin" in [group["GroupName"] for group in groups["Groups"]]


def test_prod_is_seeded_only_on_purpose(stack):
    refused = run_seed(stack, "prod")
    assert refused.returncode == 1 and refused.stderr.strip() == PROD_REFUSED
