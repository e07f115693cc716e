// lib/scaffold with files: template folders, planning, atomic writing, --force, cancellation, the built-in
// templates, the recorded apictl.toml, and `apictl new` / `apictl templates` in-process.
#include <catch2/catch.hpp>

#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "project/project_config.hpp"
#include "scaffold/answers.hpp"
#include "scaffold/generator.hpp"
#include "scaffold/project_record.hpp"
#include "scaffold/template_source.hpp"
#include "support/run_cli.hpp"
#include "support/scratch_folder.hpp"

namespace fs = std::filesystem;
using namespace apictl;
using namespace apictl::scaffold;

namespace {

constexpr std::string_view demo_manifest = R"([template]
name = "demo"
version = "2.0.0"
description = "files for the generator tests"

[[variables]]
name = "name"
default = "{{ directory | kebab }}"

[[variables]]
name = "docker"
default = false

[[files]]
paths = ["Dockerfile"]
when = "docker"

[[files]]
paths = ["raw/**"]
binary = true
)";

std::string read(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

// A template folder with a placeholder in a folder name, a script, a binary file and a conditional file.
fs::path make_demo_template(const test::ScratchFolder& scratch) {
  scratch.write("demo/template.toml", demo_manifest);
  scratch.write("demo/{{ name | snake }}/__init__.py", "NAME = \"{{ name }}\"\n");
  scratch.write("demo/run.sh", "#!/bin/sh\necho {{ name }}\n");
  ::chmod((scratch.path() / "demo/run.sh").c_str(), 0755);
  scratch.write("demo/raw/data.txt", "kept as is: {{ name }}\n");
  scratch.write("demo/blob.bin", std::string("\x89PNG\0{{ name }}", 13));
  scratch.write("demo/Dockerfile", "FROM scratch\n");
  scratch.write("demo/apictl.toml", "# project file\n[contract]\npath = \"openapi.yaml\"\n");
  return scratch.path() / "demo";
}

ProjectPlan plan_for(const Template& source, std::string directory,
                     std::vector<std::pair<std::string, std::string>> given = {}) {
  AnswerOptions options;
  options.directory_name = std::move(directory);
  options.use_defaults = true;
  options.given = std::move(given);
  auto answers = resolve_answers(source.manifest, options);
  REQUIRE(answers.has_value());
  auto plan = plan_project(source, {source.manifest.name, source.manifest.version}, *answers);
  REQUIRE(plan.has_value());
  return *plan;
}

// Everything in `folder`, so a test can say "nothing was left behind".
std::vector<std::string> listing(const fs::path& folder) {
  std::vector<std::string> names;
  for (const auto& entry : fs::recursive_directory_iterator(folder)) {
    names.push_back(entry.path().lexically_relative(folder).string());
  }
  std::sort(names.begin(), names.end());
  return names;
}

}  // namespace

TEST_CASE("a template folder generates rendered names and contents, verbatim binaries and the exec bit", "[scaffold]") {
  test::ScratchFolder scratch("scaffold");
  auto source = load_template_folder(make_demo_template(scratch));
  REQUIRE(source.has_value());
  CHECK(source->files.size() == 6);

  fs::path target = scratch.path() / "out" / "Pet Store";
  auto plan = plan_for(*source, "Pet Store");
  auto written = write_project(plan.files, WriteOptions{target, ExistingFolder::refuse, {}});
  REQUIRE(written.has_value());
  CHECK(written->written == 5);  // Dockerfile left out: docker is false
  CHECK(read(target / "pet_store/__init__.py") == "NAME = \"pet-store\"\n");
  CHECK(read(target / "raw/data.txt") == "kept as is: {{ name }}\n");
  CHECK(read(target / "blob.bin") == std::string("\x89PNG\0{{ name }}", 13));
  CHECK_FALSE(fs::exists(target / "Dockerfile"));
  struct stat info {};
  REQUIRE(::stat((target / "run.sh").c_str(), &info) == 0);
  CHECK((info.st_mode & S_IXUSR) != 0);
  REQUIRE(::stat((target / "pet_store/__init__.py").c_str(), &info) == 0);
  CHECK((info.st_mode & S_IXUSR) == 0);
  REQUIRE(::stat(target.c_str(), &info) == 0);
  CHECK((info.st_mode & S_IRWXG) != 0);  // not mkdtemp's private 0700 (with the usual umask)

  auto config = project::load_project_config(target / "apictl.toml");
  REQUIRE(config.has_value());
  CHECK(config->template_name == "demo");
  CHECK(config->template_version == "2.0.0");
  REQUIRE(config->answers.size() == 2);
  CHECK(config->answers[0].first == "name");
  CHECK(std::get<std::string>(config->answers[0].second) == "pet-store");
  CHECK(std::get<bool>(config->answers[1].second) == false);
  CHECK(read(target / "apictl.toml").starts_with("# project file\n[project]\ntemplate = \"demo\"\n"));
  CHECK(listing(scratch.path() / "out") == std::vector<std::string>{"Pet Store", "Pet Store/apictl.toml",
                                                                    "Pet Store/blob.bin", "Pet Store/pet_store",
                                                                    "Pet Store/pet_store/__init__.py", "Pet Store/raw",
                                                                    "Pet Store/raw/data.txt", "Pet Store/run.sh"});

  auto with_docker = plan_for(*source, "x", {{"docker", "true"}});
  CHECK(std::ranges::count(with_docker.files, fs::path("Dockerfile"), &PlannedFile::path) == 1);
}

TEST_CASE("a traversal in a file name or in an answer used in one is refused before anything is written",
          "[scaffold]") {
  test::ScratchFolder scratch("scaffold");
  make_demo_template(scratch);
  scratch.write("demo/notes/{{ name }}.md", "the answer is used as it is\n");
  auto source = load_template_folder(scratch.path() / "demo");
  REQUIRE(source.has_value());
  AnswerOptions options;
  options.directory_name = "x";
  options.use_defaults = true;
  options.given = {{"name", "../../escaped"}};
  auto answers = resolve_answers(source->manifest, options);
  REQUIRE(answers.has_value());
  auto plan = plan_project(*source, {"demo", "2.0.0"}, *answers);
  REQUIRE_FALSE(plan.has_value());
  CHECK(plan.error().code == "unsafe-path");
  CHECK(plan.error().message.find("'..") != std::string::npos);

  scratch.write("evil/template.toml", "[template]\nname = \"evil\"\nversion = \"1\"\n");
  fs::create_symlink("/etc/passwd", scratch.path() / "evil/passwd");
  auto evil = load_template_folder(scratch.path() / "evil");
  REQUIRE_FALSE(evil.has_value());
  CHECK(evil.error().code == "unsafe-path");
  CHECK(evil.error().message.find("leading out of the template folder") != std::string::npos);
}

TEST_CASE("an existing folder: refused when not empty; --force adds files but never overwrites", "[scaffold]") {
  test::ScratchFolder scratch("scaffold");
  auto source = load_template_folder(make_demo_template(scratch));
  REQUIRE(source.has_value());
  auto plan = plan_for(*source, "proj");
  fs::path target = scratch.path() / "proj";
  scratch.write("proj/notes.md", "mine\n");

  auto refused = write_project(plan.files, WriteOptions{target, ExistingFolder::refuse, {}});
  REQUIRE_FALSE(refused.has_value());
  CHECK(refused.error().code == "target-not-empty");
  CHECK(refused.error().hint.find("--force") != std::string::npos);

  // An identical file is fine; one with other content blocks the whole run.
  scratch.write("proj/run.sh", "#!/bin/sh\necho proj\n");
  scratch.write("proj/raw/data.txt", "my own data\n");
  auto before = listing(target);
  auto conflict = write_project(plan.files, WriteOptions{target, ExistingFolder::add_files, {}});
  REQUIRE_FALSE(conflict.has_value());
  CHECK(conflict.error().code == "would-overwrite");
  CHECK(conflict.error().message.find("raw/data.txt") != std::string::npos);
  CHECK(conflict.error().message.find("run.sh") == std::string::npos);
  CHECK(listing(target) == before);
  CHECK(read(target / "raw/data.txt") == "my own data\n");

  fs::remove(target / "raw/data.txt");
  auto added = write_project(plan.files, WriteOptions{target, ExistingFolder::add_files, {}});
  REQUIRE(added.has_value());
  CHECK(added->written == 4);
  REQUIRE(added->skipped.size() == 1);
  CHECK(added->skipped[0] == fs::path("run.sh"));
  CHECK(read(target / "notes.md") == "mine\n");
  CHECK(read(target / "raw/data.txt") == "kept as is: {{ name }}\n");
}

TEST_CASE("a link in the target folder is never written through", "[scaffold]") {
  test::ScratchFolder scratch("scaffold");
  auto source = load_template_folder(make_demo_template(scratch));
  REQUIRE(source.has_value());
  auto plan = plan_for(*source, "proj");
  fs::path target = scratch.path() / "proj";
  fs::create_directories(target);
  fs::create_directories(scratch.path() / "elsewhere");
  fs::create_directory_symlink(scratch.path() / "elsewhere", target / "raw");
  auto result = write_project(plan.files, WriteOptions{target, ExistingFolder::add_files, {}});
  REQUIRE_FALSE(result.has_value());
  CHECK(result.error().code == "unsafe-path");
  CHECK(fs::is_empty(scratch.path() / "elsewhere"));
}

TEST_CASE("cancelling mid-generation (Ctrl-C) or a failing write leaves nothing behind", "[scaffold]") {
  test::ScratchFolder scratch("scaffold");
  auto source = load_template_folder(make_demo_template(scratch));
  REQUIRE(source.has_value());
  auto plan = plan_for(*source, "proj");
  fs::path parent = scratch.path() / "parent";
  fs::create_directories(parent);

  int polls = 0;
  auto cancelled =
      write_project(plan.files, WriteOptions{parent / "a/b/proj", ExistingFolder::refuse, [&] { return ++polls > 3; }});
  REQUIRE_FALSE(cancelled.has_value());
  CHECK(cancelled.error().code == "cancelled");
  CHECK(polls == 4);
  CHECK(fs::is_empty(parent));  // neither the project, nor its temporary folder, nor the parents made for it

  // An existing, empty target that cannot take the files: the moves fail and are undone.
  fs::create_directories(parent / "proj");
  scratch.write("parent/proj/.keep", "");
  fs::remove(parent / "proj/.keep");
  if (::geteuid() != 0) {
    fs::permissions(parent / "proj", fs::perms::owner_read | fs::perms::owner_exec);
    auto read_only = write_project(plan.files, WriteOptions{parent / "proj", ExistingFolder::refuse, {}});
    fs::permissions(parent / "proj", fs::perms::owner_all);
    REQUIRE_FALSE(read_only.has_value());
    CHECK(read_only.error().code == "write-failed");
    CHECK(listing(parent) == std::vector<std::string>{"proj"});
  } else {
    WARN("running as root: the read-only target case is covered by tests/e2e/new_bad_input.sh as another user");
  }
}

TEST_CASE("the built-in fastapi template is embedded, valid, and records itself", "[scaffold]") {
  auto names = builtin_template_names();
  CHECK(std::ranges::find(names, "fastapi") != names.end());
  auto fastapi = load_builtin_template("fastapi");
  REQUIRE(fastapi.has_value());
  CHECK(fastapi->source == "built-in");
  auto plan = plan_for(*fastapi, "pet-store");
  auto config = std::ranges::find(plan.files, fs::path("apictl.toml"), &PlannedFile::path);
  REQUIRE(config != plan.files.end());
  auto parsed = project::parse_project_config(config->content, "apictl.toml");
  REQUIRE(parsed.has_value());
  CHECK(parsed->template_name == "fastapi");
  CHECK(parsed->contract == fs::path("openapi.yaml"));
  CHECK(parsed->dev.test == "python3 -m pytest -q");
  CHECK(parsed->dev.health == "/healthz");
  CHECK(std::ranges::count(plan.files, fs::path("pet_store/main.py"), &PlannedFile::path) == 1);
  CHECK(std::ranges::count(plan.files, fs::path("tests/test_contract.py"), &PlannedFile::path) == 1);

  auto unknown = load_builtin_template("fastpai");
  REQUIRE_FALSE(unknown.has_value());
  CHECK(unknown.error().code == "unknown-template");
  CHECK(unknown.error().hint.find("'fastapi'") != std::string::npos);
}

TEST_CASE("the built-in cpp-httplib template is embedded, valid, and records itself", "[scaffold]") {
  auto names = builtin_template_names();
  CHECK(std::ranges::find(names, "cpp-httplib") != names.end());
  auto cpp = load_builtin_template("cpp-httplib");
  REQUIRE(cpp.has_value());
  auto plan = plan_for(*cpp, "Pet Store", {{"port", "9001"}});
  auto file = [&plan](std::string_view path) -> const std::string& {
    auto found = std::ranges::find(plan.files, fs::path(path), &PlannedFile::path);
    REQUIRE(found != plan.files.end());
    return found->content;
  };
  auto parsed = project::parse_project_config(file("apictl.toml"), "apictl.toml");
  REQUIRE(parsed.has_value());
  CHECK(parsed->template_name == "cpp-httplib");
  CHECK(parsed->contract == fs::path("openapi.yaml"));
  CHECK(parsed->dev.build == "cmake -S . -B build && cmake --build build");
  CHECK(parsed->dev.command == "build/pet-store --host 127.0.0.1 --port {port}");
  CHECK(parsed->dev.test.ends_with("ctest --test-dir build --output-on-failure"));
  CHECK(parsed->dev.health == "/healthz");
  // The namespace defaults to the project name in snake case; the port answer is the server's default.
  CHECK(file("src/server.hpp").find("namespace pet_store {") != std::string::npos);
  CHECK(file("src/settings.hpp").find("int port = 9001;") != std::string::npos);
  CHECK(file("CMakeLists.txt").find("OUTPUT_NAME pet-store") != std::string::npos);
  for (auto marker : {"// apictl:routes", "// apictl:handlers"}) {
    CHECK(file("src/server.cpp").find(marker) != std::string::npos);
  }
  CHECK(file("src/models.hpp").find("// apictl:models") != std::string::npos);
  CHECK(file("tests/test_endpoints.cpp").find("// apictl:tests") != std::string::npos);

  // The namespace must be a C++ identifier that is no keyword, holds no reserved '__' and hides no library.
  for (auto bad : {"new", "class", "std", "httplib", "pet__store", "2pets", "Pets", "pet-store"}) {
    AnswerOptions options;
    options.directory_name = "x";
    options.use_defaults = true;
    options.given = {{"namespace", bad}};
    INFO(bad);
    CHECK_FALSE(resolve_answers(cpp->manifest, options).has_value());
  }
  CHECK(std::ranges::count(plan_for(*cpp, "x", {{"namespace", "new_api"}}).files, fs::path("src/server.cpp"),
                           &PlannedFile::path) == 1);
}

TEST_CASE("every built-in template makes a project whose contract lints clean", "[scaffold]") {
  for (const auto& name : builtin_template_names()) {
    INFO(name);
    test::ScratchFolder scratch("scaffold");
    fs::path target = scratch.path() / "pet-store";
    auto made = test::run_cli({"new", target.string(), "--template", name, "--defaults", "--no-hooks"});
    REQUIRE(made.code == 0);
    auto lint = test::run_cli({"-C", target.string(), "contract", "lint"});
    CHECK(lint.code == 0);
    CHECK(lint.out.find("no problems (0 errors, 0 warnings") != std::string::npos);
  }
}

TEST_CASE("apictl new and apictl templates in-process: exit codes and messages", "[scaffold]") {
  test::ScratchFolder scratch("scaffold");
  fs::path target = scratch.path() / "svc";

  // Every call passes --defaults, so none asks even when the tests run on a terminal; the no-terminal
  // error is tested end to end (tests/e2e/new_bad_input.sh).
  auto bad = test::run_cli({"new", target.string(), "--defaults", "--set", "project_name=Bad Name"});
  CHECK(bad.code == 2);
  CHECK(bad.err.find("'Bad Name' for 'project_name' is not accepted") != std::string::npos);
  CHECK_FALSE(fs::exists(target));

  auto unknown = test::run_cli({"new", target.string(), "--template", "djnago", "--defaults"});
  CHECK(unknown.code == 2);
  CHECK(unknown.err.find("no built-in template named 'djnago'") != std::string::npos);

  auto made = test::run_cli({"new", target.string(), "--defaults", "--no-hooks", "--set", "port=9001"});
  CHECK(made.code == 0);
  CHECK(made.out.find("from template fastapi") != std::string::npos);
  CHECK(read(target / "openapi.yaml").find("url: http://localhost:9001") != std::string::npos);

  auto again = test::run_cli({"new", target.string(), "--defaults", "--no-hooks"});
  CHECK(again.code == 2);
  CHECK(again.err.find("is not empty") != std::string::npos);
  auto forced = test::run_cli({"new", target.string(), "--defaults", "--no-hooks", "--force"});
  CHECK(forced.code == 2);  // port 8000 now: openapi.yaml, README.md and apictl.toml would change
  CHECK(forced.err.find("openapi.yaml") != std::string::npos);
  auto same = test::run_cli({"new", target.string(), "--defaults", "--no-hooks", "--force", "--set", "port=9001"});
  CHECK(same.code == 0);
  CHECK(same.out.find(": 0 files, ") != std::string::npos);
  CHECK(same.out.find(" already there unchanged") != std::string::npos);

  auto listed = test::run_cli({"templates", "--format", "json"});
  CHECK(listed.code == 0);
  auto json = nlohmann::json::parse(listed.out);
  CHECK(json["schema"] == "apictl.templates/v1");
  const auto& templates = json["templates"];
  REQUIRE(templates.is_array());
  std::vector<std::string> listed_names;
  for (const auto& entry : templates) listed_names.push_back(entry["name"]);
  CHECK(listed_names == std::vector<std::string>{"cpp-httplib", "fastapi"});  // sorted by name
  CHECK(templates[1]["variables"][0]["name"] == "project_name");

  scratch.write("broken/template.toml", "[template]\nname = \"b\"\nversion = \"1\"\ncolour = 1\n");
  auto broken = test::run_cli({"templates", (scratch.path() / "broken").string()});
  CHECK(broken.code == 2);
  CHECK(broken.err.find("template.toml:4:1: error: unknown key 'colour'") != std::string::npos);
}

TEST_CASE("hooks run in the new project unless --no-hooks; a failing hook exits 1 and keeps the project",
          "[scaffold]") {
  test::ScratchFolder scratch("scaffold");
  scratch.write("hooked/template.toml", R"([template]
name = "hooked"
version = "1"

[[variables]]
name = "fail"
default = false

[[hooks]]
description = "note the folder"
run = "pwd > made-by-hook.txt && echo to-stdout"

[[hooks]]
run = "exit 3"
when = "fail"
)");
  scratch.write("hooked/README.md", "hi\n");
  std::string folder = (scratch.path() / "hooked").string();

  auto skipped =
      test::run_cli({"new", (scratch.path() / "a").string(), "--template", folder, "--defaults", "--no-hooks"});
  CHECK(skipped.code == 0);
  CHECK_FALSE(fs::exists(scratch.path() / "a/made-by-hook.txt"));

  auto hooked = test::run_cli({"new", (scratch.path() / "b").string(), "--template", folder, "--defaults"});
  CHECK(hooked.code == 0);
  CHECK(hooked.out.find("to-stdout") == std::string::npos);  // hook output goes to stderr, not our stdout
  CHECK(read(scratch.path() / "b/made-by-hook.txt") == fs::canonical(scratch.path() / "b").string() + "\n");
  auto config = project::load_project_config(scratch.path() / "b/apictl.toml");
  REQUIRE(config.has_value());
  CHECK(config->template_name == folder);  // a local template is recorded by the folder it came from

  auto failing =
      test::run_cli({"new", (scratch.path() / "c").string(), "--template", folder, "--defaults", "--set", "fail=yes"});
  CHECK(failing.code == 1);
  CHECK(failing.err.find("hook 'exit 3' failed with exit status 3") != std::string::npos);
  CHECK(fs::exists(scratch.path() / "c/README.md"));
}

TEST_CASE("the record goes after [project], keeps the template's text, and is the only record", "[scaffold]") {
  Answers answers;
  answers.set("directory", std::string("x"));
  answers.set("title", std::string("say \"hi\""));
  answers.set("port", std::int64_t{8000});
  auto recorded = record_template("# mine\n[project] # the project\nname = \"x\"\n", {"t", "1.0"}, answers);
  REQUIRE(recorded.has_value());
  CHECK(*recorded ==
        "# mine\n[project] # the project\ntemplate = \"t\"\ntemplate_version = \"1.0\"\nname = \"x\"\n\n"
        "# The answers this project was generated with (apictl new); template upgrades reuse them.\n"
        "[answers]\ntitle = \"say \\\"hi\\\"\"\nport = 8000\n");

  auto claimed = record_template("[project]\ntemplate = \"other\"\n", {"t", "1.0"}, answers);
  REQUIRE_FALSE(claimed.has_value());
  CHECK(claimed.error().hint == "leave them out: apictl new records them");
  auto invalid = record_template("[project]\ncolour = 1\n", {"t", "1.0"}, answers);
  REQUIRE_FALSE(invalid.has_value());
  CHECK(invalid.error().where.line == 2);
}
