"""The caller, as API Gateway's Cognito authorizer verified it.

API Gateway checks the token before the Lambda runs and hands the verified claims over in
`requestContext.authorizer.claims`; Mangum exposes that event as `scope["aws.event"]`.
The backend never verifies tokens itself.
"""

import re
from dataclasses import dataclass
from typing import Annotated, Any

from fastapi import Depends, Request

from .errors import ApiError, ErrorCode


@dataclass(frozen=True)
class CurrentUser:
    sub: str
    username: str
    email: str | None
    phone_number: str | None
    groups: tuple[str, ...]
    claims: dict[str, Any]


def parse_groups(value: Any) -> tuple[str, ...]:
    """`cognito:groups` arrives as a list, "a,b" or "[a b]" depending on the API flavour."""
    if not value:
        return ()
    if isinstance(value, list | tuple):
        return tuple(str(group) for group in value)
    return tuple(group for group in re.split(r"[\s,]+", str(value).strip("[]")) if group)


def claims_from_event(event: dict[str, Any] | None) -> dict[str, Any] | None:
    authorizer = ((event or {}).get("requestContext") or {}).get("authorizer") or {}
    claims = authorizer.get("claims")
    return claims if isinstance(claims, dict) and claims.get("sub") else None


def get_current_user(request: Request) -> CurrentUser:
    claims = claims_from_event(request.scope.get("aws.event"))
    if claims is None:
        # Only reachable if a route was wired without the gateway's authorizer.
        raise ApiError(ErrorCode.UNAUTHORIZED, "Not authenticated")
    return CurrentUser(
        sub=claims["sub"],
        username=claims.get("cognito:username") or claims["sub"],
        email=claims.get("email"),
        phone_number=claims.get("phone_number"),
        groups=parse_groups(claims.get("cognito:groups")),
        claims=claims,
    )


CurrentUserDep = Annotated[CurrentUser, Depends(get_current_user)]

# Cognito groups that administer the product: in the admin pool when there is one, else in the
# user pool (infra config.ADMIN_GROUPS creates the same).
ADMIN_GROUPS = frozenset({"admin", "root"})


def require_admin(user: CurrentUserDep) -> CurrentUser:
    """The caller, if an administrator: of the admin pool (which the gateway already required
    for /admin/*: defence in depth), else of the user pool; 403 otherwise."""
    from .settings import get_settings

    settings = get_settings()
    issuer = str(user.claims.get("iss", ""))
    if settings.admin_pool and not (
        settings.admin_user_pool_id and issuer.endswith(f"/{settings.admin_user_pool_id}")
    ):
        raise ApiError(ErrorCode.ADMIN_POOL_REQUIRED, "Admin routes need an admin-pool token")
    if not ADMIN_GROUPS.intersection(user.groups):
        groups = ", ".join(sorted(ADMIN_GROUPS))
        raise ApiError(ErrorCode.ADMIN_GROUP_REQUIRED, f"Needs one of the groups: {groups}")
    return user


AdminDep = Annotated[CurrentUser, Depends(require_admin)]


def identity_id_of(user: CurrentUser, request: Request) -> str | None:
    """The caller's identity pool id (the `<identity id>` of protected/private keys), or None
    without a user record. Asked of Cognito once with the caller's own id token, then kept on
    the record, where S3 upload events and account deletion find it."""
    from . import db
    from .aws import client
    from .settings import get_settings

    record = db.get_user(user.sub)
    if record is None:
        return None
    if record.get("identity_id"):
        return record["identity_id"]
    token = request.headers.get("authorization", "").removeprefix("Bearer ").strip()
    provider = str(user.claims["iss"]).removeprefix("https://")  # the pool the gateway trusted
    identity_id = client("cognito-identity").get_id(
        IdentityPoolId=get_settings().identity_pool_id, Logins={provider: token}
    )["IdentityId"]
    db.update_user(user.sub, {"identity_id": identity_id}, status=record["status"])
    return identity_id


def no_profile() -> ApiError:
    return ApiError(ErrorCode.PROFILE_NOT_FOUND, "No profile: the sign-up is not confirmed")


def get_identity_id(user: CurrentUserDep, request: Request) -> str:
    identity_id = identity_id_of(user, request)
    if identity_id is None:
        raise no_profile()
    return identity_id


IdentityIdDep = Annotated[str, Depends(get_identity_id)]
