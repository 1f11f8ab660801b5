"""The caller's own profile: read, change allowed fields, delete the account."""

from typing import Annotated

from fastapi import APIRouter, HTTPException, Response, status
from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from .. import accounts, db
from ..auth import CurrentUserDep

router = APIRouter(tags=["me"])

DisplayName = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=50)]
Lang = Annotated[str, StringConstraints(pattern=r"^[a-z]{2}(-[A-Z]{2})?$")]


class Profile(BaseModel):
    id: str
    email: str | None = None
    phone_number: str | None = None
    display_name: str | None = None
    lang: str
    signup_type: str
    created_at: str
    updated_at: str


class ProfileChanges(BaseModel):
    """The only fields a user may change; anything else is refused with 422."""

    model_config = ConfigDict(extra="forbid")

    display_name: DisplayName | None = None
    lang: Lang | None = Field(default=None, description="e.g. en, ko, pt-BR")


def active_profile(user_id: str) -> dict:
    record = db.get_user(user_id)
    if record is None or record.get("status") != db.ACTIVE:
        raise HTTPException(status.HTTP_404_NOT_FOUND, "No profile: the sign-up is not confirmed")
    return record


@router.get("/me")
def read_me(user: CurrentUserDep) -> Profile:
    return Profile.model_validate(active_profile(user.sub))


@router.patch("/me")
def update_me(user: CurrentUserDep, changes: ProfileChanges) -> Profile:
    values = changes.model_dump(exclude_unset=True, exclude_none=True)
    if not values:
        raise HTTPException(
            status.HTTP_422_UNPROCESSABLE_CONTENT,
            f"Nothing to change: send one of {', '.join(ProfileChanges.model_fields)}",
        )
    try:
        return Profile.model_validate(db.update_user(user.sub, values))
    except db.UserNotFound:
        raise HTTPException(
            status.HTTP_404_NOT_FOUND, "No profile: the sign-up is not confirmed"
        ) from None


@router.delete("/me", status_code=status.HTTP_204_NO_CONTENT)
def delete_me(user: CurrentUserDep) -> Response:
    accounts.delete_account(user.sub, user.username)
    return Response(status_code=status.HTTP_204_NO_CONTENT)
