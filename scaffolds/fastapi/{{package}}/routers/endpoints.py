"""Endpoints added with `apictl add endpoint`, each with its test in tests/test_endpoints.py.

A new route answers with a sample until you write its body. Keep its decorator in step with openapi.yaml:
tests/test_contract.py fails when they drift.
"""

from fastapi import APIRouter, Path, Response

from .. import models
from ..errors import Error

router = APIRouter()

VALIDATION_ERROR = {422: {"model": Error, "description": "The request is not valid."}}


# apictl:routes - apictl add endpoint adds routes above this line.
