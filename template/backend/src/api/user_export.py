"""The user pools' users and groups as JSON in the backups bucket (docs/backups.md): AWS cannot
back up a user pool. A daily schedule invokes `handler` on stages with backups (infra
backups.py); `make export-users` runs `export_users` with the operator's credentials."""

import json
from datetime import UTC, datetime
from typing import Any

from .aws import client
from .logs import logged
from .settings import get_settings

USERS_PREFIX = "cognito"  # the exports' keys: cognito/<users|admins>/<time>.json


@logged
def handler(_event: dict[str, Any], _context: Any) -> dict[str, list[str]]:
    settings = get_settings()
    pools = {"users": settings.user_pool_id}
    if settings.admin_user_pool_id:
        pools["admins"] = settings.admin_user_pool_id
    keys = export_users(
        client("cognito-idp"),
        client("s3"),
        pools=pools,
        bucket=settings.backups_bucket,
        now=datetime.now(UTC),
    )
    return {"written": keys}


def export_users(cognito, s3, *, pools: dict[str, str], bucket: str, now: datetime) -> list[str]:
    """Every user (attributes, status, whether enabled) and every group with its members, of
    each pool (by role: users, admins), as JSON in the backups bucket; the keys written.
    Passwords and second factors never leave Cognito: imported users reset their passwords."""
    written = []
    for role, pool_id in pools.items():
        users = [
            {
                "username": user["Username"],
                "attributes": {a["Name"]: a["Value"] for a in user.get("Attributes", [])},
                "enabled": user["Enabled"],
                "status": user["UserStatus"],
                "created": user["UserCreateDate"].isoformat(),
            }
            for page in cognito.get_paginator("list_users").paginate(UserPoolId=pool_id)
            for user in page["Users"]
        ]
        groups = {
            group["GroupName"]: sorted(
                member["Username"]
                for members in cognito.get_paginator("list_users_in_group").paginate(
                    UserPoolId=pool_id, GroupName=group["GroupName"]
                )
                for member in members["Users"]
            )
            for page in cognito.get_paginator("list_groups").paginate(UserPoolId=pool_id)
            for group in page["Groups"]
        }
        document = {"pool_id": pool_id, "exported": now.isoformat(), "users": users}
        document["groups"] = groups
        key = f"{USERS_PREFIX}/{role}/{now.strftime('%Y-%m-%dT%H-%M-%SZ')}.json"
        s3.put_object(
            Bucket=bucket,
            Key=key,
            Body=json.dumps(document, indent=2).encode(),
            ContentType="application/json",
        )
        written.append(key)
    return written
