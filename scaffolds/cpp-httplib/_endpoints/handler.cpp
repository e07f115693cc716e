// {{ method }} {{ path }}
void {{ operation_id | snake }}(Service& /*service*/, const httplib::Request& {% if path_parameters or request_schema %}request{% else %}/*request*/{% end %}, httplib::Response& response) {
{% for parameter in path_parameters %}
  [[maybe_unused]] const std::string {{ parameter.name | snake }} = request.matches[{{ parameter.index }}];
{% end %}
{% if request_schema %}
  [[maybe_unused]] {{ request_schema }} body;
  try {
    body = nlohmann::json::parse(request.body).get<{{ request_schema }}>();
  } catch (const nlohmann::json::exception& error) {
    return send_error(response, 422, "validation_error", std::string("body: ") + error.what());
  }
{% end %}
  // Added by apictl add endpoint: do the real work here; openapi.yaml says what this answers.
{% if response_schema %}
  send_json(response, {{ status }}, nlohmann::json::parse(R"json({{ response_example }})json"));
{% else %}
  response.status = {{ status }};
{% end %}
}

