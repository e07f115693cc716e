// SPEC arguments: "-", files, folders' entry files, and REV:path read from a throwaway git repository — the
// root and the files its $refs reach at the revision, whatever the working tree holds.
#include <catch2/catch.hpp>

#include <cstdlib>
#include <filesystem>
#include <optional>
#include <string>

#include "contract/spec_source.hpp"
#include "support/scratch_folder.hpp"

namespace fs = std::filesystem;
using namespace apictl;
using namespace apictl::contract;

namespace {

// Runs the test from `folder` (REV:path is relative to the current directory), restoring it afterwards.
class InFolder {
 public:
  explicit InFolder(const fs::path& folder) : saved_(fs::current_path()) { fs::current_path(folder); }
  ~InFolder() {
    std::error_code ignored;
    fs::current_path(saved_, ignored);
  }
  InFolder(const InFolder&) = delete;
  InFolder& operator=(const InFolder&) = delete;

 private:
  fs::path saved_;
};

// Sets an environment variable for one test, restoring the old value afterwards.
class ScopedVariable {
 public:
  ScopedVariable(const char* name, const std::string& value) : name_(name) {
    if (const char* old = std::getenv(name)) saved_ = old;
    ::setenv(name, value.c_str(), 1);
  }
  ~ScopedVariable() {
    if (saved_) {
      ::setenv(name_, saved_->c_str(), 1);
    } else {
      ::unsetenv(name_);
    }
  }
  ScopedVariable(const ScopedVariable&) = delete;
  ScopedVariable& operator=(const ScopedVariable&) = delete;

 private:
  const char* name_;
  std::optional<std::string> saved_;
};

void git(const fs::path& repository, const std::string& arguments) {
  std::string command = "git -C '" + repository.string() +
                        "' -c user.email=t@t -c user.name=t -c commit.gpgsign=false " + arguments + " >/dev/null 2>&1";
  INFO(command);
  REQUIRE(std::system(command.c_str()) == 0);
}

std::string contract_titled(const std::string& title) {
  return "openapi: 3.1.0\ninfo:\n  title: " + title +
         "\n  version: '1'\npaths: {}\ncomponents:\n  schemas:\n    Pet:\n      $ref: 'schemas/pet.yaml'\n";
}

// A repository whose api/ holds a two-file contract, committed once, then changed (uncommitted) in the working
// tree: another title, another Pet schema, and a file that exists only in the working tree.
struct ChangedRepository {
  test::ScratchFolder folder{"spec-source-git"};
  ChangedRepository() {
    git(folder.path(), "init -q");
    folder.write("api/openapi.yaml", contract_titled("Committed"));
    folder.write("api/schemas/pet.yaml", "type: object\ndescription: committed pet\n");
    git(folder.path(), "add -A");
    git(folder.path(), "commit -q -m first");
    folder.write("api/openapi.yaml", contract_titled("Working tree"));
    folder.write("api/schemas/pet.yaml", "type: string\ndescription: working-tree pet\n");
    folder.write("api/schemas/new.yaml", "type: integer\n");
  }
};

std::string title_of(const Workspace& workspace) {
  return std::string(workspace.root().root()["info"]["title"].text());
}

}  // namespace

TEST_CASE("- is standard input, and an existing file is that file", "[spec_source]") {
  auto standard_input = resolve_spec("-");
  REQUIRE(standard_input.has_value());
  CHECK(standard_input->kind == SpecKind::standard_input);
  CHECK(standard_input->path == "-");

  test::ScratchFolder folder("spec-source-file");
  fs::path file = folder.write("api.yaml", contract_titled("File"));
  auto source = resolve_spec(file.string());
  REQUIRE(source.has_value());
  CHECK(source->kind == SpecKind::file);
  CHECK(source->path == file);
  CHECK(source->display_path == file.string());

  // Not there and no ':' — a file path all the same; opening it is what reports the missing file.
  auto missing = resolve_spec((folder.path() / "none.yaml").string());
  REQUIRE(missing.has_value());
  auto opened = open_spec(*missing);
  REQUIRE_FALSE(opened.has_value());
  CHECK(opened.error().code == "io-error");
}

TEST_CASE("a folder names its entry file: openapi.* first, then swagger.*", "[spec_source]") {
  test::ScratchFolder folder("spec-source-folder");
  InFolder here(folder.path());

  folder.write("yml/openapi.yml", contract_titled("Yml"));
  folder.write("yml/other.yaml", "type: string\n");
  auto yml = resolve_spec("yml");
  REQUIRE(yml.has_value());
  CHECK(yml->path == fs::path("yml") / "openapi.yml");
  CHECK(yml->display_path == "yml/openapi.yml");
  auto workspace = open_spec(*yml);
  REQUIRE(workspace.has_value());
  CHECK(title_of(**workspace) == "Yml");

  folder.write("both/openapi.json", "{}");
  folder.write("both/swagger.yaml", "swagger: '2.0'\n");
  auto openapi_wins = resolve_spec("both/");
  REQUIRE(openapi_wins.has_value());
  CHECK(openapi_wins->path.filename() == "openapi.json");
  CHECK(openapi_wins->display_path == "both/openapi.json");

  folder.write("swagger/swagger.json", "{}");
  auto swagger = resolve_spec("swagger");
  REQUIRE(swagger.has_value());
  CHECK(swagger->path.filename() == "swagger.json");
}

TEST_CASE("a folder with no entry file, or several, is an error naming it and what was looked for", "[spec_source]") {
  test::ScratchFolder folder("spec-source-entry");
  InFolder here(folder.path());

  folder.write("none/pets.yaml", contract_titled("Pets"));
  auto none = resolve_spec("none");
  REQUIRE_FALSE(none.has_value());
  CHECK(none.error().code == "no-entry-file");
  CHECK(none.error().where.file == "none");
  CHECK(none.error().message.find("folder 'none'") != std::string::npos);
  CHECK(none.error().message.find("openapi.yaml, openapi.yml, openapi.json") != std::string::npos);
  CHECK(none.error().hint.find("none/pets.yaml") != std::string::npos);

  folder.write("two/openapi.yaml", contract_titled("A"));
  folder.write("two/openapi.json", "{}");
  auto two = resolve_spec("two");
  REQUIRE_FALSE(two.has_value());
  CHECK(two.error().code == "ambiguous-entry-file");
  CHECK(two.error().message.find("openapi.yaml and openapi.json") != std::string::npos);
  CHECK(two.error().hint.find("two/openapi.yaml") != std::string::npos);
}

TEST_CASE("REV:path loads the root and its external $refs at the revision, not from the working tree",
          "[spec_source]") {
  ChangedRepository repository;
  InFolder here(repository.folder.path());

  auto source = resolve_spec("HEAD:api/openapi.yaml");
  REQUIRE(source.has_value());
  CHECK(source->kind == SpecKind::git_revision);
  CHECK(source->revision == "HEAD");
  CHECK(source->display_path == "HEAD:api/openapi.yaml");
  auto workspace = open_spec(*source);
  REQUIRE(workspace.has_value());
  CHECK(title_of(**workspace) == "Committed");
  CHECK((*workspace)->root().path() == "HEAD:api/openapi.yaml");

  auto pet = (*workspace)->deref((*workspace)->root().root()["components"]["schemas"]["Pet"]);
  REQUIRE(pet.has_value());
  CHECK(pet->get("description").text() == "committed pet");
  CHECK(pet->document().path() == "HEAD:api/schemas/pet.yaml");
  CHECK((*workspace)->documents().size() == 2);

  // The working tree, for contrast, has the other content.
  auto local = open_spec(*resolve_spec("api"));
  REQUIRE(local.has_value());
  CHECK(title_of(**local) == "Working tree");
  auto local_pet = (*local)->deref((*local)->root().root()["components"]["schemas"]["Pet"]);
  REQUIRE(local_pet.has_value());
  CHECK(local_pet->get("description").text() == "working-tree pet");
}

TEST_CASE("REV:path is relative to the current directory, takes folders, and tells revisions apart", "[spec_source]") {
  ChangedRepository repository;
  git(repository.folder.path(), "commit -q -a -m second");  // the working tree's contract, minus new.yaml
  InFolder here(repository.folder.path() / "api");

  auto first = resolve_spec("HEAD~1:openapi.yaml");
  REQUIRE(first.has_value());
  auto first_workspace = open_spec(*first);
  REQUIRE(first_workspace.has_value());
  CHECK(title_of(**first_workspace) == "Committed");

  auto second = resolve_spec("HEAD:.");  // a folder at the revision: its entry file
  REQUIRE(second.has_value());
  CHECK(second->display_path == "HEAD:openapi.yaml");
  auto second_workspace = open_spec(*second);
  REQUIRE(second_workspace.has_value());
  CHECK(title_of(**second_workspace) == "Working tree");
  auto pet = (*second_workspace)->deref((*second_workspace)->root().root()["components"]["schemas"]["Pet"]);
  REQUIRE(pet.has_value());
  CHECK(pet->get("description").text() == "working-tree pet");
  CHECK(pet->document().path() == "HEAD:schemas/pet.yaml");
}

TEST_CASE("a $ref to a file only in the working tree is missing at the revision", "[spec_source]") {
  ChangedRepository repository;
  repository.folder.write("api/openapi.yaml",
                          "openapi: 3.1.0\ninfo: {title: t, version: '1'}\npaths: {}\n"
                          "components:\n  schemas:\n    New:\n      $ref: 'schemas/new.yaml'\n");
  git(repository.folder.path(), "add api/openapi.yaml");
  git(repository.folder.path(), "commit -q -m 'refer to new.yaml, left uncommitted'");
  InFolder here(repository.folder.path());

  auto workspace = open_spec(*resolve_spec("HEAD:api/openapi.yaml"));
  REQUIRE(workspace.has_value());
  auto target = (*workspace)->deref((*workspace)->root().root()["components"]["schemas"]["New"]);
  REQUIRE_FALSE(target.has_value());
  CHECK(target.error().code == "ref-missing-file");
  CHECK(target.error().message.find("'HEAD:api/schemas/new.yaml'") != std::string::npos);
}

TEST_CASE("REV:path errors: unknown revision, missing path, outside the repository, no repository, no git",
          "[spec_source]") {
  ChangedRepository repository;
  InFolder here(repository.folder.path());

  auto unknown = resolve_spec("no-such-branch:api/openapi.yaml");
  REQUIRE_FALSE(unknown.has_value());
  CHECK(unknown.error().code == "unknown-revision");
  CHECK(unknown.error().where.file == "no-such-branch:api/openapi.yaml");
  CHECK(unknown.error().message.find("'no-such-branch'") != std::string::npos);
  CHECK_FALSE(unknown.error().hint.empty());

  // A revision that looks like an option is still only a revision name.
  auto option = resolve_spec("--output=x:api/openapi.yaml");
  REQUIRE_FALSE(option.has_value());
  CHECK(option.error().code == "unknown-revision");

  auto missing = resolve_spec("HEAD:api/schemas/new.yaml");  // in the working tree, never committed
  REQUIRE_FALSE(missing.has_value());
  CHECK(missing.error().code == "missing-at-revision");
  CHECK(missing.error().message == "'api/schemas/new.yaml' does not exist at revision 'HEAD'");
  CHECK(missing.error().hint.find("git ls-tree") != std::string::npos);

  auto outside = resolve_spec("HEAD:../elsewhere.yaml");
  REQUIRE_FALSE(outside.has_value());
  CHECK(outside.error().code == "outside-repository");

  auto empty_path = resolve_spec("HEAD:");
  REQUIRE_FALSE(empty_path.has_value());
  CHECK(empty_path.error().code == "bad-spec");

  {
    test::ScratchFolder empty("spec-source-bin");
    ScopedVariable path("PATH", empty.path().string());
    auto no_git = resolve_spec("HEAD:api/openapi.yaml");
    REQUIRE_FALSE(no_git.has_value());
    CHECK(no_git.error().code == "git-not-found");
    CHECK(no_git.error().hint.find("install git") != std::string::npos);
  }

  test::ScratchFolder plain("spec-source-plain");
  InFolder not_a_repository(plain.path());
  ScopedVariable ceiling("GIT_CEILING_DIRECTORIES", plain.path().parent_path().string());
  auto no_repository = resolve_spec("HEAD:openapi.yaml");
  REQUIRE_FALSE(no_repository.has_value());
  CHECK(no_repository.error().code == "not-a-git-repository");
  CHECK(no_repository.error().where.file == "HEAD:openapi.yaml");
}

TEST_CASE("an existing file or folder whose name has a ':' wins over REV:path", "[spec_source]") {
  ChangedRepository repository;
  InFolder here(repository.folder.path());
  repository.folder.write("HEAD:api/openapi.yaml", contract_titled("Colon"));

  auto source = resolve_spec("HEAD:api");
  REQUIRE(source.has_value());
  CHECK(source->kind == SpecKind::file);
  CHECK(source->display_path == "HEAD:api/openapi.yaml");
  auto workspace = open_spec(*source);
  REQUIRE(workspace.has_value());
  CHECK(title_of(**workspace) == "Colon");
}
