import logging
import re

from fastapi.testclient import TestClient

from {{ package }}.main import create_app
from {{ package }}.request_id import HEADER
from {{ package }}.settings import Settings

GENERATED_ID = re.compile(r"[0-9a-f]{32}")


def test_a_valid_client_id_is_echoed(client):
    response = client.get("/healthz", headers={HEADER: "client-trace-42"})
    assert response.status_code == 200
    assert response.headers[HEADER] == "client-trace-42"
    longest = "x" * 128
    assert client.get("/healthz", headers={HEADER: longest}).headers[HEADER] == longest


def test_a_request_without_an_id_gets_a_fresh_one(client):
    first = client.get("/healthz").headers[HEADER]
    second = client.get("/healthz").headers[HEADER]
    assert GENERATED_ID.fullmatch(first) and GENERATED_ID.fullmatch(second)
    assert first != second


def test_an_invalid_client_id_is_replaced(client):
    for invalid in ("two words", "x" * 129):
        response = client.get("/healthz", headers={HEADER: invalid})
        assert GENERATED_ID.fullmatch(response.headers[HEADER]), invalid


def test_error_responses_carry_the_id_too(client):
    assert client.get("/items/42", headers={HEADER: "abc"}).headers[HEADER] == "abc"
    assert client.get("/no-such-path", headers={HEADER: "abc"}).headers[HEADER] == "abc"
    assert client.post("/items", json={}, headers={HEADER: "abc"}).headers[HEADER] == "abc"


def test_the_access_line_names_the_id(client, caplog):
    caplog.set_level(logging.INFO)
    client.get("/items/42", headers={HEADER: "report-7"})
    assert "GET /items/42 404 request_id=report-7" in caplog.messages


def test_a_failing_route_answers_500_with_the_id_it_is_logged_with(caplog):
    app = create_app(Settings())

    @app.get("/fails")
    def fails():
        raise RuntimeError("the database is gone")

    response = TestClient(app).get("/fails", headers={HEADER: "report-8"})
    assert response.status_code == 500
    assert response.json()["code"] == "internal_error"
    assert response.headers[HEADER] == "report-8"
    failure = next(record for record in caplog.records if "request_id=report-8" in record.getMessage())
    assert failure.exc_info and "the database is gone" in str(failure.exc_info[1])
