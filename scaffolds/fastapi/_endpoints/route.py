@router.{{ method_lower }}(
    {{ path | json }},
    tags=[{{ tag | json }}],
    operation_id={{ operation_id | json }},
    summary={{ summary | json }},
    description={{ description | json }},
    status_code={{ status }},
{% if response_schema %}
    response_model=models.{{ response_schema }},
{% else %}
    response_class=Response,
{% end %}
    response_description={{ status_description | json }},
    responses=VALIDATION_ERROR,
)
{% if path_parameters or request_schema %}
def {{ operation_id | snake }}(
{% if request_schema %}
    body: models.{{ request_schema }},
{% end %}
{% for parameter in path_parameters %}
    {{ parameter.name | snake }}: str = Path(..., alias={{ parameter.name | json }}, description={{ parameter.description | json }}),
{% end %}
):
{% else %}
def {{ operation_id | snake }}():
{% end %}
    # Added by apictl add endpoint: do the real work here; openapi.yaml says what this answers.
{% if response_schema %}
    return {{ response_example | python }}
{% else %}
    return Response(status_code={{ status }})
{% end %}


