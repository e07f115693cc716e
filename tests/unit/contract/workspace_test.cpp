// $ref resolution across files: relative paths, pointers, cycles, remote and non-document refs, data positions.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>

#include "contract/references.hpp"
#include "contract/workspace.hpp"
#include "support/scratch_folder.hpp"

namespace fs = std::filesystem;
using namespace apictl;
using namespace apictl::contract;

namespace {

fs::path scratch(const std::string& name) {
  static const test::ScratchFolder folder("workspace");
  fs::create_directories(folder.path() / name / "schemas");
  return folder.path() / name;
}

void write(const fs::path& file, const std::string& text) { std::ofstream(file) << text; }

}  // namespace

TEST_CASE("external refs resolve relative to the referring file and keep their own positions") {
  fs::path folder = scratch("external");
  write(folder / "api.yaml", "a:\n  $ref: 'schemas/pet.yaml#/properties/name'\n");
  write(folder / "schemas/pet.yaml", "properties:\n  name:\n    $ref: '../common.yaml'\n");
  write(folder / "common.yaml", "type: string\n");
  Workspace workspace;
  auto root = workspace.open(folder / "api.yaml", "api.yaml");
  REQUIRE(root.has_value());
  auto target = workspace.deref((*root)->root()["a"]);
  REQUIRE(target.has_value());
  CHECK(target->get("type").text() == "string");
  CHECK(target->document().path() == "common.yaml");
  CHECK(target->line() == 1);
  CHECK(workspace.documents().size() == 3);
}

TEST_CASE("cycles, missing files, missing pointers and remote refs are errors at the ref") {
  fs::path folder = scratch("errors");
  write(folder / "api.yaml",
        "loop_a:\n  $ref: '#/loop_b'\nloop_b:\n  $ref: '#/loop_a'\nmissing_file:\n  $ref: 'nope.yaml'\n"
        "missing_pointer:\n  $ref: '#/nowhere'\nremote:\n  $ref: 'https://example.com/x.yaml'\n"
        "code:\n  $ref: 'sample.cs'\n");
  Workspace workspace;
  auto root = workspace.open(folder / "api.yaml", "api.yaml");
  REQUIRE(root.has_value());
  NodeRef doc = (*root)->root();

  auto cycle = workspace.deref(doc["loop_a"]);
  REQUIRE_FALSE(cycle.has_value());
  CHECK(cycle.error().code == "ref-cycle");

  auto missing_file = workspace.deref(doc["missing_file"]);
  REQUIRE_FALSE(missing_file.has_value());
  CHECK(missing_file.error().code == "ref-missing-file");
  CHECK(missing_file.error().where.line == 6);
  CHECK(missing_file.error().where.column == 9);

  auto missing_pointer = workspace.deref(doc["missing_pointer"]);
  REQUIRE_FALSE(missing_pointer.has_value());
  CHECK(missing_pointer.error().code == "ref-unresolved");

  auto remote = workspace.deref(doc["remote"]);
  REQUIRE_FALSE(remote.has_value());
  CHECK(remote.error().code == "ref-remote");

  auto code = workspace.deref(doc["code"]);
  REQUIRE_FALSE(code.has_value());
  CHECK(code.error().code == "ref-not-document");
}

TEST_CASE("$ref keys inside examples, defaults and extensions are data") {
  fs::path folder = scratch("data");
  write(folder / "api.yaml", R"(components:
  schemas:
    Pet:
      properties:
        example:
          $ref: '#/components/schemas/Name'
      example:
        $ref: 'https://example.com/data'
      default:
        $ref: 'not-a-ref.yaml'
      x-code-samples:
        - $ref: 'sample.cs'
    Name:
      type: string
  examples:
    One:
      value:
        $ref: 'data-again.yaml'
)");
  Workspace workspace;
  REQUIRE(workspace.open(folder / "api.yaml", "api.yaml").has_value());
  auto references = collect_references(workspace);
  REQUIRE(references.size() == 1);
  CHECK(references[0].ref.text() == "#/components/schemas/Name");
  CHECK(references[0].target.has_value());
}

TEST_CASE("parse_ref splits file and decoded pointer") {
  auto ref = parse_ref("schemas/pet%20s.yaml#/a~1b/c%25");
  REQUIRE(ref.has_value());
  CHECK(ref->file == "schemas/pet s.yaml");
  CHECK(ref->pointer == "/a~1b/c%");
  CHECK(parse_ref("HTTPS://x/y")->remote);
  CHECK_FALSE(parse_ref("#Pet").has_value());
}
