TEST_CASE("{{ method }} {{ path }} answers {{ status }}", "[endpoints]") {
  RunningServer server;
  auto client = server.client();
  httplib::Request request;
  request.method = "{{ method }}";
  request.path = "{{ sample_path }}";
{% if request_schema %}
  request.body = R"json({{ request_example }})json";
  request.set_header("Content-Type", "application/json");
{% end %}
  auto result = client.send(request);
  REQUIRE(result);
  CHECK(result->status == {{ status }});
{% if response_schema %}
  CHECK(nlohmann::json::parse(result->body) == nlohmann::json::parse(R"json({{ response_example }})json"));
{% end %}
}

