"""Deployed stages by their stacks' tags (`project`, `stage`, and `preview` on a preview's, which
config.stage_config adds): `make deploy` refuses a preview beyond PREVIEW_LIMIT, `make destroy`
deletes a stage's stacks, and the scheduled workflow (.github/workflows/previews.yml) destroys
previews older than PREVIEW_MAX_DAYS.

    python -m stacks.previews list                 # the previews, oldest first
    python -m stacks.previews check pr-123         # exit 1 when pr-123 would pass the limit
    python -m stacks.previews destroy pr-123       # delete the stage's stacks and wait
    python -m stacks.previews expire               # destroy the previews older than the limit
    python -m stacks.previews urls pr-123          # a deployed stage's URLs, in Markdown
    python -m stacks.previews region               # the project's region, for CI
"""

import datetime
import sys
from collections.abc import Iterator
from typing import Any

from . import outputs as keys
from .client_config import deployed_outputs
from .config import CLOUDFRONT_REGION, PREVIEW_LIMIT, PREVIEW_MAX_DAYS, PROJECT, stage_config

# A deletion of CloudFront distributions and certificates takes a while: up to an hour.
DELETE_WAIT = {"Delay": 15, "MaxAttempts": 240}


def cloudformation(region: str) -> Any:
    import boto3

    return boto3.client("cloudformation", region_name=region)


def regions() -> list[str]:
    """Where a stage has stacks: its region, and us-east-1's for CloudFront (edge.py)."""
    return list(dict.fromkeys([PROJECT.region, CLOUDFRONT_REGION]))


def project_stacks(region: str) -> Iterator[dict[str, Any]]:
    """The project's stacks in a region (not deleted), with their tags as a dict."""
    for page in cloudformation(region).get_paginator("describe_stacks").paginate():
        for stack in page["Stacks"]:
            tags = {tag["Key"]: tag["Value"] for tag in stack.get("Tags", [])}
            if tags.get("project") == PROJECT.slug and "stage" in tags:
                yield stack | {"tags": tags}


def previews() -> dict[str, datetime.datetime]:
    """Each deployed preview's name and when its first stack was made, oldest first."""
    made: dict[str, datetime.datetime] = {}
    for region in regions():
        for stack in project_stacks(region):
            if stack["tags"].get("preview") == "true":
                name = stack["tags"]["stage"]
                made[name] = min(made.get(name, stack["CreationTime"]), stack["CreationTime"])
    return dict(sorted(made.items(), key=lambda item: item[1]))


def check(name: str) -> None:
    """`make deploy`'s first step: a stage's name (one sentence if not), and no new preview when
    PREVIEW_LIMIT of them exist (a redeploy is always fine)."""
    if not stage_config(name).tags.get("preview"):
        return
    existing = previews()
    if name not in existing and len(existing) >= PREVIEW_LIMIT:
        raise SystemExit(
            f"{len(existing)} previews exist ({', '.join(existing)}), the limit (PREVIEW_LIMIT "
            f"in infra/stacks/config.py): destroy one first (make destroy STAGE=…)."
        )


def destroy(name: str) -> list[str]:
    """Delete every stack of a stage that keeps nothing, the stage's own before its us-east-1
    stack (which it reads from); wait for each. Its buckets empty themselves (buckets.py).
    Returns the deleted stacks' names."""
    stage = stage_config(name)
    if stage.retain_data:
        raise SystemExit(
            f"The {name} stage retains its data (retain_data): delete its stacks in the AWS "
            "console if you mean it; make destroy removes stages that keep nothing."
        )
    found = [
        (region, stack["StackName"])
        for region in regions()
        for stack in project_stacks(region)
        if stack["tags"]["stage"] == name
    ]
    found.sort(key=lambda found: found[1].endswith("-edge"))
    if not found:
        print(f"The {name} stage has no stacks in {' or '.join(regions())}.")
    for region, stack_name in found:
        print(f"Deleting {stack_name} in {region} (its buckets empty themselves first)")
        client = cloudformation(region)
        client.delete_stack(StackName=stack_name)
        client.get_waiter("stack_delete_complete").wait(
            StackName=stack_name, WaiterConfig=DELETE_WAIT
        )
    return [stack_name for _region, stack_name in found]


def expired(now: datetime.datetime | None = None) -> list[str]:
    """The previews made more than PREVIEW_MAX_DAYS ago."""
    now = now or datetime.datetime.now(datetime.UTC)
    oldest = now - datetime.timedelta(days=PREVIEW_MAX_DAYS)
    return [name for name, made in previews().items() if made < oldest]


def urls(name: str) -> str:
    """A deployed stage's URLs (its outputs), a Markdown list: what the pull request's comment
    says."""
    values = deployed_outputs(f"{PROJECT.slug}-{stage_config(name).name}", PROJECT.region)
    labels = {
        keys.WEB_URL: "Web app",
        keys.API_URL: "API",
        keys.PUBLIC_API_URL: "Public API",
        keys.DASHBOARD_URL: "Dashboard",
    }
    return "\n".join(f"- {label}: {values[key]}" for key, label in labels.items() if key in values)


def main(argv: list[str]) -> None:
    command, names = argv[1], argv[2:]
    from botocore.exceptions import NoCredentialsError

    try:
        run(command, names)
    except ValueError as error:  # not a stage's name: one sentence
        raise SystemExit(str(error)) from None
    except NoCredentialsError:
        raise SystemExit(
            "No AWS credentials: sign in (`aws sso login`, or AWS_PROFILE=…) and run it again."
        ) from None


def run(command: str, names: list[str]) -> None:
    if command == "list":
        for name, made in previews().items():
            print(f"{name}\t{made:%Y-%m-%d %H:%M} UTC")
    elif command == "check":
        check(*names)
    elif command == "destroy":
        destroy(*names)
    elif command == "expire":
        for name in expired():
            destroy(name)
    elif command == "urls":
        print(urls(*names))
    elif command == "region":
        print(PROJECT.region)
    else:
        commands = "list, check, destroy, expire, urls or region"
        raise SystemExit(f"Unknown command {command!r}: {commands}.")


if __name__ == "__main__":
    main(sys.argv)
