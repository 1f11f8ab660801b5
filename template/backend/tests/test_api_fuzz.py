"""Every route fuzzed from the app's own OpenAPI document with Schemathesis, in-process through
the local gateway (the tokens checked as API Gateway's authorizer does, then the real Lambda
handler): the signed-in user's routes with a user's id token, the admin routes with an
administrator's, the public GET routes through the public face's twin (the token sent along
never reaches the app). Checked: no 5xx, every response as documented (status, content type, body),
invalid input refused with a 4xx. Bounded: FUZZ_EXAMPLES cases per route (make test runs this in
every rendered project)."""

import os

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st

from api.app import create_app
from api.handler import handler
from api.tokens import TrustedPool
from stacks.config import LOCAL_PUBLIC_PATH, PUBLIC_ROUTES

from local.gateway import LocalGateway
from samples import CLIENT_ID, PROVIDER, admin_claims, id_token, sign_up

FUZZ_EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "15"))
PUBLIC = {(route.method, route.path) for route in PUBLIC_ROUTES}
schema = schemathesis.openapi.from_dict(
    create_app().openapi(),
    config=schemathesis.Config.from_dict(
        {
            "generation": {"mode": "all"},  # valid and invalid input
            "checks": {
                "enabled": False,
                "not_a_server_error": {"enabled": True},
                "status_code_conformance": {"enabled": True},
                "content_type_conformance": {"enabled": True},
                "response_schema_conformance": {"enabled": True},
                "negative_data_rejection": {"enabled": True},
            },
        }
    ),
)


def lone_surrogates(value, *, in_keys: bool = False):
    """The value with half a UTF-16 pair appended to every string (or every key): JSON can
    escape it ("\\ud800"), Python decodes it, and it cannot be encoded back. Schemathesis
    never generates one, since it cannot be written as UTF-8."""
    if isinstance(value, str):
        return value + "\ud800"
    if isinstance(value, dict):
        return {
            (key + "\udfff" if in_keys else key): lone_surrogates(item, in_keys=in_keys)
            for key, item in value.items()
        }
    if isinstance(value, list):
        return [lone_surrogates(item, in_keys=in_keys) for item in value]
    return value


@schema.hook
def flatmap_body(_context, body):
    return st.sampled_from([body, lone_surrogates(body), lone_surrogates(body, in_keys=True)])


@pytest.fixture
def events():
    """The events the Lambda handler got (since the last clear)."""
    return []


@pytest.fixture
def gateway(aws, events):
    """The local gateway trusting the sample tokens' pool and, with one, the admin pool."""
    region, pool_id = PROVIDER.removeprefix("cognito-idp.").split(".amazonaws.com/")
    endpoint = os.environ["AWS_ENDPOINT_URL"]
    admins = TrustedPool(aws.admin_user_pool_id, CLIENT_ID, aws.region, endpoint)

    def handler_seeing(event, context):
        events.append(event)
        return handler(event, context)

    return LocalGateway(
        handler_seeing,
        users=TrustedPool(pool_id, CLIENT_ID, region, endpoint),
        admins=admins if aws.admin_pool else None,
        allowed_origins=tuple(aws.allowed_origins),
    )


def public_face(gateway):
    """The gateway's twin of the public face, at the API's own paths (as its URL serves them)."""

    async def app(scope, receive, send):
        path = LOCAL_PUBLIC_PATH.rstrip("/") + scope["path"]
        await gateway({**scope, "path": path}, receive, send)

    return app


@pytest.fixture
def member(aws, request):
    """A signed-up user, on a stack that runs jobs in Step Functions as a deployed one does."""
    if aws.batch:
        request.getfixturevalue("state_machine")
    return sign_up("6e7f8a9b-1111-4222-8333-944455556666", "ana@example.com")


@schema.parametrize()
@settings(
    max_examples=FUZZ_EXAMPLES,
    deadline=None,  # moto answers in its own time; the examples bound the run
    suppress_health_check=list(HealthCheck),
    database=None,
)
def test_every_route_keeps_the_contract(case, aws, gateway, events, member):
    # Routes for administrators only are tagged so (app.operation_id).
    claims = admin_claims(aws) if "admin" in case.operation.tags else member
    headers = {"Authorization": id_token(claims)}
    if (case.method, case.path) in PUBLIC and case.method == "GET":
        # As anyone reads it: through the public face, which forwards no header to the app.
        events.clear()
        case.call_and_validate(app=public_face(gateway), headers=headers)
        for event in events:
            assert "Authorization" not in event["headers"], case.path
            assert "authorizer" not in event["requestContext"], case.path
    else:
        case.call_and_validate(app=gateway, headers=headers)
