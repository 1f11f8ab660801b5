"""The caller, as API Gateway's Cognito authorizer verified it.

API Gateway checks the token before the Lambda runs and hands the verified claims over in
`requestContext.authorizer.claims`; Mangum exposes that event as `scope["aws.event"]`.
The backend never verifies tokens itself.
"""

import re
from dataclasses import dataclass
from typing import Annotated, Any

from fastapi import Depends, HTTPException, Request, status


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
        raise HTTPException(status.HTTP_401_UNAUTHORIZED, "Not authenticated")
    return CurrentUser(
        sub=claims["sub"],
        username=claims.get("cognito:username") or claims["sub"],
        email=claims.get("email"),
        phone_number=claims.get("phone_number"),
        groups=parse_groups(claims.get("cognito:groups")),
        claims=claims,
    )


CurrentUserDep = Annotated[CurrentUser, Depends(get_current_user)]
