// Migration files: a complete file is read whole; every mistake is an error at its line and column.
#include <catch2/catch.hpp>

#include "migrate/migration_file.hpp"

using namespace apictl;
using namespace apictl::migrate;

namespace {

MigrationOrigin origin(std::string id = "20261126-1530-example") {
  return {"migrations/" + id + ".toml", "migrations/" + id + ".toml", false, id};
}

Diagnostic error_of(const std::string& text, const std::string& id = "20261126-1530-example") {
  auto parsed = parse_migration(text, origin(id));
  REQUIRE_FALSE(parsed.has_value());
  return parsed.error();
}

const std::string header = "id = \"20261126-1530-example\"\ntitle = \"Example\"\n";

}  // namespace

TEST_CASE("a complete migration file is read with every part", "[migrate]") {
  auto parsed = parse_migration(R"toml(id = "20261126-1530-example"
title = "Models on the v2 API"
description = "why"
after = ["20261120-0900-first"]
upgrades = { package = "pydantic", from = ">=1,<2", to = "2" }

[[preconditions]]
kind = "files-exist"
paths = ["app/schemas.py"]

[[preconditions]]
kind = "pinned"
package = "pydantic"
range = ">=1.8,<2"

[[preconditions]]
kind = "command"
run = "true"

[[steps]]
kind = "rewrite"
language = "python"
files = ["app/**/*.py"]
importing = "pydantic"
[[steps.replace]]
pattern = "$x.dict()"
replacement = "$x.model_dump()"

[[steps]]
kind = "pin"
package = "pydantic"
version = ">=2,<3"
when = { imports = "pydantic" }

[[steps]]
kind = "move"
from = "app/schemas.py"
to = "app/models.py"

[[steps]]
kind = "run"
run = "make fixtures"
undo = "make clean-fixtures"

[[steps]]
kind = "manual"
text = "Tell the mobile team"

[verify]
command = "python3 -m pytest -q"
prefer_project_test = false
)toml",
                                origin());
  REQUIRE(parsed.has_value());
  const Migration& migration = *parsed;
  CHECK(migration.id == "20261126-1530-example");
  CHECK(migration.title == "Models on the v2 API");
  REQUIRE(migration.after.size() == 1);
  CHECK(migration.after[0].text == "20261120-0900-first");
  REQUIRE(migration.upgrades.has_value());
  CHECK(migration.upgrades->name == "pydantic");
  CHECK(migration.upgrades->from.text == ">=1,<2");
  REQUIRE(migration.preconditions.size() == 3);
  CHECK(migration.preconditions[1].kind == Precondition::Kind::pinned);
  REQUIRE(migration.steps.size() == 5);
  CHECK(migration.steps[0]->kind() == "rewrite");
  CHECK(migration.steps[1]->kind() == "pin");
  CHECK(migration.steps[1]->when.has_value());
  CHECK(migration.steps[1]->when->module == "pydantic");
  CHECK(migration.steps[1]->when->files == std::vector<std::string>{"**/*.py"});
  CHECK(migration.steps[2]->describe() == "move app/schemas.py to app/models.py");
  REQUIRE(migration.steps[3]->shell() != nullptr);
  CHECK(migration.steps[3]->shell()->undo == "make clean-fixtures");
  CHECK(migration.steps[4]->kind() == "manual");
  CHECK(migration.steps[0]->where.line == 20);
  REQUIRE(migration.verify.has_value());
  CHECK(migration.verify->command == "python3 -m pytest -q");
  CHECK_FALSE(migration.verify->prefer_project_test);
  CHECK(migration.sha256.size() == 64);
}

TEST_CASE("migration file mistakes are errors at their line and column", "[migrate]") {
  SECTION("TOML syntax") {
    Diagnostic error = error_of("id = \"x\"\ntitle = \n");
    CHECK(error.code == "migration-error");
    CHECK(error.where.file == "migrations/20261126-1530-example.toml");
    CHECK(error.where.line == 2);
  }
  SECTION("an unknown top-level key, with the nearest one") {
    Diagnostic error = error_of(header + "descripton = \"x\"\n[[steps]]\nkind = \"manual\"\ntext = \"t\"\n");
    CHECK(error.where.line == 3);
    CHECK(error.where.column == 1);
    CHECK(error.message == "unknown key 'descripton' in the migration");
    CHECK(error.hint.find("did you mean 'description'?") != std::string::npos);
  }
  SECTION("an unknown key of a step kind") {
    Diagnostic error = error_of(header + "[[steps]]\nkind = \"pin\"\npakage = \"pydantic\"\nversion = \"2\"\n");
    CHECK(format_diagnostic(error) ==
          "migrations/20261126-1530-example.toml:5:1: error: unknown key 'pakage' in a pin step; did you mean "
          "'package'? allowed keys: kind, package, version, tag, files, add_beside, when");
  }
  SECTION("an unknown step kind; a template step needs its release") {
    Diagnostic error = error_of(header + "[[steps]]\nkind = \"mov\"\n");
    CHECK(error.where.line == 4);
    CHECK(error.where.column == 8);
    CHECK(error.hint.starts_with("did you mean 'move'?"));
    Diagnostic release = error_of(header + "[[steps]]\nkind = \"template\"\n");
    CHECK(release.message == "[[steps]] needs 'to'");
  }
  SECTION("a missing required key points at its table") {
    Diagnostic error = error_of(header + "\n[[steps]]\nkind = \"move\"\nfrom = \"a.py\"\n");
    CHECK(error.message == "[[steps]] needs 'to'");
    CHECK(error.where.line == 4);
  }
  SECTION("a wrong type") {
    Diagnostic error = error_of(header + "[[steps]]\nkind = \"manual\"\ntext = 3\n");
    CHECK(error.message == "'text' must be a string, not an integer");
    CHECK(error.where.line == 5);
    CHECK(error.where.column == 8);
  }
  SECTION("a bad version range at the value") {
    Diagnostic error = error_of(header +
                                "upgrades = { package = \"p\", from = \">=one\" }\n[[steps]]\nkind = "
                                "\"manual\"\ntext = \"t\"\n");
    CHECK(error.code == "bad-version-range");
    CHECK(error.where.line == 3);
    CHECK(error.where.column == 36);
  }
  SECTION("an id that differs from the file name") {
    Diagnostic error = error_of(header + "[[steps]]\nkind = \"manual\"\ntext = \"t\"\n", "20261126-1531-other");
    CHECK(error.where.line == 1);
    CHECK(error.where.column == 6);
    CHECK(error.hint.find("rename the file to 20261126-1530-example.toml") != std::string::npos);
  }
  SECTION("an unsafe path") {
    Diagnostic error = error_of(header + "[[steps]]\nkind = \"move\"\nfrom = \"../x\"\nto = \"y\"\n");
    CHECK(error.message.find("'..'") != std::string::npos);
    CHECK(error.where.line == 5);
  }
  SECTION("no steps") {
    Diagnostic error = error_of(header);
    CHECK(error.message == "the migration has no [[steps]]");
    CHECK(error.where.line == 1);
  }
  SECTION("both a rewriter and patterns") {
    Diagnostic error = error_of(header +
                                "[[steps]]\nkind = \"rewrite\"\nlanguage = \"python\"\nfiles = \"*.py\"\nrewriter = "
                                "\"pydantic-v2\"\n[[steps.replace]]\npattern = \"a\"\nreplacement = \"b\"\n");
    CHECK(error.message.find("either 'rewriter' or [[steps.replace]]") != std::string::npos);
  }
  SECTION("an unknown rewriter, with the nearest one") {
    Diagnostic error = error_of(header +
                                "[[steps]]\nkind = \"rewrite\"\nlanguage = \"python\"\nfiles = "
                                "\"*.py\"\nrewriter = \"pydantic-2\"\n");
    CHECK(error.where.line == 7);
    CHECK(error.hint.starts_with("did you mean 'pydantic-v2'?"));
  }
  SECTION("an unknown precondition kind") {
    Diagnostic error = error_of(header +
                                "[[preconditions]]\nkind = \"file-exists\"\n[[steps]]\nkind = \"manual\"\n"
                                "text = \"t\"\n");
    CHECK(error.hint.starts_with("did you mean 'files-exist'?"));
  }
}

TEST_CASE("migration ids", "[migrate]") {
  CHECK(valid_migration_id("20261126-1530-rename"));
  CHECK(valid_migration_id("pydantic-v2"));
  CHECK_FALSE(valid_migration_id("Pydantic"));
  CHECK_FALSE(valid_migration_id("-x"));
  CHECK_FALSE(valid_migration_id("a/b"));
  CHECK_FALSE(valid_migration_id(""));
}
