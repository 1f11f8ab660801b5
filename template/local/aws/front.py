"""The WSGI layer in front of moto: sends each request to the service model that adds what AWS
does (identity_pools, user_pools, s3), else to moto, and delivers S3 event notifications to
their Lambda functions through the local gateway's Invoke API."""

import json
import logging
import os
import secrets
import threading
import time
import urllib.request
from typing import Any
from urllib.parse import parse_qs, unquote

from moto.core import DEFAULT_ACCOUNT_ID
from moto.moto_server.werkzeug_app import (
    DomainDispatcherApplication,
    MotoRequestHandler,
    create_backend_app,
)
from werkzeug.serving import make_server

from .identity_pools import Identities
from .mailbox import SES_SEND_PATH, Mailbox
from .s3 import (
    access_key_of,
    cors_allows,
    post_policy_error,
    role_allows,
    s3_requests,
    signed_with_version_2,
    taken_down,
    version_2_refused,
)
from .user_pools import TriggerFailed, UserPools, invocation_url
from .wsgi import AwsError, forward, read_body, read_form

log = logging.getLogger(__name__)


IDENTITY_TARGET = "AWSCognitoIdentityService."


USER_POOL_TARGET = "AWSCognitoIdentityProviderService."


# Revoking a refresh token (Amplify's signOut): accepted, though moto's tokens stay valid.
REVOKE_TARGET = f"{USER_POOL_TARGET}RevokeToken"


# How long an S3 event waits for the API to listen (make dev starting, or reloading code).
API_START_SECONDS = 60


# The private key moto signs user pools' tokens with (a resource of its package).
SIGNING_KEY = "cognitoidp/resources/jwks-private.json"


def load_the_signing_key_once() -> None:
    """moto signs every user pool's tokens with one key, which it loads again for each pool it
    creates (~90 ms of RSA arithmetic, most of a test's fresh account): load it once."""
    from types import SimpleNamespace

    from moto.cognitoidp import models

    key = models.jwk.RSAKey.import_key(models.load_resource(SIGNING_KEY))
    # The only use of joserfc's jwk in moto's user pools: importing that same file.
    models.jwk = SimpleNamespace(RSAKey=SimpleNamespace(import_key=lambda _resource: key))


class AwsFront:
    """WSGI: the additions above, then moto."""

    def __init__(self, lambda_url: str | None = None) -> None:
        load_the_signing_key_once()
        self.moto = DomainDispatcherApplication(create_backend_app)
        self.identities = Identities()
        self.mailbox = Mailbox()
        self.user_pools = UserPools(lambda_url, self.mailbox)
        self.lambda_url = lambda_url
        # Cognito refuses a wrong TOTP code; moto checks codes only when told to (per call).
        os.environ["MOTO_COGNITO_IDP_USER_POOL_ENABLE_TOTP"] = "true"
        # S3 notifications of the request being served, sent once moto has answered it.
        self.notifying = threading.local()

    def __call__(self, environ, start_response):
        path = environ.get("PATH_INFO", "")
        if path in ("/_mail", "/_mail.json"):
            json_wanted = path.endswith(".json")
            body = self.mailbox.json() if json_wanted else self.mailbox.page()
            kind = "application/json" if json_wanted else "text/html; charset=utf-8"
            start_response("200 OK", [("Content-Type", kind), ("Cache-Control", "no-store")])
            return [body]
        try:
            target = environ.get("HTTP_X_AMZ_TARGET", "")
            if target.startswith(IDENTITY_TARGET):
                answer = self.identity(target.removeprefix(IDENTITY_TARGET), environ)
                if answer is not None:
                    return self.json(start_response, 200, answer)
            elif target == REVOKE_TARGET:  # Amplify's sign-out; moto has no RevokeToken
                return self.json(start_response, 200, {})
            elif target == f"{USER_POOL_TARGET}AdminLinkProviderForUser":
                answer = self.user_pools.link_provider(json.loads(read_body(environ)))
                return self.json(start_response, 200, answer)
            elif target.startswith(USER_POOL_TARGET) and self.user_pools.serves(
                operation := target.removeprefix(USER_POOL_TARGET)
            ):
                try:
                    status, headers, body = self.user_pools.serve(operation, environ, self.moto)
                except TriggerFailed as error:
                    raise AwsError(400, "UserLambdaValidationException", str(error)) from None
                start_response(status, headers)
                return [body]
            elif path == SES_SEND_PATH and environ["REQUEST_METHOD"] == "POST":
                request = json.loads(read_body(environ) or b"{}")
                status, headers, body = forward(self.moto, environ)
                if status.startswith("200"):
                    self.mailbox.sent_by_ses(request)
                start_response(status, headers)
                return [body]
            elif signed_with_version_2(environ):
                raise version_2_refused()
            elif self.is_s3(environ):
                self.check_s3(environ)
            elif self.is_anonymous_s3(environ):
                # Block Public Access, as the infra sets it: no unsigned reads or writes.
                raise AwsError(403, "AccessDenied", "Access Denied")
        except AwsError as error:
            if target.startswith((IDENTITY_TARGET, USER_POOL_TARGET)):
                body = {"__type": error.code, "message": error.message}
                return self.json(start_response, error.status, body)
            return self.s3_error(start_response, error, environ)
        self.notifying.events = []
        try:
            return self.moto(environ, start_response)
        finally:  # the object is whole now: moto notifies before it stores the metadata
            events, self.notifying.events = self.notifying.events, None
            for arn, event in events:
                self.deliver(arn, event)

    def identity(self, operation: str, environ) -> dict | None:
        calls = {
            "GetId": self.identities.get_id,
            "GetCredentialsForIdentity": self.identities.get_credentials,
            "DescribeIdentity": self.identities.describe,
            "DeleteIdentities": self.identities.delete,
        }
        if operation not in calls:
            return None
        return calls[operation](json.loads(read_body(environ) or b"{}"))

    @staticmethod
    def is_s3(environ) -> bool:
        authorization = environ.get("HTTP_AUTHORIZATION", "") + environ.get("QUERY_STRING", "")
        form = environ.get("CONTENT_TYPE", "").startswith("multipart/form-data")
        return (
            "/s3/aws4_request" in authorization
            or "%2Fs3%2Faws4_request" in authorization
            or (environ["REQUEST_METHOD"] == "POST" and form)
        )

    @staticmethod
    def is_anonymous_s3(environ) -> bool:
        """An unsigned request moto would serve from S3 (its default service): not a CORS
        preflight, not moto's own API, not a user pool's public keys."""
        path, query = environ.get("PATH_INFO", ""), environ.get("QUERY_STRING", "")
        return not (
            environ.get("HTTP_AUTHORIZATION")
            or environ.get("HTTP_X_AMZ_TARGET")  # Cognito's unsigned operations
            or "X-Amz-Credential" in query
            or "AWSAccessKeyId" in query
            or environ["REQUEST_METHOD"] == "OPTIONS"
            or path.startswith("/moto-api")
            or "/.well-known/" in path
        )

    def check_s3(self, environ) -> None:
        bucket, _, key = environ.get("PATH_INFO", "").lstrip("/").partition("/")
        query = parse_qs(environ.get("QUERY_STRING", ""), keep_blank_values=True)
        headers = {
            name[5:].replace("_", "-").lower(): value
            for name, value in environ.items()
            if name.startswith("HTTP_")
        }
        method = environ["REQUEST_METHOD"]
        if (
            method == "POST"
            and not key
            and environ.get("CONTENT_TYPE", "").startswith("multipart/form-data")
        ):
            fields, size = read_form(environ)
            if {"awsaccesskeyid", "signature"} & {name.lower() for name in fields}:
                raise version_2_refused()
            error = post_policy_error(fields, size, bucket)
            if error:
                raise error
            access_key = (fields.get("x-amz-credential") or "").split("/")[0]
            needed = [("s3:PutObject", fields.get("key", ""), None)]
        else:
            access_key = access_key_of(headers, query)
            needed = s3_requests(method, unquote(key), query, headers)
        if any(action == "s3:GetObject" and taken_down(bucket, name) for action, name, _ in needed):
            raise AwsError(403, "AccessDenied", "Access Denied")  # the bucket policy's Deny
        identity_id = self.identities.by_access_key.get(access_key or "")
        if identity_id is None:
            return  # the backend's own credentials: their roles are checked in infra/tests
        for action, object_key, prefix in needed:
            if not role_allows(identity_id, action, object_key, prefix):
                resource = f"arn:aws:s3:::{bucket}" + (f"/{object_key}" if object_key else "")
                message = (
                    f"User: arn:aws:sts::{DEFAULT_ACCOUNT_ID}:assumed-role/authenticated/"
                    f"CognitoIdentityCredentials is not authorized to perform: {action} on "
                    f'resource: "{resource}" because no identity-based policy allows it'
                )
                raise AwsError(403, "AccessDenied", message)

    @staticmethod
    def json(start_response, status: int, body: dict) -> list[bytes]:
        """A Cognito identity answer; its endpoint lets any origin read it, as AWS's does."""
        data = json.dumps(body).encode()
        start_response(
            f"{status} {'OK' if status == 200 else 'Bad Request'}",
            [
                ("Content-Type", "application/x-amz-json-1.1"),
                ("Content-Length", str(len(data))),
                ("Access-Control-Allow-Origin", "*"),
                ("Access-Control-Expose-Headers", "x-amzn-RequestId,x-amzn-ErrorType,Date"),
            ],
        )
        return [data]

    @staticmethod
    def s3_error(start_response, error: AwsError, environ) -> list[bytes]:
        """S3's error document, with the CORS headers S3 adds when the bucket's rules allow the
        request's origin (so a browser can read why it was refused)."""
        data = (
            '<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>'
            f"{error.code}</Code><Message>{error.message}</Message>"
            f"<RequestId>{secrets.token_hex(8).upper()}</RequestId></Error>"
        ).encode()
        headers = [("Content-Type", "application/xml"), ("Content-Length", str(len(data)))]
        origin = environ.get("HTTP_ORIGIN")
        if origin and cors_allows(environ.get("PATH_INFO", "").lstrip("/").split("/")[0], origin):
            headers += [("Access-Control-Allow-Origin", origin), ("Vary", "Origin")]
        reason = "Forbidden" if error.status == 403 else "Bad Request"
        start_response(f"{error.status} {reason}", headers)
        return [data]

    def deliver(self, function_arn: str, event: dict[str, Any]) -> None:
        """S3's asynchronous invocation of a notification's function: retried twice, as AWS
        retries asynchronous invocations, then given up with a log line."""
        if not self.lambda_url:
            return
        url = invocation_url(self.lambda_url, function_arn)

        def invoke() -> None:
            # While the API starts or reloads, the event waits for it: Lambda keeps events it
            # cannot run yet (https://docs.aws.amazon.com/lambda/latest/dg/invocation-async.html).
            starting_until = time.monotonic() + API_START_SECONDS
            attempt = 0
            while attempt < 3:
                request = urllib.request.Request(  # noqa: S310 (the local gateway)
                    url,
                    data=json.dumps(event).encode(),
                    headers={"X-Amz-Invocation-Type": "Event", "Content-Type": "application/json"},
                )
                try:
                    with urllib.request.urlopen(request, timeout=30):  # noqa: S310
                        return
                except OSError as error:
                    refused = isinstance(getattr(error, "reason", error), ConnectionRefusedError)
                    if refused and time.monotonic() < starting_until:
                        time.sleep(0.5)
                        continue
                    attempt += 1
                    log.warning("invoking %s failed (attempt %d): %s", url, attempt, error)
                    time.sleep(attempt)

        threading.Thread(target=invoke, daemon=True).start()

    def route_notifications(self) -> None:
        """moto hands Lambda notifications to its own Lambda; send them to ours."""
        from moto.s3 import notifications

        notifications._invoke_awslambda = lambda _account, event, arn, _region: self.notify(
            arn, event
        )

    def notify(self, function_arn: str, event: dict[str, Any]) -> None:
        """Deliver once the request that caused the event is answered (__call__)."""
        pending = getattr(self.notifying, "events", None)
        if pending is None:
            self.deliver(function_arn, event)
        else:
            pending.append((function_arn, event))


def serve_in_thread(host: str, port: int, lambda_url: str | None = None):
    """The front on a background thread (tests); returns the server, `shutdown()` stops it."""
    front = AwsFront(lambda_url)
    front.route_notifications()
    server = make_server(host, port, front, threaded=True, request_handler=MotoRequestHandler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server
