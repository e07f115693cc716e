"""The app factory: `create_app()` builds a fresh app (tests make one each); `app` is what uvicorn serves."""

from typing import Optional

from fastapi import FastAPI

from . import __version__
from .errors import install_error_handlers
from .routers import endpoints, health, items
from .settings import Settings
from .store import ItemStore


def create_app(settings: Optional[Settings] = None) -> FastAPI:
    settings = settings or Settings.from_environment()
    app = FastAPI(
        title="{{ project_name }}",
        version=__version__,
        description={{ description | json }},
        docs_url="/docs" if settings.docs_enabled else None,
        redoc_url=None,
    )
    app.state.settings = settings
    app.state.item_store = ItemStore()
    install_error_handlers(app)
    # Routes added by `apictl add endpoint` come first, so a new literal path (/items/search) is matched
    # before an existing path with a parameter in its place (/items/{item_id}).
    app.include_router(endpoints.router)
    app.include_router(health.router)
    app.include_router(items.router)
    return app


app = create_app()
