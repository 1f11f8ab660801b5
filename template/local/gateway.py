"""The local stand-in for API Gateway: the same auth rules, then the real Lambda handler.

A request without a valid id token (missing, forged, expired, from another pool, or an access
token) gets 401 before the app runs, as API Gateway's Cognito authorizer does; like it, an id
token for any app client of the pool passes (tokens.TrustedPool says what it checks). The 401
has the gateway responses' body and CORS headers (infra config.GATEWAY_RESPONSES). With
settings.serves_api_docs, /docs and /openapi.json need no token.
Tokens are verified with PyJWT against the local pool's JWKS on the moto server; moto's
tokens carry the real AWS issuer, so issuer and JWKS URL are configured separately.
It also serves twins of the two CloudFront distributions: the files CDN under
LOCAL_FILES_PATH and the public face under LOCAL_PUBLIC_PATH.
As AWS WAF does on a stage with `waf` (infra waf.py), it answers a client IP beyond the stage's
overall rate limit with 429 for a while (API and CDN twins counted apart, as their two web ACLs
do), and a body over MAX_BODY_BYTES outside /admin with 413, in the firewall's body with CORS.
"""

import asyncio
import json
import logging
import os
import re
import time
from collections import defaultdict, deque
from concurrent.futures import ThreadPoolExecutor
from urllib.parse import parse_qsl

from api.app import DOCS_PATHS
from api.settings import get_settings
from api.storage import I18N_PREFIX
from api.tokens import TokenVerifier, TrustedPool, Unauthorized
from stacks.config import (
    ADMIN_PATH,
    BODY_TOO_LARGE_KEY,
    FILES_CSP,
    GATEWAY_RESPONSES,
    INLINE_CONTENT_TYPES,
    LOCAL_FILES_PATH,
    LOCAL_PUBLIC_PATH,
    PUBLIC_NOT_FOUND,
    RATE_LIMITED_KEY,
    REFUSALS,
    WINDOW_SECONDS,
    body_limited,
    gateway_response_headers,
    gateway_response_template,
    public_route,
)

from .events import LambdaContext, authorizer_claims, response_body, rest_event

# CloudFront's answer to a method its behavior does not allow.
NOT_CACHEABLE = (
    b"This distribution is not configured to allow the HTTP request method that was used for "
    b"this request. The distribution supports only cachable requests."
)
# Lambda's Invoke API path (https://docs.aws.amazon.com/lambda/latest/api/API_Invoke.html).
LAMBDA_INVOKE = re.compile(r"/2015-03-31/functions/(?P<name>[^/]+)/invocations")


log = logging.getLogger(__name__)  # one line per refused request: method, path, why


def reason(body: bytes) -> str:
    """The message of the API's error body, else the body's start."""
    try:
        return json.loads(body)["message"]
    except (ValueError, KeyError, TypeError):
        return body[:200].decode(errors="replace") or "no body"


class LocalGateway:
    """An ASGI app (run without lifespan): auth like the REST API, then REST proxy events
    into the Lambda handler."""

    def __init__(
        self,
        handler,
        users: TrustedPool,
        admins: TrustedPool | None,
        allowed_origins: tuple[str, ...],
        websocket=None,  # local/realtime.py's LocalWebSocketApi, with realtime
        functions: dict | None = None,  # function name -> handler, for the Lambda Invoke API
        rate_limit: int | None = None,  # requests per client IP in WINDOW_SECONDS; None: any
    ) -> None:
        self.handler = handler
        self.rate_limit = rate_limit
        self.recent: dict[tuple[str, str], deque[float]] = defaultdict(deque)
        self.websocket = websocket
        self.functions = functions or {}
        self.users = TokenVerifier(users)
        self.admins = TokenVerifier(admins) if admins else None
        self.allowed_origins = allowed_origins
        # Like Lambda containers, each worker has its own event loop (Mangum needs one).
        self.workers = ThreadPoolExecutor(
            max_workers=8, initializer=lambda: asyncio.set_event_loop(asyncio.new_event_loop())
        )

    def verifier_for(self, method: str, path: str) -> TokenVerifier | None:
        """Who must have signed the token for this route; None for public routes."""
        if public_route(method, path) is not None:
            return None
        if method == "GET" and path in DOCS_PATHS and get_settings().serves_api_docs:
            return None
        if self.admins and path.startswith(f"{ADMIN_PATH}/"):
            return self.admins
        return self.users

    async def __call__(self, scope, receive, send) -> None:
        if self.websocket and scope["type"] == "websocket":
            await self.websocket.serve(scope, receive, send)
            return
        headers: dict[str, list[str]] = {}
        for name, value in scope["headers"]:
            headers.setdefault(name.decode("latin-1").title(), []).append(value.decode("latin-1"))
        method, path = scope["method"], scope["path"]
        invoked = LAMBDA_INVOKE.fullmatch(path)
        invoke_call = bool(invoked) and method == "POST" and "X-Amz-Invocation-Type" in headers
        pushed = bool(self.websocket) and path.startswith(self.websocket.management_path)
        internal = invoke_call or pushed  # AWS's own calls (triggers, notifications, pushes)
        client_ip = (scope.get("client") or ("127.0.0.1", 0))[0]
        if not internal and self.over_rate_limit(client_ip, path):
            log.warning("%s %s refused (429): %s over the rate limit", method, path, client_ip)
            await self.respond(send, *self.refusal(RATE_LIMITED_KEY))
            return
        query: dict[str, list[str]] = {}
        for name, value in parse_qsl(scope["query_string"].decode(), keep_blank_values=True):
            query.setdefault(name, []).append(value)
        if path.startswith(LOCAL_PUBLIC_PATH):
            public_path = path.removeprefix(LOCAL_PUBLIC_PATH.rstrip("/"))
            await self.respond(send, *await self.public_face(method, public_path, headers, query))
            return
        if method == "OPTIONS":
            await self.respond(send, 204, self.cors_headers(headers), b"")
            return
        if path.startswith(LOCAL_FILES_PATH) and method in ("GET", "HEAD"):
            answer = await loop_run(self.workers, files_cdn, path.removeprefix(LOCAL_FILES_PATH))
            await self.respond(send, *answer[:2], answer[2] if method == "GET" else b"")
            return
        if invoke_call:
            kind = _first(headers, "X-Amz-Invocation-Type")
            answer = await self.invoke(invoked["name"], await read_body(receive), kind)
            await self.respond(send, *answer)
            return
        if pushed:
            answer = await self.websocket.manage(method, path, await read_body(receive))
            await self.respond(send, *answer)
            return
        body = await read_body(receive)
        if body_limited(path, len(body)):  # WAF, before the authorizer
            log.warning("%s %s refused (413): a body of %s bytes", method, path, len(body))
            await self.respond(send, *self.refusal(BODY_TOO_LARGE_KEY))
            return
        verifier = self.verifier_for(method, path)
        claims = None
        if verifier is not None:
            try:
                claims = authorizer_claims(verifier.verify(_first(headers, "Authorization")))
            except Unauthorized as error:
                log.warning("%s %s refused (401): %s", method, path, error.reason)
                refused = self.gateway_response("UNAUTHORIZED", str(error), headers)
                await self.respond(send, *refused)
                return
        event = rest_event(
            method,
            path,
            headers=headers,
            query=query,
            body=body or None,
            claims=claims,
            source_ip=client_ip,
        )
        await self.respond(send, *await self.call_app(event))

    async def call_app(self, event: dict) -> tuple[int, dict[str, list[str]], bytes]:
        """The Lambda handler's answer to a REST proxy event, on a worker."""
        loop = asyncio.get_running_loop()
        context = LambdaContext("api")
        response = await loop.run_in_executor(self.workers, self.handler, event, context)
        response_headers = dict(response.get("multiValueHeaders") or {})
        for name, value in (response.get("headers") or {}).items():
            response_headers.setdefault(name, [value])
        status, body = response["statusCode"], response_body(response)
        if status >= 400:
            method, path = event["httpMethod"], event["path"]
            log.warning("%s %s refused (%s): %s", method, path, status, reason(body))
        return status, response_headers, body

    async def public_face(
        self, method: str, path: str, headers: dict[str, list[str]], query: dict[str, list[str]]
    ) -> tuple[int, dict[str, list[str]], bytes]:
        """The public face (infra public_api.py) as CloudFront serves it, without its cache: GET
        and HEAD only (CloudFront refuses other methods), a GET of a public route only (anything
        else 404, as its function answers), forwarding none of the viewer's headers or cookies
        (so no token) and only the route's query strings; CORS for any origin and
        nosniff on the way back, as its response headers policy."""
        if method not in ("GET", "HEAD"):
            return 403, {"Content-Type": ["text/plain"]}, NOT_CACHEABLE
        route = public_route(method, path)
        if route is None:
            return 404, {"Content-Type": ["application/json"]}, PUBLIC_NOT_FOUND.encode()
        # CloudFront's own headers in place of the viewer's: https://docs.aws.amazon.com/
        # AmazonCloudFront/latest/DeveloperGuide/RequestAndResponseBehaviorCustomOrigin.html
        forwarded = {"User-Agent": ["Amazon CloudFront"]}
        kept = {name: values for name, values in query.items() if name in route.query}
        event = rest_event(method, path, headers=forwarded, query=kept)
        status, response_headers, body = await self.call_app(event)
        response_headers = {name.lower(): values for name, values in response_headers.items()}
        response_headers["access-control-allow-origin"] = ["*"]
        response_headers["x-content-type-options"] = ["nosniff"]
        return status, response_headers, body

    async def invoke(self, name: str, payload: bytes, kind: str) -> tuple[int, dict, bytes]:
        """Lambda's Invoke API: an asynchronous invocation (`Event`, what S3 notifications make)
        answers 202 at once and runs on a worker; a synchronous one (`RequestResponse`, what
        Cognito's triggers make, from local/aws/) answers with the handler's result, or with
        Lambda's error shape when it raised."""
        function = self.functions.get(name)
        if function is None:
            body = json.dumps({"Type": "User", "Message": f"Function not found: {name}"})
            return 404, {"x-amzn-ErrorType": ["ResourceNotFoundException"]}, body.encode()
        event = json.loads(payload or b"{}")
        context = LambdaContext(name)
        run = asyncio.get_running_loop().run_in_executor(self.workers, function, event, context)
        if kind == "Event":
            return 202, {}, b""
        json_type = {"Content-Type": ["application/json"]}
        try:
            result = await run
        except Exception as error:  # the function's failure, as Lambda reports it
            failure = {"errorMessage": str(error), "errorType": type(error).__name__}
            headers = {**json_type, "X-Amz-Function-Error": ["Unhandled"]}
            return 200, headers, json.dumps(failure).encode()
        return 200, json_type, json.dumps(result).encode()

    def over_rate_limit(self, client_ip: str, path: str) -> bool:
        """Whether this request takes the client beyond the rate limit in the last
        WINDOW_SECONDS (WAF's rate-based rule, counted exactly here; WAF counts every request,
        blocked ones too). The CDN twins count apart from the API, as their web ACLs do."""
        if self.rate_limit is None:
            return False
        face = "cdn" if path.startswith((LOCAL_PUBLIC_PATH, LOCAL_FILES_PATH)) else "api"
        now, seen = time.monotonic(), self.recent[face, client_ip]
        while seen and seen[0] <= now - WINDOW_SECONDS:
            seen.popleft()
        seen.append(now)
        return len(seen) > self.rate_limit

    def refusal(self, key: str) -> tuple[int, dict[str, list[str]], bytes]:
        """The firewall's answer (REFUSALS) with the headers its web ACL sends."""
        refusal = REFUSALS[key]
        headers = {"Content-Type": ["application/json"]}
        for name, value in refusal.headers(self.allowed_origins).items():
            headers[name] = [value]
        return refusal.status, headers, refusal.body.encode()

    def gateway_response(
        self, response_type: str, message: str, headers: dict[str, list[str]]
    ) -> tuple[int, dict[str, list[str]], bytes]:
        """API Gateway's own answer of this type, from the same template and response headers
        the infra gives it: request values (method.request.header.*) filled in, an absent one
        left out."""
        status, code = GATEWAY_RESPONSES[response_type]
        body = gateway_response_template(code).replace(
            "$context.error.messageString", json.dumps(message)
        )
        response_headers = {"Content-Type": ["application/json"]}
        for name, value in gateway_response_headers(self.allowed_origins).items():
            if value.startswith("method.request.header."):
                found = _first(headers, value.removeprefix("method.request.header."))
                if found:
                    response_headers[name] = [found]
            else:
                response_headers[name] = [value.strip("'")]
        return status, response_headers, body.encode()

    def cors_headers(self, headers: dict[str, list[str]]) -> dict[str, list[str]]:
        """API Gateway's answer to a CORS preflight."""
        origin = _first(headers, "Origin")
        allowed = origin if origin in self.allowed_origins else self.allowed_origins[0]
        return {
            "Access-Control-Allow-Origin": [allowed],
            "Access-Control-Allow-Headers": ["Authorization,Content-Type"],
            "Access-Control-Allow-Methods": ["OPTIONS,GET,PUT,POST,DELETE,PATCH,HEAD"],
            "Vary": ["Origin"],
        }

    @staticmethod
    async def respond(send, status: int, headers: dict[str, list[str]], body: bytes) -> None:
        raw = [(n.lower().encode(), v.encode()) for n, values in headers.items() for v in values]
        await send({"type": "http.response.start", "status": status, "headers": raw})
        await send({"type": "http.response.body", "body": body})


def files_cdn(key: str) -> tuple[int, dict[str, list[str]], bytes]:
    """The files CDN (infra storage.py): public/ keys only, read as its origin access control
    reads them (a missing key is 403, as S3 answers a reader without ListBucket), with the
    same response headers and the same download rule for types not shown inline."""
    import boto3

    s3 = boto3.client("s3")
    # Language bundles have a behaviour of their own: CORS for any page (infra storage.py).
    cors = {"Access-Control-Allow-Origin": ["*"]} if key.startswith(I18N_PREFIX) else {}
    refused = (403, {"Content-Type": ["text/plain"], **cors}, b"AccessDenied")
    if not key.startswith("public/"):
        return refused
    try:  # the local S3 refuses a taken-down object, as the bucket's policy does the CDN
        found = s3.get_object(Bucket=os.environ["APP_FILES_BUCKET"], Key=key)
    except (s3.exceptions.NoSuchKey, s3.exceptions.ClientError):
        return refused
    content_type = found.get("ContentType", "binary/octet-stream")
    headers = {
        "Content-Type": [content_type],
        "ETag": [found["ETag"]],
        "X-Content-Type-Options": ["nosniff"],
        "Content-Security-Policy": [FILES_CSP],
        "X-Frame-Options": ["DENY"],
        "Referrer-Policy": ["no-referrer"],
        **cors,
    }
    if content_type.split(";")[0].strip().lower() not in INLINE_CONTENT_TYPES:
        headers["Content-Disposition"] = ["attachment"]
    if "CacheControl" in found:  # CloudFront passes the origin's on (language bundles set it)
        headers["Cache-Control"] = [found["CacheControl"]]
    return 200, headers, found["Body"].read()


async def loop_run(executor, function, *args):
    return await asyncio.get_running_loop().run_in_executor(executor, function, *args)


def _first(headers: dict[str, list[str]], name: str) -> str | None:
    values = headers.get(name.title())
    return values[0] if values else None


async def read_body(receive) -> bytes:
    body = b""
    while True:
        message = await receive()
        body += message.get("body", b"")
        if not message.get("more_body"):
            return body
