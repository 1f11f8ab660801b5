"""The public routes (infra config.PUBLIC_ROUTES) as the app serves them. The public face keys
its cache on the path and each route's declared query strings and forwards nothing else: a
query string, header or cookie the app reads but the list leaves out would never arrive."""

from api.app import create_app
from stacks.config import PUBLIC_ROUTES


def test_each_public_route_declares_exactly_what_the_app_reads():
    paths = create_app().openapi()["paths"]
    for route in PUBLIC_ROUTES:
        operation = paths.get(route.path, {}).get(route.method.lower())
        assert operation, f"{route.method} {route.path} is listed public; the app has no such route"
        parameters = operation.get("parameters", [])
        read = {p["name"] for p in parameters if p["in"] == "query"}
        assert read == set(route.query), f"{route.path}: the app reads {sorted(read)}"
        assert not [p["name"] for p in parameters if p["in"] in ("header", "cookie")], route.path
