"""The public face: a CloudFront distribution of its own in front of the REST API's stage.

It serves the public GET routes (api_routes.PUBLIC_ROUTES) and nothing else, caches them for as
long as the app's Cache-Control says (keyed on the path and the query strings each route
declares), and never passes on a caller's token or cookies, so the app behind it cannot tell who
asked.
"""

import json

import aws_cdk as cdk
from aws_cdk import aws_apigateway as apigw
from aws_cdk import aws_cloudfront as cloudfront
from aws_cdk import aws_cloudfront_origins as origins
from aws_cdk import aws_s3 as s3
from constructs import Construct

from .api_routes import PUBLIC_NOT_FOUND, PUBLIC_ROUTES, PublicRoute
from .cdn import (
    EDGE_FINDINGS,
    no_standard_log_findings,
    public_data_cors,
    standard_log_settings,
)
from .config import ProjectConfig, StageConfig
from .nag import acknowledge

# The longest CloudFront keeps a response, whatever max-age the app sets.
MAX_TTL = cdk.Duration.hours(1)

# A CloudFront Function (cloudfront-js-2.0, which can answer with a body) on the viewer requests
# of every behavior: a request that is not a GET of a public route's path is answered 404 at the
# edge, as the local twin answers it.
ROUTES_FUNCTION = """var ROUTES = %s;
function handler(event) {
  var request = event.request;
  for (var i = 0; i < ROUTES.length; i++) {
    if (request.method === 'GET' && new RegExp(ROUTES[i]).test(request.uri)) {
      return request;
    }
  }
  return {
    statusCode: 404,
    statusDescription: 'Not Found',
    headers: {'content-type': {value: 'application/json'}},
    body: {encoding: 'text', data: %s}
  };
}
"""

ORIGIN_LOGS = "the API stage's access logs still record every request that reaches the origin."


def public_get_routes() -> list[PublicRoute]:
    """The routes the public face serves, most specific path pattern first (CloudFront takes
    the first behavior whose pattern matches)."""
    routes = [route for route in PUBLIC_ROUTES if route.method == "GET"]
    return sorted(routes, key=lambda r: (-r.path.count("/"), r.path_pattern.count("*")))


class PublicApi(Construct):
    def __init__(
        self,
        scope: Construct,
        id: str,
        *,
        project: ProjectConfig,
        stage: StageConfig,
        rest_api: apigw.RestApi,
        logs_bucket: s3.IBucket,
    ) -> None:
        super().__init__(scope, id)
        routes = public_get_routes()
        patterns = [route.path_pattern for route in routes]
        if len(set(patterns)) != len(patterns):
            raise ValueError(f"Two public GET routes share a CloudFront path pattern: {patterns}")
        # The API by its id, not its URL (RestApiOrigin): the URL names the deployment stage,
        # which depends on the function, whose settings name the web app's origin, whose
        # Content-Security-Policy names this distribution (a cycle).
        stack = cdk.Stack.of(self)
        origin = origins.HttpOrigin(
            f"{rest_api.rest_api_id}.execute-api.{stack.region}.{stack.url_suffix}",
            origin_path=f"/{stage.name}",
            protocol_policy=cloudfront.OriginProtocolPolicy.HTTPS_ONLY,
        )
        only_public_routes = cloudfront.FunctionAssociation(
            event_type=cloudfront.FunctionEventType.VIEWER_REQUEST,
            function=cloudfront.Function(
                self,
                "RoutesFunction",
                function_name=stage.resource_name(project, "public-routes"),
                code=cloudfront.FunctionCode.from_inline(
                    ROUTES_FUNCTION
                    % (
                        json.dumps([route.pattern for route in routes]),
                        json.dumps(PUBLIC_NOT_FOUND),
                    )
                ),
                runtime=cloudfront.FunctionRuntime.JS_2_0,
                comment="Answer 404 to anything but the public GET routes",
            ),
        )
        # Nothing of the viewer's request reaches the API but the path and the cache key's query
        # strings: no Authorization (CloudFront forwards it only when a cache policy keys on it),
        # no cookies, no headers.
        no_caller = cloudfront.OriginRequestPolicy(
            self,
            "NoCaller",
            comment="Forward no viewer headers, cookies or other query strings to the API",
            header_behavior=cloudfront.OriginRequestHeaderBehavior.none(),
            cookie_behavior=cloudfront.OriginRequestCookieBehavior.none(),
            query_string_behavior=cloudfront.OriginRequestQueryStringBehavior.none(),
        )
        headers = cloudfront.ResponseHeadersPolicy(
            self,
            "Headers",
            comment="CORS for any origin (public data, no credentials), no sniffing",
            # Any origin: what it serves anyone may read, and no credentials are allowed. (The
            # stage's origins would include the web app's, whose CSP names this distribution:
            # a dependency cycle.)
            cors_behavior=public_data_cors(),
            security_headers_behavior=cloudfront.ResponseSecurityHeadersBehavior(
                content_type_options=cloudfront.ResponseHeadersContentTypeOptions(override=True),
            ),
        )
        cache_policies: dict[tuple[str, ...], cloudfront.CachePolicy] = {}

        def behavior(query: tuple[str, ...]) -> cloudfront.BehaviorOptions:
            if query not in cache_policies:  # one policy per query set (20 per account)
                cache_policies[query] = self._cache_policy(query)
            return cloudfront.BehaviorOptions(
                origin=origin,
                cache_policy=cache_policies[query],
                origin_request_policy=no_caller,
                response_headers_policy=headers,
                viewer_protocol_policy=cloudfront.ViewerProtocolPolicy.HTTPS_ONLY,
                allowed_methods=cloudfront.AllowedMethods.ALLOW_GET_HEAD,
                function_associations=[only_public_routes],
            )

        self.distribution = cloudfront.Distribution(
            self,
            "Distribution",
            comment=f"{project.slug} {stage.name} public API",
            # Reached by no public path: the function answers 404 to all it gets.
            default_behavior=behavior(()),
            additional_behaviors={route.path_pattern: behavior(route.query) for route in routes},
            price_class=cloudfront.PriceClass.PRICE_CLASS_100,
            http_version=cloudfront.HttpVersion.HTTP2_AND_3,
            **standard_log_settings(project, stage, logs_bucket, "public-api"),
        )
        acknowledge(
            self.distribution,
            EDGE_FINDINGS + no_standard_log_findings(project, stage, ORIGIN_LOGS),
        )

    def _cache_policy(self, query: tuple[str, ...]) -> cloudfront.CachePolicy:
        """Keyed on the path and these query strings only; for as long as the response's
        Cache-Control says (nothing without one), at most MAX_TTL."""
        return cloudfront.CachePolicy(
            self,
            ("Cache" + "".join(name.title() for name in query)) if query else "CachePathOnly",
            comment=f"Public GET routes: the path{''.join(f', {name}' for name in query)}",
            min_ttl=cdk.Duration.seconds(0),
            default_ttl=cdk.Duration.seconds(0),
            max_ttl=MAX_TTL,
            header_behavior=cloudfront.CacheHeaderBehavior.none(),
            cookie_behavior=cloudfront.CacheCookieBehavior.none(),
            query_string_behavior=(
                cloudfront.CacheQueryStringBehavior.allow_list(*query)
                if query
                else cloudfront.CacheQueryStringBehavior.none()
            ),
            enable_accept_encoding_gzip=True,
            enable_accept_encoding_brotli=True,
        )

    @property
    def url(self) -> str:
        return f"https://{self.distribution.distribution_domain_name}/"
