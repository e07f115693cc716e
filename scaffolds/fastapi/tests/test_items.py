def test_a_created_item_can_be_read_back(client):
    created = client.post("/items", json={"name": "Teapot", "price": 12.5})
    assert created.status_code == 201
    item = created.json()
    assert item == {"id": 1, "name": "Teapot", "price": 12.5}

    fetched = client.get(f"/items/{item['id']}")
    assert fetched.status_code == 200
    assert fetched.json() == item


def test_items_are_listed_in_creation_order_up_to_the_limit(client):
    for name in ("a", "b", "c"):
        assert client.post("/items", json={"name": name, "price": 1}).status_code == 201
    listed = client.get("/items", params={"limit": 2})
    assert listed.status_code == 200
    assert [item["name"] for item in listed.json()] == ["a", "b"]


def test_a_missing_item_is_a_not_found_error(client):
    response = client.get("/items/42")
    assert response.status_code == 404
    assert response.json() == {"code": "not_found", "message": "item 42 does not exist"}


def test_an_invalid_body_is_a_validation_error_in_the_error_shape(client):
    response = client.post("/items", json={"name": "", "price": -1})
    assert response.status_code == 422
    body = response.json()
    assert body["code"] == "validation_error"
    assert "body.name" in body["message"] and "body.price" in body["message"]


def test_an_out_of_range_limit_is_a_validation_error(client):
    response = client.get("/items", params={"limit": 0})
    assert response.status_code == 422
    assert response.json()["code"] == "validation_error"


def test_an_unknown_path_answers_in_the_error_shape(client):
    response = client.get("/no-such-path")
    assert response.status_code == 404
    assert response.json()["code"] == "not_found"
