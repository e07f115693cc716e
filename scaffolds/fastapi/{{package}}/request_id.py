"""X-Request-ID on every response, and in the access line the app logs, so a client's report can be matched
to the server's log.

A client's own id is kept when it is 1 to 128 visible ASCII characters (a proxy's or a caller's trace id);
otherwise, or without one, the request gets a fresh random id. Routes find it in `request.state.request_id`.
"""

import logging
import re
import uuid
from typing import Optional

from fastapi import FastAPI, Request

from .errors import error_response

HEADER = "X-Request-ID"
VALID_ID = re.compile(r"[\x21-\x7e]{1,128}")

access_log = logging.getLogger("{{ package }}.access")


def request_id_for(client_id: Optional[str]) -> str:
    """The client's id if it is valid, else a new one."""
    if client_id is not None and VALID_ID.fullmatch(client_id):
        return client_id
    return uuid.uuid4().hex


def install_request_id(app: FastAPI) -> None:
    # uvicorn configures only its own loggers: without a handler of its own the access line would not show.
    if not access_log.handlers:
        handler = logging.StreamHandler()
        handler.setFormatter(logging.Formatter("%(levelname)s:     %(message)s"))
        access_log.addHandler(handler)
        access_log.setLevel(logging.INFO)

    @app.middleware("http")
    async def tag_with_request_id(request: Request, call_next):
        request_id = request_id_for(request.headers.get(HEADER))
        request.state.request_id = request_id
        try:
            response = await call_next(request)
        except Exception:
            # Answered here rather than by Starlette, so a failure's response carries the id its traceback is
            # logged with.
            access_log.exception("%s %s 500 request_id=%s", request.method, request.url.path, request_id)
            response = error_response(500, "internal_error", "the server failed to answer the request")
        else:
            status = response.status_code
            access_log.info("%s %s %d request_id=%s", request.method, request.url.path, status, request_id)
        response.headers[HEADER] = request_id
        return response
