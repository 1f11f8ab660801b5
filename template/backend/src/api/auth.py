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


def serve_record(
    record: dict[str, Any] | None, user: CurrentUser, *, deleting_allowed: bool = False
):
    """The record, or the ApiError saying why it is not served (profiles.ensure_served)."""
    from . import profiles

    try:
        profiles.ensure_served(record, user.claims, deleting_allowed=deleting_allowed)
    except profiles.NotServed as error:
        raise ApiError(ErrorCode(error.code), str(error)) from None
    return record


def profile_of(user: CurrentUser, *, deleting_allowed: bool = False) -> dict[str, Any] | None:
    """The caller's user record: created from Cognito's attributes on the first request of a
    user who has none yet (an operator-created user: Cognito runs no post-confirmation for
    them); refused when disabled, or being deleted unless `deleting_allowed`; None once the
    account is deleted.

    Here rather than in a pre-token-generation trigger: that Lambda would run on every sign-in
    and every token refresh (hourly per active user), adding a cold start to sign-in, while this
    costs one conditional put once per user beside the read every request makes anyway.

    The gateway keeps accepting a disabled user's id token until it expires (an hour): global
    sign-out revokes refresh and access tokens only, "other requests might be valid until your
    user's token expires" (https://docs.aws.amazon.com/cognito-user-identity-pools/latest/
    APIReference/API_AdminUserGlobalSignOut.html). This status check is what refuses them.
    """
    from . import profiles, records

    record = records.get_user(user.sub)
    if record is None:
        attributes = cognito_attributes(user.username)
        if attributes is None:  # deleted: the id token outlives the account by up to an hour
            return None
        records.create_user_if_absent(profiles.first_record(attributes, user.username))
        record = records.get_user(user.sub)
    return serve_record(record, user, deleting_allowed=deleting_allowed)


def cognito_attributes(username: str) -> dict[str, str] | None:
    """The user's attributes as Cognito holds them now, or None if the user is gone; a
    disabled login is refused (403). Asked only of a user without a record."""
    from .aws import client
    from .settings import get_settings

    cognito = client("cognito-idp")
    try:
        found = cognito.admin_get_user(UserPoolId=get_settings().user_pool_id, Username=username)
    except cognito.exceptions.UserNotFoundException:
        return None
    if not found["Enabled"]:
        raise ApiError(ErrorCode.ACCOUNT_DISABLED, "This account is disabled")
    return {attribute["Name"]: attribute["Value"] for attribute in found["UserAttributes"]}


def get_profile(user: CurrentUserDep) -> dict[str, Any]:
    """What every user route depends on: the caller's active record (profile_of)."""
    record = profile_of(user)
    if record is None:
        raise ApiError(ErrorCode.PROFILE_NOT_FOUND, "No profile: the account was deleted")
    return record


ProfileDep = Annotated[dict[str, Any], Depends(get_profile)]


def get_closing_profile(user: CurrentUserDep) -> dict[str, Any] | None:
    """The caller's record for deleting the account: one being deleted too, so a retry
    finishes it; never a disabled one; None when there is nothing left to delete."""
    return profile_of(user, deleting_allowed=True)


ClosingProfileDep = Annotated[dict[str, Any] | None, Depends(get_closing_profile)]


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
    if not settings.admin_pool:  # administrators are users then, and can be disabled
        get_profile(user)
    return user


AdminDep = Annotated[CurrentUser, Depends(require_admin)]


def identity_id_of(
    user: CurrentUser, record: dict[str, Any] | None, request: Request
) -> str | None:
    """The caller's identity pool id (the `<identity id>` of protected/private keys), or None
    without a user record. Asked of Cognito once with the caller's own id token, then kept on
    the record, where S3 upload events and account deletion find it."""
    from . import records
    from .aws import client
    from .settings import get_settings

    if record is None:
        return None
    if record.get("identity_id"):
        return record["identity_id"]
    token = request.headers.get("authorization", "").removeprefix("Bearer ").strip()
    provider = str(user.claims["iss"]).removeprefix("https://")  # the pool the gateway trusted
    identity_id = client("cognito-identity").get_id(
        IdentityPoolId=get_settings().identity_pool_id, Logins={provider: token}
    )["IdentityId"]
    records.update_user(user.sub, {"identity_id": identity_id}, status=record["status"])
    return identity_id


def get_identity_id(user: CurrentUserDep, profile: ProfileDep, request: Request) -> str:
    return identity_id_of(user, profile, request)


IdentityIdDep = Annotated[str, Depends(get_identity_id)]
