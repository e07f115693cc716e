"""The one error shape every failing response has: {"code": ..., "message": ...}.

Handlers here turn the `ApiError`s routes raise, request validation failures and Starlette's own HTTP errors
(unknown path, wrong method) into that shape, so clients parse one thing.
"""

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field
from starlette.exceptions import HTTPException as StarletteHTTPException


class Error(BaseModel):
    """The body of every error response."""

    code: str = Field(..., description="A stable, machine-readable code such as not_found or validation_error")
    message: str = Field(..., description="What went wrong, for people")


class ApiError(Exception):
    """Raise to answer with an error response: ApiError(404, "not_found", "Item 7 does not exist")."""

    def __init__(self, status_code: int, code: str, message: str) -> None:
        super().__init__(message)
        self.status_code = status_code
        self.code = code
        self.message = message


def error_response(status_code: int, code: str, message: str) -> JSONResponse:
    return JSONResponse(status_code=status_code, content={"code": code, "message": message})


def describe_validation_errors(errors) -> str:
    parts = []
    for error in errors:
        location = ".".join(str(part) for part in error.get("loc", ()))
        parts.append(f"{location}: {error.get('msg', 'invalid')}")
    return "; ".join(parts) or "the request is not valid"


def install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(ApiError)
    async def handle_api_error(request: Request, error: ApiError) -> JSONResponse:
        return error_response(error.status_code, error.code, error.message)

    @app.exception_handler(RequestValidationError)
    async def handle_validation_error(request: Request, error: RequestValidationError) -> JSONResponse:
        return error_response(422, "validation_error", describe_validation_errors(error.errors()))

    @app.exception_handler(StarletteHTTPException)
    async def handle_http_error(request: Request, error: StarletteHTTPException) -> JSONResponse:
        code = {404: "not_found", 405: "method_not_allowed"}.get(error.status_code, f"http_{error.status_code}")
        return error_response(error.status_code, code, str(error.detail))
