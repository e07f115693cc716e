def test_{{ operation_id | snake }}(client):
    response = client.request({{ method | json }}, {{ sample_path | json }}{% if request_schema %}, json={{ request_example | python }}{% end %})
    assert response.status_code == {{ status }}
{% if response_schema %}
    assert response.json() == {{ response_example | python }}
{% end %}


