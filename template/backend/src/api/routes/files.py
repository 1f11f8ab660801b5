"""The caller's files. Bytes go straight to S3; the API issues upload forms and keeps keys."""

import logging
from typing import Annotated, Literal

from fastapi import APIRouter, Depends, Path, Response, status
from pydantic import BaseModel, ConfigDict, StringConstraints

from .. import records, storage, uploads
from ..auth import AdminDep, CurrentUserDep, IdentityIdDep, require_admin
from ..errors import (
    ADMIN,
    SIGNED_IN,
    WITH_BODY,
    WITH_INPUT,
    WITH_PROFILE,
    ApiError,
    ErrorCode,
    responses,
)
from ..notify import tell_user
from ..settings import get_settings

router = APIRouter(prefix="/files", tags=["files"], responses=responses(*SIGNED_IN))
# Administrators' removals are under /admin: the admin pool's token when there is one.
moderation = APIRouter(
    prefix="/admin/files",
    tags=["files", "admin"],
    dependencies=[Depends(require_admin)],
    responses=responses(*ADMIN),
)
log = logging.getLogger(__name__)

ContentType = Literal[tuple(storage.EXTENSIONS)]  # type: ignore[valid-type]
Folder = Annotated[str, StringConstraints(pattern=storage.FOLDER.pattern)]


Level = Literal["public", "protected", "private"]
# A file's own name: shown to its owner, never part of its key (the API chooses safe keys).
FileName = Annotated[
    str,
    StringConstraints(
        min_length=1,
        max_length=storage.MAX_NAME_LENGTH,
        pattern=f"^[^{storage.CONTROL_CHARACTERS}]+$",
    ),
]


class UploadRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")

    content_type: ContentType
    folder: Folder = "uploads"
    # Only its owner reads a private file; signed-in users read protected ones; anyone public.
    level: Level = "private"
    name: FileName | None = None


class UploadForm(BaseModel):
    key: str
    url: str
    fields: dict[str, str]
    max_bytes: int


class Registration(BaseModel):
    model_config = ConfigDict(extra="forbid")

    key: storage.ObjectKey


class FileOut(BaseModel):
    key: str
    name: str
    level: Level
    url: str
    content_type: str
    size: int
    created_at: str
    # A moderator took it down (a hidden post's picture): nobody, the owner included, reads it.
    taken_down: bool = False


def file_out(record: dict) -> FileOut:
    key = record["key"]
    return FileOut(
        **{
            "name": key.rsplit("/", 1)[-1],  # records made before names were kept
            **record,
            "level": storage.level_of(key),
            "size": int(record["size"]),
            "url": storage.file_url(key),
        }
    )


def uploaded_by(key: str, identity_id: str) -> dict:
    """The object the caller uploaded at a key of their own, or 4xx with the reason. The owner
    is the key's identity id, never what the upload claims about itself."""
    if storage.owner_of(key) != identity_id:
        raise ApiError(ErrorCode.KEY_NOT_YOURS, "The key is under another user's prefix")
    found = storage.head(key)
    if found is None:
        raise ApiError(ErrorCode.UPLOAD_NOT_FOUND, "Nothing was uploaded at that key")
    try:  # S3 enforced the form's rules; an upload with the role's credentials is checked here
        storage.check_upload(found, storage.first_bytes(key))
    except storage.UploadRefused as error:
        storage.delete_object(key)  # as the upload recorder does
        raise ApiError(ErrorCode.UPLOAD_REFUSED, str(error)) from None
    return found


@router.post("/upload-url", responses=responses(*WITH_BODY, *WITH_PROFILE))
def create_upload(request: UploadRequest, identity_id: IdentityIdDep) -> UploadForm:
    key = storage.new_key(request.level, identity_id, request.folder, request.content_type)
    form = storage.presigned_post(key, request.content_type, request.name)
    max_bytes = get_settings().max_upload_bytes
    return UploadForm(key=key, url=form["url"], fields=form["fields"], max_bytes=max_bytes)


@router.post(
    "",
    status_code=status.HTTP_201_CREATED,
    responses=responses(
        *WITH_BODY,
        *WITH_PROFILE,
        ErrorCode.KEY_NOT_YOURS,
        ErrorCode.UPLOAD_NOT_FOUND,
        ErrorCode.UPLOAD_REFUSED,
    ),
)
def register(body: Registration, user: CurrentUserDep, identity_id: IdentityIdDep) -> FileOut:
    found = uploaded_by(body.key, identity_id)
    record = records.put_file(identity_id, storage.file_record(body.key, found))
    tell_user(user.sub, {"type": "file.registered", "key": body.key})
    return file_out(record)


@router.get("", name="list", responses=responses(*WITH_PROFILE))
def list_files(identity_id: IdentityIdDep) -> list[FileOut]:
    return [file_out(record) for record in records.list_files(identity_id)]


@router.delete(
    "/{key:path}",
    status_code=status.HTTP_204_NO_CONTENT,
    responses=responses(*WITH_INPUT, *WITH_PROFILE, ErrorCode.FILE_NOT_FOUND),
)
def delete(key: Annotated[storage.ObjectKey, Path()], identity_id: IdentityIdDep) -> Response:
    if records.get_file(identity_id, key) is None:
        raise ApiError(ErrorCode.FILE_NOT_FOUND, "No such file of yours")
    storage.delete_object(key)  # object first: a retry finds the record and finishes
    records.delete_file(identity_id, key)
    storage.forget_cached([key])
    return Response(status_code=status.HTTP_204_NO_CONTENT)


class Removal(BaseModel):
    """Why an administrator removes a user's file: kept with the record of the removal."""

    model_config = ConfigDict(extra="forbid")

    reason: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=500)]


@moderation.delete(
    "/{key:path}",
    name="remove",
    status_code=status.HTTP_204_NO_CONTENT,
    responses=responses(*WITH_BODY, ErrorCode.FILE_NOT_FOUND),
)
def remove(key: Annotated[storage.ObjectKey, Path()], body: Removal, admin: AdminDep) -> Response:
    """Any user's file, taken away: the object, its copies on the CDN, and its record, which
    becomes the record of who removed it, when and why. The owner's list no longer shows it."""
    owner = storage.owner_of(key)
    if owner is None or (records.get_file(owner, key) is None and storage.head(key) is None):
        raise ApiError(ErrorCode.FILE_NOT_FOUND, f"No file {key!r}")
    uploads.remove([key], admin.sub, body.reason)
    log.warning("removed %r for %s: %s", key, admin.sub, body.reason)
    return Response(status_code=status.HTTP_204_NO_CONTENT)
