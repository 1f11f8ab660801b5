"""The caller's own account."""

from typing import Any

from fastapi import APIRouter
from pydantic import BaseModel

from ..auth import CurrentUserDep

router = APIRouter(tags=["me"])


class Me(BaseModel):
    sub: str
    email: str | None
    phone_number: str | None
    groups: list[str]
    claims: dict[str, Any]


@router.get("/me")
def read_me(user: CurrentUserDep) -> Me:
    return Me(
        sub=user.sub,
        email=user.email,
        phone_number=user.phone_number,
        groups=list(user.groups),
        claims=user.claims,
    )
