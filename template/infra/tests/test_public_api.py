"""The public face (public_api.py): the public GET routes through CloudFront, cached on the path
and each route's declared query strings, and never with a caller's token or cookies."""

import fnmatch
import json
import re
import shutil
import subprocess

import pytest

from stacks.config import PUBLIC_NOT_FOUND, PUBLIC_ROUTES

GET_ROUTES = [route for route in PUBLIC_ROUTES if route.method == "GET"]


def sample_path(route) -> str:
    return re.sub(r"\{[^}]+\}", "abc-123", route.path)


@pytest.fixture(scope="module")
def public_face(dev_template):
    """The public face's distribution config and the policies and function it names (the stack
    has other distributions: the files CDN, the web app's)."""
    distributions = dev_template.find_resources("AWS::CloudFront::Distribution")
    ((distribution_id, distribution),) = [
        (logical_id, found)
        for logical_id, found in distributions.items()
        if logical_id.startswith("PublicApi")
    ]
    config = distribution["Properties"]["DistributionConfig"]
    (association,) = config["DefaultCacheBehavior"]["FunctionAssociations"]
    function_id = association["FunctionARN"]["Fn::GetAtt"][0]
    return {
        "distribution_id": distribution_id,
        "config": config,
        "cache": dev_template.find_resources("AWS::CloudFront::CachePolicy"),
        "origin_request": dev_template.find_resources("AWS::CloudFront::OriginRequestPolicy"),
        "headers": dev_template.find_resources("AWS::CloudFront::ResponseHeadersPolicy"),
        "function_id": function_id,
        "function": dev_template.find_resources("AWS::CloudFront::Function")[function_id],
    }


def behaviors(public_face) -> list[dict]:
    """Every cache behavior, in CloudFront's order, the default last."""
    config = public_face["config"]
    return [*config["CacheBehaviors"], config["DefaultCacheBehavior"]]


def named(resources: dict, reference: dict) -> dict:
    return resources[reference["Ref"]]["Properties"]


def test_one_behavior_per_public_get_route_and_the_first_match_is_its_own(public_face):
    ordered = public_face["config"]["CacheBehaviors"]
    assert len(ordered) == len(GET_ROUTES)
    for route in GET_ROUTES:
        path = sample_path(route)
        first = next(b for b in ordered if fnmatch.fnmatchcase(path, b["PathPattern"]))
        assert first["PathPattern"] == route.path_pattern, route.path


def test_each_route_is_cached_on_its_path_and_declared_query_strings_only(public_face):
    by_pattern = {b["PathPattern"]: b for b in public_face["config"]["CacheBehaviors"]}
    for route in GET_ROUTES:
        policy = named(public_face["cache"], by_pattern[route.path_pattern]["CachePolicyId"])
        config = policy["CachePolicyConfig"]
        key = config["ParametersInCacheKeyAndForwardedToOrigin"]
        assert key["HeadersConfig"] == {"HeaderBehavior": "none"}, route.path
        assert key["CookiesConfig"] == {"CookieBehavior": "none"}, route.path
        query = key["QueryStringsConfig"]
        if route.query:
            assert query["QueryStringBehavior"] == "whitelist"
            assert sorted(query["QueryStrings"]) == sorted(route.query), route.path
        else:
            assert query == {"QueryStringBehavior": "none"}, route.path
        # The app's Cache-Control decides; without one nothing is kept.
        assert (config["MinTTL"], config["DefaultTTL"]) == (0, 0)
        assert 0 < config["MaxTTL"] <= 24 * 3600


def test_no_token_cookie_or_header_of_the_caller_reaches_the_api(public_face):
    for behavior in behaviors(public_face):
        policy = named(public_face["origin_request"], behavior["OriginRequestPolicyId"])
        config = policy["OriginRequestPolicyConfig"]
        assert config["HeadersConfig"] == {"HeaderBehavior": "none"}
        assert config["CookiesConfig"] == {"CookieBehavior": "none"}
        assert config["QueryStringsConfig"] == {"QueryStringBehavior": "none"}
        # CloudFront forwards Authorization only when a cache policy keys on it.
        cache = named(public_face["cache"], behavior["CachePolicyId"])
        assert "Authorization" not in json.dumps(cache)


def test_https_get_and_head_only_with_the_routes_function_on_every_behavior(public_face):
    function = public_face["function"]["Properties"]
    assert function["FunctionConfig"]["Runtime"] == "cloudfront-js-2.0"
    for behavior in behaviors(public_face):
        assert behavior["ViewerProtocolPolicy"] == "https-only"
        assert behavior["AllowedMethods"] == ["GET", "HEAD"]
        (association,) = behavior["FunctionAssociations"]
        assert association["EventType"] == "viewer-request"
        assert association["FunctionARN"]["Fn::GetAtt"][0] == public_face["function_id"]


def test_the_origin_is_the_api_stage_over_https(public_face):
    (origin,) = public_face["config"]["Origins"]
    assert origin["OriginPath"] == "/dev"
    assert origin["CustomOriginConfig"]["OriginProtocolPolicy"] == "https-only"
    assert "RestApi" in json.dumps(origin["DomainName"])


def test_answers_carry_cors_for_any_origin_and_nosniff(public_face):
    (policy_id,) = {b["ResponseHeadersPolicyId"]["Ref"] for b in behaviors(public_face)}
    config = public_face["headers"][policy_id]["Properties"]["ResponseHeadersPolicyConfig"]
    cors = config["CorsConfig"]
    # Public data without credentials; the stage's origins would make a cycle with the web app.
    assert cors["AccessControlAllowOrigins"]["Items"] == ["*"]
    assert cors["AccessControlAllowMethods"]["Items"] == ["GET", "HEAD"]
    assert cors["AccessControlAllowCredentials"] is False
    assert config["SecurityHeadersConfig"]["ContentTypeOptions"] == {"Override": True}


def viewer_request(method: str, uri: str) -> dict:
    return {"method": method, "uri": uri, "headers": {}, "querystring": {}, "cookies": {}}


def run_routes_function(public_face, requests: list[dict]) -> list[dict]:
    """The synthesized function's answers (node runs cloudfront-js-2.0 code as written)."""
    node = shutil.which("node")
    assert node, "node is needed to run the CloudFront Function"
    runner = (
        public_face["function"]["Properties"]["FunctionCode"]
        + "\nconst requests = JSON.parse(process.argv[1]);\n"
        + "console.log(JSON.stringify(requests.map((request) => handler({request}))));\n"
    )
    done = subprocess.run(  # noqa: S603
        [node, "-e", runner, json.dumps(requests)], capture_output=True, text=True, timeout=30
    )
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def test_the_edge_answers_404_to_anything_but_the_public_get_routes(public_face):
    listed = [("GET", sample_path(route)) for route in GET_ROUTES]
    unlisted = [
        ("GET", "/me"),
        ("GET", "/admin/users"),
        ("GET", "/"),
        ("GET", "/health/"),
        ("GET", "/healthz"),
        ("HEAD", "/health"),
        *[("GET", sample_path(route) + "/x/y") for route in GET_ROUTES],
    ]
    requests = [viewer_request(method, uri) for method, uri in listed + unlisted]
    answers = run_routes_function(public_face, requests)
    for request, answer in zip(requests[: len(listed)], answers, strict=False):
        assert answer == request  # passed on unchanged
    for (method, uri), answer in zip(unlisted, answers[len(listed) :], strict=True):
        assert answer["statusCode"] == 404, (method, uri)
        assert answer["body"] == {"encoding": "text", "data": PUBLIC_NOT_FOUND}


def test_the_public_url_is_a_stack_output(dev_template, public_face):
    output = dev_template.to_json()["Outputs"]["PublicApiUrl"]["Value"]
    assert public_face["distribution_id"] in json.dumps(output)
