"""openapi.yaml is the source of truth: this test fails when the app's generated OpenAPI drifts from it.

FastAPI's document differs from the contract in form (titles, descriptions, the OpenAPI version, Pydantic
1 or 2 details), so both are reduced to what clients depend on before comparing: the operations (path and
method), their operationIds, tags, parameters, request bodies, response codes and response schemas, and
every component schema's types, properties, required lists and constraints.
"""

from pathlib import Path

import yaml

from {{ package }}.main import create_app

CONTRACT = Path(__file__).resolve().parent.parent / "openapi.yaml"
METHODS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")
# Annotations that do not change what a client may send or receive.
ANNOTATIONS = {"title", "description", "example", "examples", "externalDocs", "deprecated"}


def normalise(schema):
    """A schema without annotations; a single-entry allOf (Pydantic 1's way to annotate a $ref) unwrapped."""
    if isinstance(schema, list):
        return [normalise(item) for item in schema]
    if not isinstance(schema, dict):
        return schema
    if set(schema) - ANNOTATIONS == {"allOf"} and len(schema["allOf"]) == 1:
        return normalise(schema["allOf"][0])
    result = {}
    for key, value in schema.items():
        if key in ANNOTATIONS or key.startswith("x-"):
            continue
        if key == "properties":
            result[key] = {name: normalise(item) for name, item in value.items()}
        elif key == "required":
            result[key] = sorted(value)
        else:
            result[key] = normalise(value)
    return result


def resolve(document, node):
    """Follows a local $ref to a component other than a schema (schemas are compared by name)."""
    while isinstance(node, dict) and str(node.get("$ref", "")).startswith("#/components/"):
        if node["$ref"].startswith("#/components/schemas/"):
            break
        target = document
        for part in node["$ref"][2:].split("/"):
            target = target[part]
        node = target
    return node


def json_schema(document, holder):
    content = resolve(document, holder).get("content", {})
    media = content.get("application/json")
    return normalise(media.get("schema")) if media else None


def operations(document):
    """{(METHOD, path): what a client depends on} for every operation of the document."""
    result = {}
    for path, item in document.get("paths", {}).items():
        for method in METHODS:
            operation = item.get(method)
            if operation is None:
                continue
            parameters = {}
            for parameter in item.get("parameters", []) + operation.get("parameters", []):
                parameter = resolve(document, parameter)
                parameters[(parameter["name"], parameter["in"])] = {
                    "required": bool(parameter.get("required", False)),
                    "schema": normalise(parameter.get("schema")),
                }
            body = operation.get("requestBody")
            result[(method.upper(), path)] = {
                "operationId": operation.get("operationId"),
                "tags": sorted(operation.get("tags", [])),
                "parameters": parameters,
                "requestBody": json_schema(document, body) if body else None,
                "requestBody required": bool(resolve(document, body).get("required", False)) if body else None,
                "responses": {
                    str(code): json_schema(document, response) for code, response in operation.get("responses", {}).items()
                },
            }
    return result


def differences(contract, generated):
    problems = []
    want, have = operations(contract), operations(generated)
    for key in sorted(want.keys() - have.keys()):
        problems.append(f"{key[0]} {key[1]}: in openapi.yaml, not served by the app")
    for key in sorted(have.keys() - want.keys()):
        problems.append(f"{key[0]} {key[1]}: served by the app, missing from openapi.yaml")
    for key in sorted(want.keys() & have.keys()):
        for aspect in want[key]:
            if want[key][aspect] != have[key][aspect]:
                problems.append(
                    f"{key[0]} {key[1]} {aspect}:\n    openapi.yaml: {want[key][aspect]}\n    app:          {have[key][aspect]}"
                )
    want_schemas = contract.get("components", {}).get("schemas", {})
    have_schemas = generated.get("components", {}).get("schemas", {})
    for name in sorted(want_schemas.keys() - have_schemas.keys()):
        problems.append(f"schema {name}: in openapi.yaml, not used by the app")
    for name in sorted(have_schemas.keys() - want_schemas.keys()):
        problems.append(f"schema {name}: used by the app, missing from openapi.yaml")
    for name in sorted(want_schemas.keys() & have_schemas.keys()):
        want_schema, have_schema = normalise(want_schemas[name]), normalise(have_schemas[name])
        if want_schema != have_schema:
            problems.append(f"schema {name}:\n    openapi.yaml: {want_schema}\n    app:          {have_schema}")
    return problems


def test_the_app_serves_exactly_the_contract():
    contract = yaml.safe_load(CONTRACT.read_text(encoding="utf-8"))
    generated = create_app().openapi()
    problems = differences(contract, generated)
    assert not problems, "the app and openapi.yaml disagree (fix one of them):\n" + "\n".join(problems)


def test_the_comparison_notices_drift():
    contract = yaml.safe_load(CONTRACT.read_text(encoding="utf-8"))
    generated = create_app().openapi()
    generated["components"]["schemas"]["Item"]["required"].remove("price")
    del generated["paths"]["/healthz"]
    problems = "\n".join(differences(contract, generated))
    assert "GET /healthz: in openapi.yaml, not served by the app" in problems
    assert "schema Item:" in problems
