// lib/contract/contract_edit: insertions into YAML and JSON keep every other byte, and follow the document's
// style (indentation unit, sequence style, line endings, minified JSON).
#include "contract/contract_edit.hpp"

#include <catch2/catch.hpp>

#include "contract/parse.hpp"

using namespace apictl;
using namespace apictl::contract;

namespace {

std::unique_ptr<Document> parsed(std::string path, std::string text) {
  auto document = parse_document(std::move(path), std::move(text));
  if (!document) FAIL(format_diagnostic(document.error()));
  return std::move(*document);
}

std::string applied(const Document& document, const Result<TextInsertion>& insertion) {
  if (!insertion) FAIL(format_diagnostic(insertion.error()));
  return apply_insertions(document.source(), {*insertion});
}

// The edited text minus the inserted text is the original, byte for byte; and the result parses.
void check_only_inserted(const Document& document, const TextInsertion& insertion, const std::string& edited) {
  std::string original(document.source());
  CHECK(edited.substr(0, insertion.offset) == original.substr(0, insertion.offset));
  CHECK(edited.substr(insertion.offset + insertion.text.size()) == original.substr(insertion.offset));
  CHECK(parse_document(document.path(), edited).has_value());
}

const EditValue operation{{"operationId", "getPet"},
                          {"tags", {"pets"}},
                          {"parameters", {{{"name", "petId"}, {"in", "path"}, {"required", true}}}},
                          {"responses", {{"200", {{"description", "Success."}}}}}};

}  // namespace

TEST_CASE("YAML: a path goes after the last one, below its comments and block scalars, above the next key",
          "[contract][edit]") {
  const std::string text =
      "openapi: 3.1.0   # trailing comment\n"
      "paths:\n"
      "    /items:\n"
      "        get:\n"
      "            parameters:\n"
      "            - name: limit\n"
      "              in: query\n"
      "            description: |\n"
      "                A block scalar.\n"
      "                # not a comment: part of the text\n"
      "\n"
      "# About components (stays above them)\n"
      "components: {}\n";
  auto document = parsed("openapi.yaml", text);
  ContractEditor editor(*document);
  auto insertion = editor.append_members(document->root()["paths"], {{"/pets/{petId}", EditValue{{"get", operation}}}});
  std::string edited = applied(*document, insertion);
  check_only_inserted(*document, *insertion, edited);
  // Four-space unit and sequences with their dashes at the key's column, as the document writes them.
  CHECK(edited ==
        "openapi: 3.1.0   # trailing comment\n"
        "paths:\n"
        "    /items:\n"
        "        get:\n"
        "            parameters:\n"
        "            - name: limit\n"
        "              in: query\n"
        "            description: |\n"
        "                A block scalar.\n"
        "                # not a comment: part of the text\n"
        "    /pets/{petId}:\n"
        "        get:\n"
        "            operationId: getPet\n"
        "            tags: [pets]\n"
        "            parameters:\n"
        "            - name: petId\n"
        "              in: path\n"
        "              required: true\n"
        "            responses:\n"
        "                '200':\n"
        "                    description: Success.\n"
        "\n"
        "# About components (stays above them)\n"
        "components: {}\n");
  auto reread = parsed("openapi.yaml", edited);
  CHECK(reread->root()["paths"]["/items"]["get"]["description"].text() ==
        "A block scalar.\n# not a comment: part of the text\n");
  CHECK(reread->root()["paths"]["/pets/{petId}"]["get"]["responses"]["200"]["description"].text() == "Success.");
}

TEST_CASE("YAML: a method joins an existing path; an item joins a list; CRLF and a missing final newline stay",
          "[contract][edit]") {
  const std::string text =
      "paths:\r\n  /pets:\r\n    get:\r\n      operationId: listPets\r\ntags:\r\n  - name: pets\r\n"
      "    description: Pets";
  auto document = parsed("openapi.yaml", text);
  ContractEditor editor(*document);
  auto method =
      editor.append_members(document->root()["paths"]["/pets"], {{"post", EditValue{{"operationId", "createPet"}}}});
  REQUIRE(method);
  CHECK(method->text == "    post:\r\n      operationId: createPet\r\n");
  check_only_inserted(*document, *method, applied(*document, method));

  auto tag = editor.append_item(document->root()["tags"], EditValue{{"name", "orders"}, {"description", "Orders"}});
  REQUIRE(tag);
  CHECK(tag->offset == text.size());
  CHECK(tag->text == "\r\n  - name: orders\r\n    description: Orders\r\n");
  auto both = apply_insertions(document->source(), {*method, *tag});
  auto reread = parsed("openapi.yaml", both);
  CHECK(reread->root()["tags"].size() == 2);
  CHECK(reread->root()["paths"]["/pets"]["post"]["operationId"].text() == "createPet");
}

TEST_CASE("YAML: flow style, aliases and empty containers are refused with their position", "[contract][edit]") {
  auto document = parsed("openapi.yaml", "paths: {/a: {get: {}}}\ntags: [a, b]\n");
  ContractEditor editor(*document);
  auto flow = editor.append_members(document->root()["paths"], {{"/b", EditValue::object()}});
  REQUIRE_FALSE(flow);
  CHECK(flow.error().code == "unsupported-style");
  CHECK(format_diagnostic(flow.error()).starts_with("openapi.yaml:1:8: error: '/paths' is written in YAML flow style"));
  auto list = editor.append_item(document->root()["tags"], EditValue("c"));
  REQUIRE_FALSE(list);
  CHECK(list.error().where.line == 2);
}

TEST_CASE("JSON: members and items go after the last entry with a comma, in the document's indentation",
          "[contract][edit]") {
  const std::string text =
      "{\n"
      "    \"openapi\": \"3.1.0\",\n"
      "    \"paths\": {\n"
      "        \"/items\": {\n"
      "            \"get\": {\"operationId\": \"listItems\"}\n"
      "        }\n"
      "    },\n"
      "    \"tags\": [\n"
      "        {\"name\": \"items\"}\n"
      "    ],\n"
      "    \"components\": {}\n"
      "}\n";
  auto document = parsed("openapi.json", text);
  ContractEditor editor(*document);
  REQUIRE(editor.is_json());
  auto path = editor.append_members(document->root()["paths"], {{"/pets", EditValue{{"get", {{"operationId", "x"}}}}}});
  REQUIRE(path);
  std::string edited = applied(*document, path);
  check_only_inserted(*document, *path, edited);
  CHECK(edited.find("            \"get\": {\"operationId\": \"listItems\"}\n"
                    "        },\n"
                    "        \"/pets\": {\n"
                    "            \"get\": {\n"
                    "                \"operationId\": \"x\"\n"
                    "            }\n"
                    "        }\n"
                    "    },\n") != std::string::npos);

  auto empty =
      editor.append_members(document->root()["components"], {{"schemas", EditValue{{"A", {{"type", "object"}}}}}});
  REQUIRE(empty);
  std::string with_schemas = applied(*document, empty);
  check_only_inserted(*document, *empty, with_schemas);
  CHECK(with_schemas.find("    \"components\": {\n"
                          "        \"schemas\": {\n"
                          "            \"A\": {\n"
                          "                \"type\": \"object\"\n"
                          "            }\n"
                          "        }\n"
                          "    }\n"
                          "}\n") != std::string::npos);

  auto item = editor.append_item(document->root()["tags"], EditValue{{"name", "pets"}});
  REQUIRE(item);
  auto all = apply_insertions(document->source(), {*path, *empty, *item});
  auto reread = parsed("openapi.json", all);
  CHECK(reread->root()["tags"].at(1)["name"].text() == "pets");
  CHECK(reread->root()["components"]["schemas"]["A"]["type"].text() == "object");
}

TEST_CASE("JSON: a minified document stays on one line", "[contract][edit]") {
  auto document = parsed("openapi.json", R"({"openapi":"3.1.0","paths":{"/a":{}},"tags":[]})");
  ContractEditor editor(*document);
  auto path = editor.append_members(document->root()["paths"], {{"/b", EditValue{{"get", {{"operationId", "b"}}}}}});
  auto tag = editor.append_item(document->root()["tags"], EditValue{{"name", "b"}});
  REQUIRE(path);
  REQUIRE(tag);
  CHECK(apply_insertions(document->source(), {*path, *tag}) ==
        R"({"openapi":"3.1.0","paths":{"/a":{},"/b":{"get":{"operationId":"b"}}},"tags":[{"name":"b"}]})");
}

TEST_CASE("JSON: columns count characters, after a byte order mark", "[contract][edit]") {
  auto document = parsed("openapi.json", "\xEF\xBB\xBF{\"t\u00edtulo\": \"\u00e9\u00e9\", \"paths\": {\"/a\": {}}}");
  ContractEditor editor(*document);
  auto path = editor.append_members(document->root()["paths"], {{"/b", EditValue::object()}});
  REQUIRE(path);
  CHECK(apply_insertions(document->source(), {*path}) ==
        "\xEF\xBB\xBF{\"t\u00edtulo\": \"\u00e9\u00e9\", \"paths\": {\"/a\": {}, \"/b\": {}}}");
}

TEST_CASE("YAML scalars are plain only when they read back as the same string", "[contract][edit]") {
  CHECK(yaml_scalar(EditValue("/pets/{petId}")) == "/pets/{petId}");
  CHECK(yaml_scalar(EditValue("200")) == "'200'");
  CHECK(yaml_scalar(EditValue("#/components/schemas/Pet")) == "'#/components/schemas/Pet'");
  CHECK(yaml_scalar(EditValue("yes")) == "'yes'");
  CHECK(yaml_scalar(EditValue("a: b")) == "'a: b'");
  CHECK(yaml_scalar(EditValue("it's")) == "it's");
  CHECK(yaml_scalar(EditValue("'quoted'")) == "'''quoted'''");
  CHECK(yaml_scalar(EditValue("two\nlines")) == "\"two\\nlines\"");
  CHECK(yaml_scalar(EditValue("a,b"), true) == "'a,b'");
  CHECK(yaml_scalar(EditValue(true)) == "true");
  CHECK(yaml_scalar(EditValue(201)) == "201");
}
