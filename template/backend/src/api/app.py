"""FastAPI application factory: every route of the product, one app, no sessions."""

from collections.abc import Callable

from fastapi import APIRouter, FastAPI
from fastapi.middleware.cors import CORSMiddleware
from fastapi.routing import APIRoute
from starlette.routing import BaseRoute, Match
from starlette.types import Receive, Scope, Send

from . import errors, logs
from .routes import files, health, i18n, me
from .settings import get_settings

# The API's own description, served only where settings.serves_api_docs (the local stack);
# `make openapi` writes the same document to build/openapi.json for client generators.
DOCS_PATHS = ("/docs", "/openapi.json")


def operation_id(route: APIRoute) -> str:
    """`<first tag>-<route name>` in kebab case (files-create-upload, me-read): the names a
    generated client gives its functions. Name a route (`name=`) where the function's name
    reads badly. Routes for administrators only are tagged "admin" too."""
    return f"{route.tags[0]}-{route.name}".replace("_", "-")


class RoutesOnFirstUse(BaseRoute):
    """Stands in for a router under `prefix` until a request reaches it (or the OpenAPI document
    is built), then imports it and hands the request over: its routes cost the cold start
    nothing. FastAPI builds each route's models when its module is imported, ~4 ms a route
    (`make bench`), so a feature whose routes are called seldom after a cold start waits here."""

    def __init__(self, app: FastAPI, prefix: str, load: Callable[[], APIRouter]) -> None:
        self.owner, self.prefix, self.load = app, prefix, load

    def matches(self, scope: Scope) -> tuple[Match, Scope]:
        path = scope["path"].removeprefix(scope.get("root_path", ""))
        reached = path == self.prefix or path.startswith(self.prefix + "/")
        return (Match.FULL if scope["type"] == "http" and reached else Match.NONE), {}

    def include(self) -> None:
        if self in self.owner.router.routes:
            self.owner.router.routes.remove(self)
            self.owner.include_router(self.load())

    async def handle(self, scope: Scope, receive: Receive, send: Send) -> None:
        self.include()
        await self.owner.router.app(scope, receive, send)  # routed again, to the real routes


def create_app() -> FastAPI:
    settings = get_settings()
    docs = settings.serves_api_docs
    app = FastAPI(
        title=settings.project_name,
        version="0.1.0",
        generate_unique_id_function=operation_id,
        openapi_url=DOCS_PATHS[1] if docs else None,
        docs_url=DOCS_PATHS[0] if docs else None,
        redoc_url=None,
    )
    errors.install(app)
    on_first_use: list[RoutesOnFirstUse] = []

    def include_on_first_use(prefix: str, load: Callable[[], APIRouter]) -> None:
        on_first_use.append(RoutesOnFirstUse(app, prefix, load))
        app.router.routes.append(on_first_use[-1])

    def document() -> dict:
        for routes in on_first_use:
            routes.include()
        return errors.document(app)

    app.openapi = document
    # API Gateway answers preflight; actual responses need the headers from the app.
    app.add_middleware(
        CORSMiddleware,
        allow_origins=settings.allowed_origins,
        allow_methods=["*"],
        allow_headers=["Authorization", "Content-Type"],
    )
    app.add_middleware(logs.RequestLog)  # outermost of ours: preflight answers are requests too
    app.include_router(health.router)
    app.include_router(me.router)
    app.include_router(files.router)
    app.include_router(files.moderation)  # administrators' removals, under /admin
    app.include_router(i18n.router)  # publishing language bundles, under /admin
    if settings.admin_pool:
        from .routes import admin

        app.include_router(admin.router)
    if settings.board:  # posts, and their moderation under /admin
        from .routes import posts

        app.include_router(posts.router)
        app.include_router(posts.moderation)
    if settings.realtime:  # direct messages, kept, and finding people

        def chat() -> APIRouter:
            from .routes import chat

            return chat.router

        include_on_first_use("/chat", chat)
    if settings.batch:  # starting jobs is for administrators: under /admin with the admin pool
        from .routes import jobs

        app.include_router(jobs.router, prefix="/admin" if settings.admin_pool else "")
    return app
