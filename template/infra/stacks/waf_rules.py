"""The firewall's rules as plain data: AWS WAF (waf.py) and the local gateway (local/) apply the
same limits and answer a refused request alike.

No CDK import: the local gateway reads it at start.
"""

import json
import re
from dataclasses import dataclass

from .api_routes import ADMIN_PATH
from .gateway_responses import gateway_response_headers

# AWS WAF counts a rate-based rule's requests over this window (60, 120, 300 or 600 seconds):
# the stage's limits (StageConfig.waf_rate_limit, waf_write_rate_limit) are per client IP in it.
WINDOW_SECONDS = 300

# What the stricter rule counts: every call to the user pools (sign-in, sign-up, codes and
# password resets are all POSTs to Cognito's API) and the API's writes.
WRITE_METHODS = ("POST", "PUT", "PATCH", "DELETE")

# The largest body the API's routes take outside ADMIN_PATH: a post (20,000 characters, up to 3
# bytes each in UTF-8, with its title and its pictures' keys). Administrators publish language
# bundles of up to 256 KB under ADMIN_PATH, which the limit leaves out. WAF sees at most the
# first 64 KB of a body (its API Gateway inspection limit, raised from 16 KB in waf.py).
MAX_BODY_BYTES = 64 * 1024

# Paths the body limit leaves out: ADMIN_PATH, as the stage's URL (/<stage>/admin/...) and
# as a custom domain without a base path (/admin/...) would send it to WAF.
UNLIMITED_BODY_PATHS = r"^(/[A-Za-z0-9_-]+)?" + re.escape(ADMIN_PATH) + "/"


@dataclass(frozen=True)
class Refusal:
    """The firewall's own answer to a request it blocks: status and error code, in the body the
    app and the gateway use ({"code": ..., "message": ...})."""

    status: int
    code: str
    message: str

    @property
    def body(self) -> str:
        return json.dumps({"code": self.code, "message": self.message})

    @staticmethod
    def headers(allowed_origins: tuple[str, ...]) -> dict[str, str]:
        """The gateway's CORS headers, with static values only (a WAF custom response cannot
        echo the caller's Origin, so where the gateway echoes it the firewall allows any
        origin: the answer carries no data, and no credentials are allowed)."""
        headers = {}
        for name, value in gateway_response_headers(allowed_origins).items():
            if value.startswith("'"):
                headers[name] = value.strip("'")
        headers.setdefault("Access-Control-Allow-Origin", "*")
        return headers


# The firewall's refusals by the keys of the web ACLs' custom response bodies.
RATE_LIMITED_KEY, BODY_TOO_LARGE_KEY = "rate-limited", "body-too-large"
REFUSALS = {
    RATE_LIMITED_KEY: Refusal(429, "throttled", "Too many requests from your address: try later."),
    BODY_TOO_LARGE_KEY: Refusal(413, "request_too_large", "The request body is too large."),
}


def body_limited(path: str, size: int) -> bool:
    """Whether the body limit refuses a body of this size to this path (the local gateway's
    twin of the rule)."""
    return size > MAX_BODY_BYTES and not re.match(UNLIMITED_BODY_PATHS, path)
