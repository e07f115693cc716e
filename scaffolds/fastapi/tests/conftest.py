"""A fresh app and TestClient for each test, so tests never share stored items."""

import pytest
from fastapi.testclient import TestClient

from {{ package }}.main import create_app
from {{ package }}.settings import Settings


@pytest.fixture
def client() -> TestClient:
    return TestClient(create_app(Settings()))
