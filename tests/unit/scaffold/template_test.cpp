// lib/scaffold without files: template.toml parsing, placeholders and filters, conditions, path safety and
// answers (given, defaults, and questions re-asked on bad input).
#include <catch2/catch.hpp>

#include <sstream>

#include "scaffold/answers.hpp"
#include "scaffold/condition.hpp"
#include "scaffold/filters.hpp"
#include "scaffold/path_safety.hpp"
#include "scaffold/render.hpp"
#include "scaffold/template.hpp"

using namespace apictl;
using namespace apictl::scaffold;

namespace {

std::string filtered(std::string_view filter, std::string_view text) {
  return apply_filter(filter, text).value_or("?");
}

Answers answers_of(std::initializer_list<std::pair<std::string, Value>> entries) {
  Answers answers;
  for (const auto& [name, value] : entries) answers.set(name, value);
  return answers;
}

constexpr std::string_view valid_manifest = R"([template]
name = "demo"
version = "1.2.0"
description = "A demo"

[[variables]]
name = "project_name"
default = "{{ directory | kebab }}"
validate = "^[a-z][a-z0-9-]*$"

[[variables]]
name = "package"
default = "{{ project_name | snake }}"

[[variables]]
name = "database"
choices = ["none", "sqlite", "postgres"]
default = "none"

[[variables]]
name = "port"
default = 8000
min = 1
max = 65535

[[variables]]
name = "docker"
default = false
help = "add a Dockerfile"

[[files]]
paths = ["Dockerfile", "docker/**"]
when = "docker"

[[files]]
paths = ["assets/*.png"]
binary = true

[[hooks]]
run = "git init -q"
when = "not docker or database != 'none'"
)";

Result<TemplateManifest> parse(std::string_view text) { return parse_template_manifest(text, "template.toml"); }

}  // namespace

TEST_CASE("filters convert between naming conventions", "[scaffold]") {
  CHECK(filtered("snake", "Pet Store") == "pet_store");
  CHECK(filtered("snake", "petStore") == "pet_store");
  CHECK(filtered("kebab", "HTTPServer") == "http-server");
  CHECK(filtered("kebab", "my_api v2") == "my-api-v2");
  CHECK(filtered("pascal", "pet-store") == "PetStore");
  CHECK(filtered("camel", "pet_store") == "petStore");
  CHECK(filtered("constant", "pet-store") == "PET_STORE");
  CHECK(filtered("title", "pet_store") == "Pet Store");
  CHECK(filtered("upper", "a-b") == "A-B");
  CHECK(filtered("lower", "A-B") == "a-b");
  CHECK(filtered("trim", "  x ") == "x");
  CHECK(filtered("json", "say \"hi\"\n") == R"("say \"hi\"\n")");
  CHECK_FALSE(apply_filter("shout", "x").has_value());
}

TEST_CASE("placeholders render variables through filters; literals escape braces", "[scaffold]") {
  auto values = answers_of({{"name", std::string("Pet Store")}, {"port", std::int64_t{8080}}, {"on", true}});
  SourcePosition origin{"f.txt", 1, 1, {}};
  CHECK(render_text("{{name|snake}}:{{ port }} {{ on }}", values, origin).value() == "pet_store:8080 true");
  CHECK(render_text("{{ name | kebab | upper }}", values, origin).value() == "PET-STORE");
  CHECK(render_text(R"(${{ "{{" }} x }})", values, origin).value() == "${{ x }}");
  CHECK(render_text("no placeholders { } }}", values, origin).value() == "no placeholders { } }}");

  auto unknown = render_text("line one\n  {{ nam }}", values, origin);
  REQUIRE_FALSE(unknown.has_value());
  CHECK(unknown.error().where.line == 2);
  CHECK(unknown.error().where.column == 3);
  CHECK(unknown.error().hint.find("'name'") != std::string::npos);

  auto filter = render_text("{{ name | snek }}", values, origin);
  REQUIRE_FALSE(filter.has_value());
  CHECK(filter.error().message == "unknown filter 'snek'");
  CHECK(filter.error().hint.find("snake") != std::string::npos);

  auto unclosed = render_text("a {{ name \n}}", values, origin);
  REQUIRE_FALSE(unclosed.has_value());
  CHECK(unclosed.error().where.column == 3);
}

TEST_CASE("conditions combine truth, comparisons, not, and, or and parentheses", "[scaffold]") {
  auto values = answers_of(
      {{"docker", true}, {"db", std::string("none")}, {"port", std::int64_t{0}}, {"name", std::string("x")}});
  SourcePosition where{"template.toml", 3, 1, {}};
  auto holds = [&](std::string_view condition) { return evaluate_condition(condition, values, where).value(); };
  CHECK(holds("docker"));
  CHECK_FALSE(holds("not docker"));
  CHECK_FALSE(holds("port"));
  CHECK(holds("name"));
  CHECK(holds("db == 'none'"));
  CHECK(holds("db != \"sqlite\" and docker"));
  CHECK(holds("port or docker"));
  CHECK_FALSE(holds("not (docker or port)"));
  CHECK(holds("port == 0"));
  CHECK_FALSE(holds("false"));  // how a template keeps its own files (migrations/) out of projects
  auto unknown = evaluate_condition("dokcer", values, where);
  REQUIRE_FALSE(unknown.has_value());
  CHECK(unknown.error().where.line == 3);
  CHECK(unknown.error().hint.find("docker") != std::string::npos);
  CHECK_FALSE(evaluate_condition("docker and", values, where).has_value());
  CHECK_FALSE(evaluate_condition("(docker", values, where).has_value());
}

TEST_CASE("a valid template.toml is read in order with types inferred", "[scaffold]") {
  auto manifest = parse(valid_manifest);
  REQUIRE(manifest.has_value());
  CHECK(manifest->name == "demo");
  CHECK(manifest->version == "1.2.0");
  REQUIRE(manifest->variables.size() == 5);
  CHECK(manifest->variables[0].name == "project_name");
  CHECK(manifest->variables[2].type == VariableType::choice);
  CHECK(manifest->variables[3].type == VariableType::integer);
  CHECK(manifest->variables[4].type == VariableType::boolean);
  CHECK(manifest->variables[4].help == "add a Dockerfile");
  REQUIRE(manifest->files.size() == 2);
  CHECK(manifest->files[1].binary);
  REQUIRE(manifest->hooks.size() == 1);
  CHECK(manifest->hooks[0].description == "git init -q");
}

TEST_CASE("template.toml mistakes are errors at their line and column", "[scaffold]") {
  struct Case {
    std::string text;
    std::uint32_t line;
    std::uint32_t column;
    std::string message;
  };
  const std::string head = "[template]\nname = \"t\"\nversion = \"1\"\n";
  std::vector<Case> cases = {
      {"[template]\nname = \"t\"\nversion = [\n", 3, 0, ""},  // malformed TOML
      {head + "descripton = \"x\"\n", 4, 1, "unknown key 'descripton'"},
      {head + "[[variables]]\nname = \"a\"\npromt = \"A?\"\n", 6, 1, "unknown key 'promt'"},
      {head + "[[variables]]\nname = \"a\"\ntype = \"text\"\n", 6, 8, "unknown variable type"},
      {head + "[[variables]]\nname = \"a\"\nchoices = [\"x\"]\ndefault = \"y\"\n", 7, 11, "not one of the choices"},
      {head + "[[variables]]\nname = \"a\"\nvalidate = \"[a-\"\n", 6, 12, "invalid regular expression"},
      {head + "[[variables]]\nname = \"a\"\nvalidate = \"^[a-z]+$\"\ndefault = \"A\"\n", 7, 11, "does not match"},
      {head + "[[variables]]\nname = \"a\"\ndefault = \"{{ b }}\"\n[[variables]]\nname = \"b\"\n", 4, 1,
       "unknown variable 'b'"},
      {head + "[[variables]]\nname = \"a\"\n[[variables]]\nname = \"a\"\n", 6, 1, "declared twice"},
      {head + "[[variables]]\nname = \"port\"\ntype = \"int\"\ndefault = \"80\"\n", 7, 11, "must be a int"},
      {head + "[[files]]\npaths = [\"x\"]\nwhen = \"dockr\"\n", 4, 1, "unknown variable 'dockr'"},
      {head + "[[hooks]]\ndescription = \"x\"\n", 4, 1, "missing 'run'"},
      {"[template]\nname = \"t\"\n", 1, 1, "missing 'version'"},
      {head + "[[variables]]\nname = \"a\"\nmin = 1\n", 6, 7, "'min' is only for type = \"int\""},
  };
  for (const auto& item : cases) {
    INFO(item.text);
    auto manifest = parse(item.text);
    REQUIRE_FALSE(manifest.has_value());
    CHECK(manifest.error().where.file == "template.toml");
    CHECK(manifest.error().where.line == item.line);
    if (item.column != 0) CHECK(manifest.error().where.column == item.column);
    CHECK(manifest.error().message.find(item.message) != std::string::npos);
  }
}

TEST_CASE("file names with '..', absolute paths or odd parts are refused", "[scaffold]") {
  SourcePosition origin{"template 'demo': {{ name }}", 0, 0, {}};
  CHECK(safe_relative_path("a/./b.txt", origin).value() == std::filesystem::path("a/b.txt"));
  CHECK(safe_relative_path(".gitignore", origin).value() == std::filesystem::path(".gitignore"));
  for (std::string_view bad : {"../x", "a/../../x", "..", "/etc/passwd", "a//b", "a/", "", "a\\b", "."}) {
    INFO(bad);
    auto result = safe_relative_path(bad, origin);
    REQUIRE_FALSE(result.has_value());
    CHECK(result.error().code == "unsafe-path");
    CHECK(result.error().where.file == origin.file);
  }
}

TEST_CASE("answers come from --set, then defaults rendered with earlier answers", "[scaffold]") {
  auto manifest = parse(valid_manifest).value();
  AnswerOptions options;
  options.directory_name = "Pet Store";
  options.use_defaults = true;
  options.given = {{"port", "9000"}, {"docker", "yes"}};
  auto answers = resolve_answers(manifest, options);
  REQUIRE(answers.has_value());
  CHECK(std::get<std::string>(*answers->find("project_name")) == "pet-store");
  CHECK(std::get<std::string>(*answers->find("package")) == "pet_store");
  CHECK(std::get<std::int64_t>(*answers->find("port")) == 9000);
  CHECK(std::get<bool>(*answers->find("docker")));
  CHECK(std::get<std::string>(*answers->find("database")) == "none");
}

TEST_CASE("bad answers are refused with the rule they break", "[scaffold]") {
  auto manifest = parse(valid_manifest).value();
  auto refused = [&](std::vector<std::pair<std::string, std::string>> given) {
    AnswerOptions options;
    options.directory_name = "demo";
    options.use_defaults = true;
    options.given = std::move(given);
    auto answers = resolve_answers(manifest, options);
    REQUIRE_FALSE(answers.has_value());
    return answers.error();
  };
  CHECK(refused({{"project_name", "Not Valid"}}).hint.find("^[a-z][a-z0-9-]*$") != std::string::npos);
  CHECK(refused({{"port", "80a"}}).message.find("not a whole number") != std::string::npos);
  auto range = refused({{"port", "70000"}});
  CHECK(range.message.find("out of range") != std::string::npos);
  CHECK(range.hint == "answer 1 to 65535");
  CHECK(refused({{"docker", "perhaps"}}).message.find("yes/no") != std::string::npos);
  CHECK(refused({{"database", "mysql"}}).hint.find("sqlite") != std::string::npos);
  auto unknown = refused({{"portt", "1"}});
  CHECK(unknown.message.find("no variable 'portt'") != std::string::npos);
  CHECK(unknown.hint.find("'port'") != std::string::npos);
  // A default that fails validation once rendered (the folder name is not kebab-able into the pattern).
  AnswerOptions options;
  options.directory_name = "9lives";
  options.use_defaults = true;
  auto bad_default = resolve_answers(manifest, options);
  REQUIRE_FALSE(bad_default.has_value());
  CHECK(bad_default.error().hint.find("--set project_name=") != std::string::npos);
}

TEST_CASE("without a terminal or --defaults, every unanswered variable is named", "[scaffold]") {
  auto manifest = parse(valid_manifest).value();
  AnswerOptions options;
  options.directory_name = "demo";
  options.given = {{"package", "demo"}};
  auto answers = resolve_answers(manifest, options);
  REQUIRE_FALSE(answers.has_value());
  CHECK(answers.error().code == "missing-answer");
  CHECK(answers.error().message.find("project_name, database, port, docker") != std::string::npos);
  CHECK(answers.error().hint.find("--defaults") != std::string::npos);
}

TEST_CASE("questions show the default, re-ask on bad input and accept the default on Enter", "[scaffold]") {
  auto manifest = parse(valid_manifest).value();
  std::istringstream in("Bad Name\npets\n\nmysql\nsqlite\nlots\n8080\nmaybe\ny\n");
  std::ostringstream out;
  AnswerOptions options;
  options.directory_name = "demo";
  options.questions_in = &in;
  options.questions_out = &out;
  auto answers = resolve_answers(manifest, options);
  REQUIRE(answers.has_value());
  CHECK(std::get<std::string>(*answers->find("project_name")) == "pets");
  CHECK(std::get<std::string>(*answers->find("package")) == "pets");  // Enter: the default, rendered
  CHECK(std::get<std::string>(*answers->find("database")) == "sqlite");
  CHECK(std::get<std::int64_t>(*answers->find("port")) == 8080);
  CHECK(std::get<bool>(*answers->find("docker")));
  std::string transcript = out.str();
  CHECK(transcript.find("project_name [demo]: ") != std::string::npos);
  CHECK(transcript.find("package [pets]: ") != std::string::npos);
  CHECK(transcript.find("database (none, sqlite, postgres) [none]: ") != std::string::npos);
  CHECK(transcript.find("'Bad Name' for 'project_name' is not accepted") != std::string::npos);
  CHECK(transcript.find("docker [y/N]: ") != std::string::npos);
  CHECK(transcript.find("  add a Dockerfile\n") != std::string::npos);

  std::istringstream ended("pets\n");
  options.questions_in = &ended;
  auto cancelled = resolve_answers(manifest, options);
  REQUIRE_FALSE(cancelled.has_value());
  CHECK(cancelled.error().code == "cancelled");
}
