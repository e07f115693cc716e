// `apictl add endpoint`: path templates, snippets, [endpoints] in template.toml, the contract plan (new path,
// new method, duplicates, schemas, tags), insertion diffs, and the command in-process on a generated project.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <sstream>

#include "contract/parse.hpp"
#include "contract/path_template.hpp"
#include "scaffold/endpoint_context.hpp"
#include "scaffold/filters.hpp"
#include "scaffold/operation_insert.hpp"
#include "scaffold/snippet.hpp"
#include "scaffold/template.hpp"
#include "scaffold/template_source.hpp"
#include "support/run_cli.hpp"
#include "support/scratch_folder.hpp"
#include "util/text_insertion.hpp"

namespace fs = std::filesystem;
using namespace apictl;
using namespace apictl::scaffold;

namespace {

std::string read(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

std::map<std::string, std::string> tree(const fs::path& folder) {
  std::map<std::string, std::string> files;
  for (const auto& entry : fs::recursive_directory_iterator(folder)) {
    if (entry.is_regular_file()) files[entry.path().lexically_relative(folder).string()] = read(entry.path());
  }
  return files;
}

std::string rendered(std::string_view text, const SnippetContext& context) {
  auto result = render_snippet(text, context, {"snippet.py", 1, 1, {}});
  if (!result) FAIL(format_diagnostic(result.error()));
  return *result;
}

Diagnostic snippet_error(std::string_view text, const SnippetContext& context) {
  auto result = render_snippet(text, context, {"snippet.py", 1, 1, {}});
  REQUIRE_FALSE(result);
  return result.error();
}

constexpr std::string_view contract_text =
    "openapi: 3.1.0\n"
    "info:\n"
    "  title: t\n"
    "  version: '1'\n"
    "tags:\n"
    "  - name: items\n"
    "    description: Items\n"
    "paths:\n"
    "  /items:\n"
    "    get:\n"
    "      operationId: getItems\n"
    "      responses:\n"
    "        '200':\n"
    "          description: The items.\n"
    "components:\n"
    "  schemas:\n"
    "    Item:\n"
    "      type: object\n"
    "      required: [id, label]\n"
    "      properties:\n"
    "        id: {type: integer, minimum: 5}\n"
    "        label: {type: string, minLength: 9}\n"
    "        note: {type: string}\n"
    "  responses:\n"
    "    Invalid:\n"
    "      description: Invalid.\n";

struct Planned {
  std::unique_ptr<contract::Workspace> workspace;
  Result<PlannedOperation> plan;
  std::string edited;
};

Planned plan(std::string_view text, NewOperation operation) {
  auto document = contract::parse_document("openapi.yaml", std::string(text));
  if (!document) FAIL(format_diagnostic(document.error()));
  Planned result{std::make_unique<contract::Workspace>(), fail("unset", "unset"), {}};
  result.workspace->adopt(std::move(*document), "openapi.yaml");
  result.plan = plan_operation(*result.workspace, operation);
  if (result.plan) result.edited = apply_insertions(text, result.plan->insertions);
  return result;
}

NewOperation operation_of(std::string method, std::string path) {
  auto parsed = contract::parse_path_template(path);
  if (!parsed) FAIL(format_diagnostic(parsed.error()));
  NewOperation operation;
  operation.method = std::move(method);
  operation.path = *parsed;
  return operation;
}

}  // namespace

TEST_CASE("path templates are checked and give a shape, a sample, a regex and an operationId", "[scaffold][endpoint]") {
  auto pets = contract::parse_path_template("/pets/{petId}/photos/{name}.{ext}");
  REQUIRE(pets);
  CHECK(pets->parameters == std::vector<std::string>{"petId", "name", "ext"});
  CHECK(pets->shape() == "/pets/{}/photos/{}.{}");
  CHECK(pets->with_samples("1") == "/pets/1/photos/1.1");
  CHECK(pets->regex() == "/pets/([^/]+)/photos/([^/]+)\\.([^/]+)");
  CHECK(default_operation_id("get", *pets) == "getPetsByPetIdPhotosByNameByExt");
  auto root = contract::parse_path_template("/");
  REQUIRE(root);
  CHECK(default_operation_id("get", *root) == "getRoot");
  auto orders = contract::parse_path_template("/store-orders");
  REQUIRE(orders);
  CHECK(default_operation_id("post", *orders) == "postStoreOrders");

  for (auto [bad, why] : std::initializer_list<std::pair<std::string_view, std::string_view>>{
           {"pets", "does not start with '/'"},
           {"", "does not start with '/'"},
           {"/pets/", "ends with '/'"},
           {"/pets//x", "empty segment"},
           {"/pets/{petId", "not closed"},
           {"/pets/{a/b}", "not closed"},
           {"/pets/petId}", "closes nothing"},
           {"/pets/{}", "unnamed parameter"},
           {"/pets/{1a}", "not letters, digits"},
           {"/a/{x}/b/{x}", "names the parameter 'x' twice"},
           {"/a/{x}{y}", "two parameters with nothing between"},
           {"/a?b=1", "query or fragment"},
           {"/a b", "character ' '"},
       }) {
    INFO(bad);
    auto parsed = contract::parse_path_template(bad);
    REQUIRE_FALSE(parsed);
    CHECK(parsed.error().code == "bad-path");
    CHECK(parsed.error().message.find(why) != std::string::npos);
  }
}

TEST_CASE("snippets: if/else, for with loop variables, and tag lines that leave no blank line",
          "[scaffold][endpoint]") {
  SnippetContext context;
  context.values.set("name", std::string("Order"));
  context.values.set("body", std::string(""));
  std::vector<Answers> parameters(2);
  parameters[0].set("name", std::string("petId"));
  parameters[1].set("name", std::string("photoId"));
  context.set_list("parameters", parameters);
  context.set_list("none", {});

  CHECK(rendered("class {{ name }}:\n{% if body %}\n    body\n{% else %}\n    pass\n{% end %}\nend\n", context) ==
        "class Order:\n    pass\nend\n");
  CHECK(rendered("f({% for p in parameters %}{{ p.name | snake }}{% if not loop.last %}, {% end %}{% end %})",
                 context) == "f(pet_id, photo_id)");
  CHECK(rendered("{% for p in parameters %}\n{{ loop.index }}:{{ p.name }} first={{ loop.first }}\n{% end %}",
                 context) == "1:petId first=true\n2:photoId first=false\n");
  CHECK(rendered("{% if parameters %}{{ parameters }} parameters{% end %}{% if none %}never{% end %}", context) ==
        "2 parameters");
  CHECK(rendered("{{ \"{%\" }} stays", context) == "{% stays");
  CHECK(rendered("{% for p in none %}\nx\n{% end %}", context).empty());

  CHECK(snippet_error("a\n{% if name %}\nb\n", context).message == "'{% if %}' is not closed by '{% end %}'");
  CHECK(snippet_error("a\n{% if name %}\nb\n", context).where.line == 2);
  CHECK(snippet_error("{% end %}", context).message == "'{% end %}' closes nothing");
  CHECK(snippet_error("{% else %}", context).message == "'{% else %}' outside an if");
  CHECK(snippet_error("{% for p in parameter %}{% end %}", context).hint == "did you mean 'parameters'?");
  CHECK(snippet_error("{% for p %}{% end %}", context).message.find("is not 'for NAME in LIST'") != std::string::npos);
  CHECK(snippet_error("{% while x %}", context).message == "unknown block tag 'while'");
  CHECK(snippet_error("{% if name", context).message == "'{%' is not closed by '%}' on the same line");
  Diagnostic unknown = snippet_error("x\n  {{ nmae }}\n", context);
  CHECK(unknown.where.line == 2);
  CHECK(unknown.where.column == 3);
}

TEST_CASE("the python filter turns JSON text into a Python literal", "[scaffold][endpoint]") {
  CHECK(apply_filter("python", R"({"a": true, "b": [null, 1.5, "x\"y"], "c": {}})") ==
        R"({"a": True, "b": [None, 1.5, "x\"y"], "c": {}})");
  CHECK(apply_filter("python", "not json") == "\"not json\"");
  CHECK(apply_filter("python", "") == "\"\"");
}

TEST_CASE("[endpoints] in template.toml: inserts and responses, with mistakes at their line", "[scaffold][endpoint]") {
  const std::string head =
      "[template]\nname = \"t\"\nversion = \"1\"\n[[variables]]\nname = \"package\"\ndefault = \"app\"\n";
  auto manifest = parse_template_manifest(head +
                                              "[endpoints]\n"
                                              "responses = { \"422\" = \"#/components/responses/Invalid\" }\n"
                                              "[[endpoints.insert]]\n"
                                              "file = \"{{ package }}/routes.py\"\n"
                                              "marker = \"# apictl:routes\"\n"
                                              "snippet = \"_endpoints/./route.py\"\n",
                                          "template.toml");
  REQUIRE(manifest);
  REQUIRE(manifest->endpoints);
  CHECK(manifest->endpoints->responses ==
        std::vector<std::pair<std::string, std::string>>{{"422", "#/components/responses/Invalid"}});
  REQUIRE(manifest->endpoints->inserts.size() == 1);
  CHECK(manifest->endpoints->inserts[0].snippet == "_endpoints/route.py");
  CHECK(is_endpoint_snippet(*manifest, "_endpoints/route.py"));
  CHECK_FALSE(is_endpoint_snippet(*manifest, "app/routes.py"));

  struct Case {
    std::string text;
    std::uint32_t line;
    std::string message;
  };
  for (const auto& item : std::vector<Case>{
           {"[endpoints]\nrespones = {}\n", 8, "unknown key 'respones' in [endpoints]"},
           {"[endpoints]\nresponses = { \"42\" = \"#/components/responses/X\" }\n", 8, "'42' is not a response status"},
           {"[endpoints]\nresponses = { \"422\" = \"Invalid\" }\n", 8, "must be a $ref string"},
           {"[[endpoints.insert]]\nfile = \"a.py\"\nmarker = \"# m\"\n", 7, "missing 'snippet'"},
           {"[[endpoints.insert]]\nfile = \"a.py\"\nmarker = \" \"\nsnippet = \"s\"\n", 9, "'marker' must be one line"},
           {"[[endpoints.insert]]\nfile = \"a.py\"\nmarker = \"# m\"\nsnippet = \"../s\"\n", 10,
            "leaves the project folder"},
           {"[[endpoints.insert]]\nfile = \"{{ pakage }}.py\"\nmarker = \"# m\"\nsnippet = \"s\"\n", 7,
            "unknown variable 'pakage'"},
       }) {
    INFO(item.text);
    auto broken = parse_template_manifest(head + item.text, "template.toml");
    REQUIRE_FALSE(broken);
    CHECK(broken.error().where.line == item.line);
    CHECK(broken.error().message.find(item.message) != std::string::npos);
  }
}

TEST_CASE("a template's snippets are checked when it is loaded", "[scaffold][endpoint]") {
  test::ScratchFolder scratch("endpoint-template");
  scratch.write("t/template.toml",
                "[template]\nname = \"t\"\nversion = \"1\"\n[endpoints]\n[[endpoints.insert]]\nfile = \"app.py\"\n"
                "marker = \"# apictl:routes\"\nsnippet = \"_endpoints/route.py\"\n");
  auto missing = load_template_folder(scratch.path() / "t");
  REQUIRE_FALSE(missing);
  CHECK(missing.error().message == "snippet '_endpoints/route.py' is not a file of the template");
  CHECK(missing.error().where.line == 5);

  scratch.write("t/_endpoints/route.py",
                "def {{ operation_id | snake }}():\n{% for p in path_parameter %}\n{% end %}\n");
  auto broken = load_template_folder(scratch.path() / "t");
  REQUIRE_FALSE(broken);
  CHECK(broken.error().message == "unknown list 'path_parameter'");
  CHECK(broken.error().where.line == 2);
  CHECK(broken.error().where.file.ends_with("_endpoints/route.py"));

  scratch.write("t/_endpoints/route.py", "def {{ operation_id | snake }}():\n    pass\n");
  scratch.write("t/app.py", "# apictl:routes\n");
  auto good = load_template_folder(scratch.path() / "t");
  REQUIRE(good);
  // The snippet is part of the template, never of a generated project.
  CHECK(std::ranges::count(good->files, "_endpoints/route.py", &TemplateFile::path) == 1);
  auto builtin = load_builtin_template("fastapi");
  REQUIRE(builtin);
  CHECK(builtin->manifest.endpoints.has_value());
}

TEST_CASE("the contract plan: a new path with its parameters, a new tag and new schemas", "[scaffold][endpoint]") {
  NewOperation operation = operation_of("post", "/orders/{orderId}/lines");
  operation.request_schema = "LineCreate";
  operation.response_schema = "Item";
  operation.extra_responses = {{"422", "#/components/responses/Invalid"}};
  auto planned = plan(contract_text, operation);
  REQUIRE(planned.plan);
  const PlannedOperation& result = *planned.plan;
  CHECK(result.operation_id == "postOrdersByOrderIdLines");
  CHECK(result.tag == "orders");
  CHECK(result.tag_added);
  CHECK(result.status == 201);
  CHECK(result.created_schemas == std::vector<std::string>{"LineCreate"});
  CHECK(result.request_example == nlohmann::ordered_json{{"name", "example"}});
  // From Item's schema: its required properties within their bounds.
  CHECK(result.response_example == nlohmann::ordered_json{{"id", 5}, {"label", "examplexx"}});

  auto document = contract::parse_document("openapi.yaml", planned.edited);
  REQUIRE(document);
  auto root = (*document)->root();
  auto added = root["paths"]["/orders/{orderId}/lines"]["post"];
  CHECK(added["parameters"].at(0)["name"].text() == "orderId");
  CHECK(added["parameters"].at(0)["in"].text() == "path");
  CHECK(added["requestBody"]["content"]["application/json"]["schema"]["$ref"].text() ==
        "#/components/schemas/LineCreate");
  CHECK(added["responses"]["201"]["content"]["application/json"]["schema"]["$ref"].text() ==
        "#/components/schemas/Item");
  CHECK(added["responses"]["422"]["$ref"].text() == "#/components/responses/Invalid");
  CHECK(root["tags"].at(1)["name"].text() == "orders");
  CHECK(root["components"]["schemas"]["LineCreate"]["required"].at(0).text() == "name");
  // Only insertions: taking the inserted texts out gives the original back, byte for byte.
  std::string rest = planned.edited;
  std::size_t shift = 0;
  for (const TextInsertion& insertion : planned.plan->insertions) {
    CHECK(rest.substr(insertion.offset + shift, insertion.text.size()) == insertion.text);
    rest.erase(insertion.offset + shift, insertion.text.size());
  }
  CHECK(rest == contract_text);
}

TEST_CASE("the contract plan: a method joins its path; duplicates and near-duplicates are refused",
          "[scaffold][endpoint]") {
  auto put = plan(contract_text, operation_of("delete", "/items"));
  REQUIRE(put.plan);
  CHECK(put.plan->status == 204);
  CHECK_FALSE(put.plan->tag_added);
  CHECK(put.plan->insertions.size() == 1);
  CHECK(put.edited.find("          description: The items.\n    delete:\n      operationId: deleteItems\n") !=
        std::string::npos);

  auto duplicate = plan(contract_text, operation_of("get", "/items"));
  REQUIRE_FALSE(duplicate.plan);
  CHECK(format_diagnostic(duplicate.plan.error()).starts_with("openapi.yaml:10:5: error: GET /items already exists"));

  std::string with_parameter(contract_text);
  with_parameter.replace(with_parameter.find("components:"), 0,
                         "  /items/{id}:\n    get:\n      operationId: getItems2\n      responses:\n"
                         "        '200':\n          description: One.\n");
  auto identical = plan(with_parameter, operation_of("get", "/items/{itemId}"));
  REQUIRE_FALSE(identical.plan);
  CHECK(identical.plan.error().code == "identical-path");
  CHECK(identical.plan.error().hint == "use its parameter names: apictl add endpoint GET /items/{id}");

  // A taken operationId gets a number; one asked for by name is refused.
  auto numbered = plan(with_parameter, operation_of("get", "/Items"));
  REQUIRE(numbered.plan);
  CHECK(numbered.plan->operation_id == "getItems3");
  NewOperation named = operation_of("get", "/other");
  named.operation_id = "getItems";
  auto taken = plan(contract_text, named);
  REQUIRE_FALSE(taken.plan);
  CHECK(taken.plan.error().where.line == 11);

  NewOperation body_on_get = operation_of("get", "/other");
  body_on_get.request_schema = "Item";
  CHECK_FALSE(plan(contract_text, body_on_get).plan);
  NewOperation missing_response = operation_of("get", "/other");
  missing_response.extra_responses = {{"422", "#/components/responses/Nope"}};
  CHECK(plan(contract_text, missing_response).plan.error().message.find("Nope") != std::string::npos);
}

TEST_CASE("the contract plan: a document without tags, paths or components gets them", "[scaffold][endpoint]") {
  NewOperation operation = operation_of("get", "/pets");
  operation.response_schema = "Pet";
  auto planned = plan("openapi: 3.0.3\ninfo:\n  title: t\n  version: '1'\n", operation);
  REQUIRE(planned.plan);
  CHECK(planned.edited ==
        "openapi: 3.0.3\n"
        "info:\n"
        "  title: t\n"
        "  version: '1'\n"
        "tags:\n"
        "  - name: pets\n"
        "    description: Operations on /pets\n"
        "paths:\n"
        "  /pets:\n"
        "    get:\n"
        "      operationId: getPets\n"
        "      tags: [pets]\n"
        "      summary: Get pets\n"
        "      description: Added by apictl add endpoint. Say what it does, what it answers and when it fails.\n"
        "      responses:\n"
        "        '200':\n"
        "          description: Success.\n"
        "          content:\n"
        "            application/json:\n"
        "              schema:\n"
        "                $ref: '#/components/schemas/Pet'\n"
        "components:\n"
        "  schemas:\n"
        "    Pet:\n"
        "      description: Added by apictl add endpoint. Describe Pet and give it its properties.\n"
        "      type: object\n"
        "      required: [name]\n"
        "      properties:\n"
        "        name:\n"
        "          type: string\n"
        "          description: A name for the Pet\n");

  auto swagger = plan("swagger: '2.0'\ninfo:\n  title: t\n  version: '1'\npaths: {}\n", operation_of("get", "/a"));
  REQUIRE_FALSE(swagger.plan);
  CHECK(swagger.plan.error().code == "unsupported-version");
}

TEST_CASE("insertions show as a unified diff; one inside a line replaces that line", "[scaffold][endpoint]") {
  std::string text = "a\nb\nc\nd\ne\nf\ng\nh\ni\nj\n";
  std::vector<TextInsertion> insertions = {{2, "new 1\nnew 2\n"}, {text.size(), "tail\n"}, {text.find('j') + 1, "!"}};
  CHECK(apply_insertions(text, insertions) == "a\nnew 1\nnew 2\nb\nc\nd\ne\nf\ng\nh\ni\nj!\ntail\n");
  CHECK(inserted_line_count(insertions) == 3);
  CHECK(insertion_diff(text, insertions, "x.txt") ==
        "--- a/x.txt\n+++ b/x.txt\n"
        "@@ -1,4 +1,6 @@\n a\n+new 1\n+new 2\n b\n c\n d\n"
        "@@ -7,4 +9,5 @@\n g\n h\n i\n-j\n+j!\n+tail\n");
}

TEST_CASE("apictl add endpoint in-process: files change together, or not at all", "[scaffold][endpoint]") {
  test::ScratchFolder scratch("add-endpoint");
  fs::path project = scratch.path() / "shop";
  REQUIRE(test::run_cli({"new", project.string(), "--defaults", "--no-hooks"}).code == 0);
  auto before = tree(project);

  auto added = test::run_cli({"-C", project.string(), "add", "endpoint", "get", "/pets/{petId}", "--format", "json"});
  INFO(added.err);
  REQUIRE(added.code == 0);
  auto report = nlohmann::json::parse(added.out);
  CHECK(report["operation_id"] == "getPetsByPetId");
  CHECK(report["files"].size() == 3);
  CHECK(report["files"][0]["path"] == "openapi.yaml");
  auto after = tree(project);
  CHECK(after["shop/routers/endpoints.py"].find(
            "def get_pets_by_pet_id(\n    pet_id: str = Path(..., alias=\"petId\"") != std::string::npos);
  CHECK(after["tests/test_endpoints.py"].find("client.request(\"GET\", \"/pets/1\")") != std::string::npos);
  CHECK(after["shop/models.py"] == before["shop/models.py"]);  // no new schema, no new model

  // Refused: nothing changes.
  for (std::vector<std::string> args :
       {std::vector<std::string>{"GET", "/pets/{petId}"}, std::vector<std::string>{"GET", "/pets/{id}"},
        std::vector<std::string>{"GET", "/pets/{petId"}, std::vector<std::string>{"FETCH", "/x"}}) {
    std::vector<std::string> command = {"-C", project.string(), "add", "endpoint"};
    command.insert(command.end(), args.begin(), args.end());
    auto refused = test::run_cli(command);
    INFO(args[0] + " " + args[1] + ": " + refused.err);
    CHECK(refused.code == 2);
    CHECK(tree(project) == after);
  }

  // A missing marker is named, and nothing is written, not even the contract.
  std::string models = read(project / "shop/models.py");
  std::ofstream(project / "shop/models.py") << models.substr(0, models.find("# apictl:models"));
  auto unmarked =
      test::run_cli({"-C", project.string(), "add", "endpoint", "POST", "/orders", "--response-schema", "Order"});
  CHECK(unmarked.code == 2);
  CHECK(unmarked.err.find("shop/models.py has no line starting with '# apictl:models'") != std::string::npos);
  CHECK(read(project / "openapi.yaml") == after["openapi.yaml"]);

  auto dry = test::run_cli({"-C", project.string(), "add", "endpoint", "DELETE", "/pets/{petId}", "--dry-run"});
  CHECK(dry.code == 0);
  CHECK(dry.out.find("+++ b/openapi.yaml") != std::string::npos);
  CHECK(dry.out.find("+    delete:") != std::string::npos);
  CHECK(read(project / "openapi.yaml") == after["openapi.yaml"]);

  auto outside = test::run_cli({"-C", scratch.path().string(), "add", "endpoint", "GET", "/x"});
  CHECK(outside.code == 2);
  CHECK(outside.err.find("no apictl.toml here or in any parent folder") != std::string::npos);
}
