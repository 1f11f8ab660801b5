"""The caller's own profile: read, change allowed fields, delete the account."""

from typing import Annotated

from fastapi import APIRouter, HTTPException, Request, Response, status
from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from .. import accounts, db, storage
from ..auth import CurrentUserDep, identity_id_of
from . import tell_user
from .files import is_own_public_file

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
    profile_image_url: str | None = None
    created_at: str
    updated_at: str

    @classmethod
    def of(cls, record: dict) -> "Profile":
        key = record.get("profile_image_key")
        return cls.model_validate({**record, "profile_image_url": key and storage.file_url(key)})


class ProfileChanges(BaseModel):
    """The only fields a user may change; anything else is refused with 422."""

    model_config = ConfigDict(extra="forbid")

    display_name: DisplayName | None = None
    lang: Lang | None = Field(default=None, description="e.g. en, ko, pt-BR")
    profile_image_key: storage.ObjectKey | None = Field(
        default=None, description="a public file of the caller's, recorded in GET /files"
    )


def active_profile(user_id: str) -> dict:
    record = db.get_user(user_id)
    if record is None or record.get("status") != db.ACTIVE:
        raise HTTPException(status.HTTP_404_NOT_FOUND, "No profile: the sign-up is not confirmed")
    return record


@router.get("/me")
def read_me(user: CurrentUserDep) -> Profile:
    return Profile.of(active_profile(user.sub))


@router.patch("/me")
def update_me(user: CurrentUserDep, changes: ProfileChanges, request: Request) -> Profile:
    values = changes.model_dump(exclude_unset=True, exclude_none=True)
    if not values:
        raise HTTPException(
            status.HTTP_422_UNPROCESSABLE_CONTENT,
            f"Nothing to change: send one of {', '.join(ProfileChanges.model_fields)}",
        )
    key = values.get("profile_image_key")
    if key is not None and not is_own_public_file(key, identity_id_of(user, request)):
        raise HTTPException(
            status.HTTP_422_UNPROCESSABLE_CONTENT,
            "profile_image_key must be a public file of yours, as listed by GET /files",
        )
    try:
        profile = Profile.of(db.update_user(user.sub, values))
    except db.UserNotFound:
        raise HTTPException(
            status.HTTP_404_NOT_FOUND, "No profile: the sign-up is not confirmed"
        ) from None
    tell_user(user.sub, {"type": "profile.updated", "changed": sorted(values)})
    return profile


@router.delete("/me", status_code=status.HTTP_204_NO_CONTENT)
def delete_me(user: CurrentUserDep, request: Request) -> Response:
    # Asked of Cognito if no files route stored it yet: Amplify uploads straight to S3.
    accounts.delete_account(user.sub, user.username, identity_id_of(user, request))
    return Response(status_code=status.HTTP_204_NO_CONTENT)
