"""The caller's own profile: read, change allowed fields, delete the account."""

from typing import Annotated

from fastapi import APIRouter, Request, Response, status
from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from .. import accounts, records, storage
from ..auth import ClosingProfileDep, CurrentUserDep, ProfileDep, identity_id_of
from ..errors import SIGNED_IN, WITH_BODY, WITH_PROFILE, ApiError, ErrorCode, responses
from ..notify import tell_user
from ..profiles import DISPLAY_NAME_MAX, Lang
from ..uploads import is_own_public_file

router = APIRouter(tags=["me"], responses=responses(*SIGNED_IN))

DisplayName = Annotated[
    str, StringConstraints(strip_whitespace=True, min_length=1, max_length=DISPLAY_NAME_MAX)
]


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


@router.get("/me", responses=responses(*WITH_PROFILE))
def read(profile: ProfileDep) -> Profile:
    return Profile.of(profile)


@router.patch(
    "/me",
    responses=responses(
        *WITH_BODY,
        *WITH_PROFILE,
        ErrorCode.NOTHING_TO_CHANGE,
        ErrorCode.PROFILE_IMAGE_NOT_YOURS,
    ),
)
def update(
    user: CurrentUserDep, profile: ProfileDep, changes: ProfileChanges, request: Request
) -> Profile:
    values = changes.model_dump(exclude_unset=True, exclude_none=True)
    if not values:
        fields = ", ".join(ProfileChanges.model_fields)
        raise ApiError(ErrorCode.NOTHING_TO_CHANGE, f"Nothing to change: send one of {fields}")
    key = values.get("profile_image_key")
    if key is not None and not is_own_public_file(key, identity_id_of(user, profile, request)):
        raise ApiError(
            ErrorCode.PROFILE_IMAGE_NOT_YOURS,
            "profile_image_key must be a public file of yours, as listed by GET /files",
        )
    try:
        profile = Profile.of(records.update_user(user.sub, values))
    except records.UserNotFound:  # disabled or being deleted since it was read
        raise ApiError(ErrorCode.PROFILE_NOT_FOUND, "No active profile") from None
    tell_user(user.sub, {"type": "profile.updated", "changed": sorted(values)})
    return profile


@router.delete(
    "/me", status_code=status.HTTP_204_NO_CONTENT, responses=responses(ErrorCode.ACCOUNT_DISABLED)
)
def delete(user: CurrentUserDep, profile: ClosingProfileDep, request: Request) -> Response:
    # Asked of Cognito if no files route stored it yet: Amplify uploads straight to S3.
    accounts.delete_account(user.sub, user.username, identity_id_of(user, profile, request))
    return Response(status_code=status.HTTP_204_NO_CONTENT)
