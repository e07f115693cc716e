"""GET /healthz: answers 200 while the process serves requests."""

from fastapi import APIRouter

from .. import __version__
from ..models import Health

router = APIRouter(tags=["health"])


@router.get(
    "/healthz",
    response_model=Health,
    operation_id="getHealth",
    summary="Report that the service is up",
    description="Answers 200 with the running version while the service accepts requests.",
    response_description="The service is up.",
)
def get_health() -> Health:
    return Health(status="ok", version=__version__)
