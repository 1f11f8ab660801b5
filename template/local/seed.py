"""`make seed [STAGE=dev]`: a small, realistic data set from local/seed/, on the running `make dev`
(STAGE=local, the default) or a deployed stage: users in Korean and English with profile
pictures, board posts with pictures and a hidden one, and an administrator.

Nothing is written to a table or bucket directly: users are made as an operator makes them
(`make user`: AdminCreateUser, as on AWS), and everything else goes through the API with their
real tokens (uploads through its presigned forms), so a seed holds only what the API could
have made. Idempotent: a second run finds what the first made and changes nothing.
"""

import argparse
import json
from pathlib import Path
from typing import Any

import httpx

from stacks import outputs as keys
from stacks.config import LOCAL_STAGE, PROJECT

from .users import create_user

SEED = Path(__file__).with_name("seed")
PROD_REFUSED = "prod holds real people's data: seed it only on purpose, with CONFIRM_PROD=1."


class Api:
    """The API as a client sees it: its address and a person's id token."""

    def __init__(self, url: str, token: str) -> None:
        self.client = httpx.Client(base_url=url, headers={"Authorization": token}, timeout=30)

    def call(self, method: str, path: str, **kwargs: Any) -> Any:
        answer = self.client.request(method, path, **kwargs)
        if answer.is_error:
            raise SystemExit(f"{method} {path}: {answer.status_code} {answer.text}")
        return answer.json() if answer.content else None

    def upload(self, picture: str, folder: str) -> str:
        """A public picture uploaded as the web app uploads one (files.py's presigned form),
        recorded in GET /files; its key."""
        form = self.call(
            "POST",
            "/files/upload-url",
            json={"content_type": "image/png", "level": "public", "folder": folder},
        )
        body = (SEED / picture).read_bytes()
        sent = httpx.post(
            form["url"], data=form["fields"], files={"file": (picture, body, "image/png")}
        )
        sent.raise_for_status()
        self.call("POST", "/files", json={"key": form["key"]})
        return form["key"]


def seed(values: dict[str, str], endpoint: str | None) -> dict[str, int]:
    """Seed the stage whose resources `values` names (`endpoint`: the local stack's moto, or
    None for AWS); how many profiles it changed, posts it made and pictures it uploaded."""
    data = json.loads((SEED / "users.json").read_text())
    password, url = data["password"], values[keys.API_URL]
    made = {"profiles": 0, "posts": 0, "uploads": 0}
    people: dict[str, tuple[Api, str]] = {}  # by e-mail: their API client and user id
    for person in data["users"]:
        user = create_user(endpoint, values, password=password, **logins(person))
        api = Api(url, user["id_token"])
        profile = api.call("GET", "/me")  # made on a user's first call
        changes = {
            field: person[field]
            for field in ("display_name", "lang")
            if profile.get(field) != person[field]
        }
        if not profile.get("profile_image_url"):
            changes["profile_image_key"] = api.upload(person["picture"], "profile")
            made["uploads"] += 1
        if changes:
            api.call("PATCH", "/me", json=changes)
            made["profiles"] += 1
        people[person["email"]] = (api, user["sub"])
    administrators = [
        Api(
            url,
            create_user(endpoint, values, password=password, admin=True, **logins(who))["id_token"],
        )
        for who in data["administrators"]
    ]
    posts_file = SEED / "posts.json"
    if posts_file.exists():  # with the board
        made["posts"], uploads = seed_posts(
            json.loads(posts_file.read_text())["posts"], people, administrators[0]
        )
        made["uploads"] += uploads
    return made


def logins(person: dict) -> dict[str, str | None]:
    """Their e-mail, and their phone where the user pool signs people in by phone."""
    return {
        "email": person["email"],
        "phone": person["phone"] if PROJECT.login_id == "phone" else None,
    }


def seed_posts(
    posts: list[dict], people: dict[str, tuple[Api, str]], moderator: Api
) -> tuple[int, int]:
    """The posts not there yet (an author's post of the same title is the same post), and
    hidden ones hidden by the moderator; how many posts and uploads it made."""
    existing = {
        (post["author_id"], post["title"]): post
        for status in ("published", "hidden")
        for post in pages(moderator, "/admin/posts", status=status)
    }
    made = uploads = 0
    for entry in posts:
        api, author_id = people[entry["author"]]
        post = existing.get((author_id, entry["title"]))
        if post is None:
            pictures = [api.upload(picture, "board") for picture in entry.get("pictures", [])]
            uploads += len(pictures)
            new = {"title": entry["title"], "body": entry["body"], "attachments": pictures}
            post = api.call("POST", "/posts", json=new)
            made += 1
        if entry.get("hidden") and post["status"] != "hidden":
            moderator.call("POST", f"/admin/posts/{post['id']}/hide")
    return made, uploads


def pages(api: Api, path: str, **params: str) -> list[dict]:
    """Every item of a paged listing (`posts` and `next_cursor`)."""
    items, cursor = [], None
    while True:
        page = api.call(
            "GET", path, params={**params, "limit": 50, **({"cursor": cursor} if cursor else {})}
        )
        items += page["posts"]
        cursor = page["next_cursor"]
        if not cursor:
            return items


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("stage", nargs="?", default=LOCAL_STAGE.name)
    parser.add_argument("--confirm-prod", action="store_true", help="seed prod, on purpose")
    args = parser.parse_args()
    if args.stage == "prod" and not args.confirm_prod:
        raise SystemExit(PROD_REFUSED)
    from stacks.client_config import stage_values

    _stage, values, endpoints = stage_values(args.stage)
    made = seed(values, endpoints and endpoints["user_pool"])
    print(
        f"Seeded {args.stage}: {made['profiles']} profiles changed, {made['posts']} posts and "
        f"{made['uploads']} pictures added (local/seed/; every seeded login's password: "
        f"{json.loads((SEED / 'users.json').read_text())['password']})."
    )


if __name__ == "__main__":
    main()
