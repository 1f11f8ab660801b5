"""The caller's files. Bytes go straight to S3; the API issues upload forms and keeps keys."""

from typing import Annotated, Literal

from fastapi import APIRouter, HTTPException, Response, status
from pydantic import BaseModel, ConfigDict, StringConstraints

from .. import db, storage
from ..auth import CurrentUserDep, IdentityIdDep
from ..settings import get_settings
from . import tell_user

router = APIRouter(prefix="/files", tags=["files"])

ContentType = Literal[tuple(storage.EXTENSIONS)]  # type: ignore[valid-type]
Folder = Annotated[str, StringConstraints(pattern=storage.FOLDER.pattern)]


class UploadRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")

    content_type: ContentType
    folder: Folder = "uploads"
    level: Literal["public", "protected", "private"] = "protected"


class UploadForm(BaseModel):
    key: str
    url: str
    fields: dict[str, str]
    max_bytes: int


class Registration(BaseModel):
    model_config = ConfigDict(extra="forbid")

    key: str


class FileOut(BaseModel):
    key: str
    url: str
    content_type: str
    size: int
    created_at: str


def file_out(record: dict) -> FileOut:
    return FileOut(
        **{**record, "size": int(record["size"]), "url": storage.file_url(record["key"])}
    )


def owned_key(key: str, user_sub: str, identity_id: str) -> dict:
    """The uploaded object behind a key the caller owns, or 4xx with the reason."""
    try:
        storage.validate_key(key)
    except storage.InvalidKey as error:
        raise HTTPException(status.HTTP_422_UNPROCESSABLE_CONTENT, str(error)) from None
    public = storage.level_of(key) == "public"
    if not public and not storage.is_owned_prefix(key, identity_id):
        raise HTTPException(status.HTTP_403_FORBIDDEN, "The key is under another user's prefix")
    found = storage.head(key)
    if found is None:
        raise HTTPException(status.HTTP_404_NOT_FOUND, "Nothing was uploaded at that key")
    if public and found.get("Metadata", {}).get("owner") != user_sub:
        raise HTTPException(
            status.HTTP_403_FORBIDDEN, "The public file was uploaded by someone else"
        )
    return found


@router.post("/upload-url")
def create_upload(
    request: UploadRequest, user: CurrentUserDep, identity_id: IdentityIdDep
) -> UploadForm:
    key = storage.new_key(request.level, identity_id, request.folder, request.content_type)
    form = storage.presigned_post(key, request.content_type, owner=user.sub)
    max_bytes = get_settings().max_upload_bytes
    return UploadForm(key=key, url=form["url"], fields=form["fields"], max_bytes=max_bytes)


@router.post("", status_code=status.HTTP_201_CREATED)
def register(body: Registration, user: CurrentUserDep, identity_id: IdentityIdDep) -> FileOut:
    found = owned_key(body.key, user.sub, identity_id)
    record = db.put_file(user.sub, storage.file_record(body.key, found))
    tell_user(user.sub, {"type": "file.registered", "key": body.key})
    return file_out(record)


@router.get("")
def list_files(user: CurrentUserDep) -> list[FileOut]:
    return [file_out(record) for record in db.list_files(user.sub)]


@router.delete("/{key:path}", status_code=status.HTTP_204_NO_CONTENT)
def delete(key: str, user: CurrentUserDep) -> Response:
    if db.get_file(user.sub, key) is None:
        raise HTTPException(status.HTTP_404_NOT_FOUND, "No such file of yours")
    storage.delete_object(key)  # object first: a retry finds the record and finishes
    db.delete_file(user.sub, key)
    return Response(status_code=status.HTTP_204_NO_CONTENT)
