"""The API's one error body, its stable codes, and the handlers that answer every error with it.

Every error, the app's and API Gateway's own (infra config.GATEWAY_RESPONSES), is
`{"code": "<snake_case id>", "message": "<one English sentence>", "errors": [...]}`:
`code` never changes once released (clients translate by it), `message` is for developers and
logs, `errors` lists the fields of a request that failed validation (422 only).
"""

import json
from collections import defaultdict
from enum import StrEnum
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field
from pydantic.json_schema import SkipJsonSchema
from starlette.exceptions import HTTPException


class ErrorCode(StrEnum):
    """Every code a client can get, with its HTTP status ("4XX"/"5XX": any of that class)."""

    status: int | str

    def __new__(cls, code: str, status: int | str) -> "ErrorCode":
        member = str.__new__(cls, code)
        member._value_ = code
        member.status = status
        return member

    # Answered by API Gateway before the app runs (infra config.GATEWAY_RESPONSES)
    UNAUTHORIZED = "unauthorized", 401  # no token, or one the authorizer refused (expired...)
    ACCESS_DENIED = "access_denied", 403
    REQUEST_TOO_LARGE = "request_too_large", 413  # over API Gateway's 10 MB payload limit
    THROTTLED = "throttled", 429  # the stage's rate limit
    REQUEST_REFUSED = "request_refused", "4XX"  # any other refusal
    GATEWAY_ERROR = "gateway_error", "5XX"  # the function failed or timed out
    # Answered by the app
    MALFORMED_BODY = "malformed_body", 400  # not JSON in UTF-8
    NOT_FOUND = "not_found", 404  # no such route
    METHOD_NOT_ALLOWED = "method_not_allowed", 405
    VALIDATION_FAILED = "validation_failed", 422  # with `errors`, one per field
    INTERNAL_ERROR = "internal_error", 500
    PROFILE_NOT_FOUND = "profile_not_found", 404  # the account is being or was deleted
    ACCOUNT_DISABLED = "account_disabled", 403  # an administrator disabled it
    ADMIN_POOL_REQUIRED = "admin_pool_required", 403
    ADMIN_GROUP_REQUIRED = "admin_group_required", 403
    NOTHING_TO_CHANGE = "nothing_to_change", 422
    PROFILE_IMAGE_NOT_YOURS = "profile_image_not_yours", 422
    KEY_NOT_YOURS = "key_not_yours", 403
    UPLOAD_NOT_FOUND = "upload_not_found", 404
    UPLOAD_REFUSED = "upload_refused", 422
    FILE_NOT_FOUND = "file_not_found", 404
    USER_NOT_FOUND = "user_not_found", 404
    USER_BEING_DELETED = "user_being_deleted", 409
    JOB_NOT_FOUND = "job_not_found", 404
    JOBS_NOT_LOCAL = "jobs_not_local", 503  # jobs run in Step Functions on a deployed stage
    POST_NOT_FOUND = "post_not_found", 404  # none, or hidden (to the public)
    NOT_THE_AUTHOR = "not_the_author", 403
    POST_CHANGED = "post_changed", 409  # the edit was based on an older version
    ATTACHMENT_NOT_YOURS = "attachment_not_yours", 422
    BAD_CURSOR = "bad_cursor", 422  # not a next_cursor this API gave
    BUNDLE_TOO_LARGE = "bundle_too_large", 413  # over i18n.MAX_BUNDLE_BYTES
    CHAT_WITH_YOURSELF = "chat_with_yourself", 422  # a conversation is between two users
    CONVERSATION_NOT_FOUND = "conversation_not_found", 404  # no message between the two yet


def absent_when_empty(schema: dict[str, Any]) -> None:
    """An optional field that is left out, never null: no `default` in the document."""
    schema.pop("default", None)


class FieldError(BaseModel):
    field: str  # where, dotted: body.display_name, query.limit, path.key
    message: str  # in English, for developers and logs
    # What is wrong, for clients to say in their language: pydantic's error type (missing,
    # string_too_short, string_too_long, string_pattern_mismatch, extra_forbidden, ...), and
    # the length a length rule names.
    kind: str
    limit: int | SkipJsonSchema[None] = Field(None, json_schema_extra=absent_when_empty)


class ErrorBody(BaseModel):
    code: ErrorCode
    message: str
    errors: list[FieldError] | SkipJsonSchema[None] = Field(
        None, json_schema_extra=absent_when_empty
    )


class ApiError(Exception):
    """An error answered with its code's status and the error body."""

    def __init__(self, code: ErrorCode, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message


# The error body in the OpenAPI document: a reference, not a `model`, in `responses=`. FastAPI
# builds a pydantic field for each status of each route that names a model, at import, for the
# document alone: most of a route's import cost. `document` adds the schema it refers to.
ERROR_BODY = {"application/json": {"schema": {"$ref": "#/components/schemas/ErrorBody"}}}


def responses(*codes: ErrorCode) -> dict[int | str, dict[str, Any]]:
    """FastAPI `responses=` declaring these codes' statuses with the error body."""
    by_status: dict[int | str, list[str]] = defaultdict(list)
    for code in codes:
        by_status[code.status].append(code.value)
    return {
        status: {"content": ERROR_BODY, "description": f"Error codes: {', '.join(names)}"}
        for status, names in by_status.items()
    }


def document(app: FastAPI) -> dict[str, Any]:
    """The app's OpenAPI document with the error body's schemas (`responses` refers to them),
    built on the first call (`/openapi.json`, `make openapi`), never at a cold start."""
    if app.openapi_schema is None:
        from fastapi.openapi.utils import get_openapi
        from pydantic.json_schema import models_json_schema

        schema = get_openapi(
            title=app.title, version=app.version, openapi_version=app.openapi_version,
            routes=app.routes,
        )  # fmt: skip
        _, error_schemas = models_json_schema(
            [(ErrorBody, "serialization")], ref_template="#/components/schemas/{model}"
        )
        components = schema.setdefault("components", {}).setdefault("schemas", {})
        components.update(error_schemas["$defs"])
        app.openapi_schema = schema
    return app.openapi_schema


# What every route can get from API Gateway, and what a route behind the authorizer can.
ANY_ROUTE = (ErrorCode.THROTTLED, ErrorCode.GATEWAY_ERROR, ErrorCode.INTERNAL_ERROR)
SIGNED_IN = (ErrorCode.UNAUTHORIZED, ErrorCode.ACCESS_DENIED, *ANY_ROUTE)
# What a route that serves the caller's profile (auth.ProfileDep) can get.
WITH_PROFILE = (ErrorCode.PROFILE_NOT_FOUND, ErrorCode.ACCOUNT_DISABLED)
# Without the admin pool, administrators are users: their profile is checked too.
ADMIN = (*SIGNED_IN, ErrorCode.ADMIN_POOL_REQUIRED, ErrorCode.ADMIN_GROUP_REQUIRED, *WITH_PROFILE)
# What a route that takes parameters or a body can get; a body can also be too large.
WITH_INPUT = (ErrorCode.VALIDATION_FAILED,)
WITH_BODY = (ErrorCode.VALIDATION_FAILED, ErrorCode.MALFORMED_BODY, ErrorCode.REQUEST_TOO_LARGE)


class ErrorResponse(JSONResponse):
    """The error body as ASCII JSON: any text, even a lone surrogate a client sent in a field
    name, is written as an escape instead of failing to encode (a 500)."""

    def render(self, content: Any) -> bytes:
        return json.dumps(content, ensure_ascii=True, separators=(",", ":")).encode()


def error_response(
    code: ErrorCode, message: str, errors: list[FieldError] | None = None, status: int = 0
) -> ErrorResponse:
    body = ErrorBody(code=code, message=message, errors=errors)
    return ErrorResponse(body.model_dump(mode="json", exclude_none=True), status or code.status)


async def api_error(_request: Request, error: ApiError) -> ErrorResponse:
    return error_response(error.code, error.message)


# The pydantic error contexts that name a length (FieldError.limit).
LENGTH_RULES = ("min_length", "max_length")


async def validation_failed(_request: Request, error: RequestValidationError) -> ErrorResponse:
    """422 with one entry per field; never echoes the input (it may be anything)."""
    errors = [
        FieldError(
            field=".".join(str(part) for part in item["loc"]),
            message=item["msg"],
            kind=item["type"],
            limit=next(
                (value for name, value in item.get("ctx", {}).items() if name in LENGTH_RULES),
                None,
            ),
        )
        for item in error.errors()
    ]
    first = errors[0]
    more = f" (and {len(errors) - 1} more)" if len(errors) > 1 else ""
    message = f"{first.field}: {first.message}{more}"
    return error_response(ErrorCode.VALIDATION_FAILED, message, errors)


# FastAPI's and Starlette's own errors: a body it cannot read, an unknown route or method.
HTTP_CODES = {
    400: ErrorCode.MALFORMED_BODY,
    404: ErrorCode.NOT_FOUND,
    405: ErrorCode.METHOD_NOT_ALLOWED,
}


async def http_error(_request: Request, error: HTTPException) -> ErrorResponse:
    code = HTTP_CODES.get(error.status_code, ErrorCode.REQUEST_REFUSED)
    response = error_response(code, str(error.detail), status=error.status_code)
    response.headers.update(error.headers or {})
    return response


async def internal_error(request: Request, _error: Exception) -> ErrorResponse:
    """500, the cause only in the logs (the exception goes on up: Mangum logs its traceback)."""
    from .settings import get_settings

    response = error_response(ErrorCode.INTERNAL_ERROR, "Something went wrong on our side")
    # Starlette answers this outside the CORS middleware: the header it would have added.
    origin = request.headers.get("origin")
    if origin in get_settings().allowed_origins:
        response.headers.update({"Access-Control-Allow-Origin": origin, "Vary": "Origin"})
    return response


def install(app: FastAPI) -> None:
    app.add_exception_handler(ApiError, api_error)
    app.add_exception_handler(RequestValidationError, validation_failed)
    app.add_exception_handler(HTTPException, http_error)
    app.add_exception_handler(Exception, internal_error)
