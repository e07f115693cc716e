// `new NAME`: a skeleton migration in migrations/, named by the time (UTC) so ids sort in creation order.
#include <chrono>
#include <ctime>

#include "migrate/catalog.hpp"
#include "migrate/durable_file.hpp"
#include "migrate/engine.hpp"
#include "migrate/migration_file.hpp"

namespace apictl::migrate {

namespace {

bool valid_name(std::string_view name) {
  if (name.empty() || name.size() > 64 || name.front() == '-' || name.back() == '-') return false;
  for (std::size_t i = 0; i < name.size(); ++i) {
    char c = name[i];
    bool ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || (c == '-' && name[i - 1] != '-');
    if (!ok) return false;
  }
  return true;
}

std::string id_time() {
  std::time_t now = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
  std::tm parts{};
  gmtime_r(&now, &parts);
  char buffer[32];
  std::strftime(buffer, sizeof buffer, "%Y%m%d-%H%M", &parts);
  return buffer;
}

std::string skeleton(const std::string& id, const std::string& name) {
  std::string title = name;
  for (char& c : title) c = c == '-' ? ' ' : c;
  if (title[0] >= 'a' && title[0] <= 'z') title[0] = static_cast<char>(title[0] - 'a' + 'A');
  return "# A migration of this project. Every key is described in apictl's docs/migrations.md.\n"
         "# `apictl migrate plan` shows what it would change; `apictl migrate apply` applies it, verifies it and\n"
         "# records it in migrations/ledger.json; `apictl migrate rollback` undoes it exactly.\n"
         "id = \"" +
         id +
         "\"\n"
         "title = \"" +
         title +
         "\"\n"
         "description = \"\"\"\n"
         "What this migration changes, and why.\n"
         "\"\"\"\n"
         "# after = [\"an-earlier-migration-id\"]     # runs after these (by default ids run in sorted order)\n"
         "\n"
         "# For which projects; without it, every project:\n"
         "# upgrades = { package = \"pydantic\", from = \">=1,<2\", to = \"2\" }\n"
         "\n"
         "# What must hold before it runs (kinds: files-exist, pinned, command):\n"
         "# [[preconditions]]\n"
         "# kind = \"files-exist\"\n"
         "# paths = [\"requirements.txt\"]\n"
         "\n"
         "# The steps, in order (kinds: rewrite, pin, move, run, manual):\n"
         "# [[steps]]\n"
         "# kind = \"rewrite\"\n"
         "# language = \"python\"\n"
         "# files = [\"**/*.py\"]\n"
         "# importing = \"pydantic\"\n"
         "# [[steps.replace]]\n"
         "# pattern = \"$x.dict()\"\n"
         "# replacement = \"$x.model_dump()\"\n"
         "#\n"
         "# [[steps]]\n"
         "# kind = \"pin\"\n"
         "# package = \"pydantic\"\n"
         "# version = \">=2,<3\"\n"
         "#\n"
         "# [[steps]]\n"
         "# kind = \"move\"\n"
         "# from = \"app/schemas.py\"\n"
         "# to = \"app/models.py\"\n"
         "\n"
         "[[steps]]\n"
         "kind = \"manual\"\n"
         "text = \"Replace this item with the migration's steps\"\n"
         "\n"
         "# The command that checks the result; by default apictl.toml's [dev] test:\n"
         "# verify = \"python3 -m pytest -q\"\n";
}

}  // namespace

Result<NewMigration> create_migration(const std::filesystem::path& start, const std::string& name) {
  if (!valid_name(name)) {
    return fail("usage", "'" + name + "' is not a migration name", {},
                "use lower-case words joined by '-', e.g. apictl migrate new rename-item-fields");
  }
  auto project = find_migration_project(start);
  if (!project) return std::unexpected(project.error());
  std::string id = id_time() + "-" + name;
  std::filesystem::path path = project->root / migrations_folder / (id + ".toml");
  std::error_code error;
  if (std::filesystem::exists(std::filesystem::symlink_status(path, error))) {
    return fail("usage", "'" + path.string() + "' exists already", {}, "choose another name, or edit that migration");
  }
  std::string text = skeleton(id, name);
  // The skeleton must be a valid migration as it is, so `list` and `plan` work right after `new`.
  std::string label = (std::filesystem::path(migrations_folder) / (id + ".toml")).generic_string();
  if (auto parsed = parse_migration(text, {label, label, false, id}); !parsed) return std::unexpected(parsed.error());
  if (auto written = write_durably(path, text, 0644); !written) return std::unexpected(written.error());
  return NewMigration{id, path};
}

}  // namespace apictl::migrate
