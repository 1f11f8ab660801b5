"""API Gateway's own answers (the authorizer's 401, 429, 5xx...) in the app's error body, as plain
data: API Gateway (api.py) and the local gateway answer alike."""

# API Gateway's own answers (gateway responses) -> (status, code): the same body as the app's
# errors (backend errors.py, whose ErrorCode has these codes), {"code": ..., "message": ...},
# with CORS headers, from the gateway on AWS and the local gateway alike. DEFAULT_4XX/5XX
# cover every other type (https://docs.aws.amazon.com/apigateway/latest/developerguide/
# supported-gateway-response-types.html).
GATEWAY_RESPONSES = {
    "UNAUTHORIZED": (401, "unauthorized"),
    "ACCESS_DENIED": (403, "access_denied"),
    "REQUEST_TOO_LARGE": (413, "request_too_large"),
    "THROTTLED": (429, "throttled"),
    "DEFAULT_4XX": ("4XX", "request_refused"),
    "DEFAULT_5XX": ("5XX", "gateway_error"),
}


def gateway_response_template(code: str) -> str:
    """The error body as a gateway response template: API Gateway fills in $context variables
    (the message comes JSON-quoted) and nothing else (no VTL)."""
    return '{"code": "' + code + '", "message": $context.error.messageString}'


def gateway_response_headers(allowed_origins: tuple[str, ...]) -> dict[str, str]:
    """CORS headers of the gateway's own answers. A gateway response header is one static
    value or a request value, with no condition: one allowed origin is named; with several,
    the request's Origin is echoed, so any origin can read the gateway's errors (they carry no
    data, and no credentials are allowed); with none, any origin, as the preflight answers."""
    if len(allowed_origins) == 1:
        return {"Access-Control-Allow-Origin": f"'{allowed_origins[0]}'"}
    if not allowed_origins:
        return {"Access-Control-Allow-Origin": "'*'"}
    return {"Access-Control-Allow-Origin": "method.request.header.Origin", "Vary": "'Origin'"}
