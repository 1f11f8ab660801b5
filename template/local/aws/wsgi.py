"""What the emulated services share: an AWS-shaped error, and reading and answering WSGI
requests (through moto where it answers)."""

import io
import json

from werkzeug.formparser import parse_form_data


class AwsError(Exception):
    def __init__(self, status: int, code: str, message: str) -> None:
        super().__init__(message)
        self.status, self.code, self.message = status, code, message


def forward(app, environ) -> tuple[str, list, bytes]:
    """A WSGI app's answer, kept for changing before it goes out."""
    started: list = []
    body = b"".join(app(environ, lambda status, headers, *_: started.extend((status, headers))))
    return started[0], started[1], body


def with_body(headers: list, answer: dict) -> tuple[list, bytes]:
    """A forwarded answer's headers and its new JSON body, with the new length."""
    body = json.dumps(answer).encode()
    headers = [(k, v) for k, v in headers if k.lower() != "content-length"]
    return [*headers, ("Content-Length", str(len(body)))], body


def read_body(environ) -> bytes:
    """The request body, left in place for moto to read again."""
    length = int(environ.get("CONTENT_LENGTH") or 0)
    body = environ["wsgi.input"].read(length) if length else b""
    environ["wsgi.input"] = io.BytesIO(body)
    return body


def read_form(environ) -> tuple[dict[str, str], int]:
    """A multipart form's text fields and the size of its file, leaving the body for moto."""
    body = read_body(environ)
    copy = {**environ, "wsgi.input": io.BytesIO(body)}
    _stream, form, files = parse_form_data(copy)
    upload = files.get("file")
    size = len(upload.read()) if upload else 0
    return dict(form.items()), size
