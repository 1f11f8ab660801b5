"""Publishing language bundles (i18n.py): for administrators, as moderation is (the admin pool's
token when there is one, else the admin groups)."""

from typing import Annotated

from fastapi import APIRouter, Body, Depends, Path
from pydantic import AfterValidator, BaseModel

from .. import i18n
from ..auth import require_admin
from ..errors import ADMIN, WITH_BODY, ApiError, ErrorCode, responses
from ..profiles import LANG_PATTERN
from ..storage import file_url

router = APIRouter(
    prefix="/admin/i18n",
    tags=["languages", "admin"],
    dependencies=[Depends(require_admin)],
    responses=responses(*ADMIN),
)


def utf8(text: str) -> str:
    """Refused (422) unless UTF-8 can carry it: JSON may escape a lone surrogate."""
    text.encode()
    return text


Text = Annotated[str, AfterValidator(utf8)]


class Published(BaseModel):
    lang: str
    key: str  # public/i18n/<lang>.<hash>.json
    url: str  # through the CDN


@router.put("/{lang}", name="publish", responses=responses(*WITH_BODY, ErrorCode.BUNDLE_TOO_LARGE))
def publish(
    lang: Annotated[str, Path(pattern=LANG_PATTERN)],
    strings: Annotated[dict[Text, Text], Body(min_length=1)],
) -> Published:
    """Make these strings (message id -> text) the current bundle of `lang`."""
    size = len(i18n.encode(strings))
    if size > i18n.MAX_BUNDLE_BYTES:
        message = f"A bundle has at most {i18n.MAX_BUNDLE_BYTES} bytes of JSON, not {size}"
        raise ApiError(ErrorCode.BUNDLE_TOO_LARGE, message)
    key = i18n.publish(lang, strings)
    return Published(lang=lang, key=key, url=file_url(key))
