"""Liveness probe: public (listed as such in the infra), touches nothing."""

from fastapi import APIRouter

from ..errors import ANY_ROUTE, responses

router = APIRouter(tags=["health"], responses=responses(*ANY_ROUTE))


@router.get("/health")
def check() -> dict[str, str]:
    return {"status": "ok"}
