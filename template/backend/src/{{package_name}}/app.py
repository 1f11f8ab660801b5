"""FastAPI application factory: every route of the product, one app, no sessions."""

from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware

from .routes import files, health, me
from .settings import get_settings


def create_app() -> FastAPI:
    settings = get_settings()
    app = FastAPI(title=settings.project_name, version="0.1.0")
    # API Gateway answers preflight; actual responses need the headers from the app.
    app.add_middleware(
        CORSMiddleware,
        allow_origins=settings.allowed_origins,
        allow_methods=["*"],
        allow_headers=["Authorization", "Content-Type"],
    )
    app.include_router(health.router)
    app.include_router(me.router)
    app.include_router(files.router)
    if settings.admin_pool:
        from .routes import admin

        app.include_router(admin.router)
    if settings.board:  # posts, and their moderation under /admin
        from .routes import posts

        app.include_router(posts.router)
        app.include_router(posts.moderation)
    if settings.batch:  # starting jobs is for administrators: under /admin with the admin pool
        from .routes import jobs

        app.include_router(jobs.router, prefix="/admin" if settings.admin_pool else "")
    return app
