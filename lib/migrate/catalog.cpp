// Loading and ordering migrations.
#include "migrate/catalog.hpp"

#include <algorithm>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include "migrate/builtin_packs.hpp"
#include "migrate/migration_file.hpp"
#include "util/spelling.hpp"

namespace apictl::migrate {

namespace fs = std::filesystem;

Result<std::vector<Migration>> load_project_migrations(const MigrationProject& project) {
  std::vector<Migration> migrations;
  fs::path folder = project.root / migrations_folder;
  std::error_code error;
  if (!fs::is_directory(folder, error)) return migrations;
  std::vector<fs::path> files;
  for (const fs::directory_entry& entry : fs::directory_iterator(folder, error)) {
    if (entry.path().extension() == ".toml" && !entry.path().filename().string().starts_with('.')) {
      files.push_back(entry.path());
    }
  }
  std::ranges::sort(files);
  for (const fs::path& file : files) {
    std::string label = (fs::path(migrations_folder) / file.filename()).generic_string();
    std::ifstream in(file, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    if (!in.good() && !in.eof()) {
      return fail("read-failed", "cannot read the migration file", {label, 0, 0, {}}, "check its permissions");
    }
    MigrationOrigin origin{label, label, false, file.stem().string()};
    auto migration = parse_migration(text.str(), origin);
    if (!migration) return std::unexpected(migration.error());
    migrations.push_back(std::move(*migration));
  }
  return migrations;
}

Result<std::vector<Migration>> load_builtin_migrations() {
  std::vector<Migration> migrations;
  for (const PackFile& pack : builtin_pack_files()) {
    std::string stem = pack.name.substr(0, pack.name.size() - std::string_view(".toml").size());
    MigrationOrigin origin{"built-in:" + pack.template_name + "/migrations/" + pack.name,
                           "built-in (" + pack.template_name + " template)", true, stem};
    auto migration = parse_migration(pack.text, origin);
    if (!migration) return std::unexpected(migration.error());
    migrations.push_back(std::move(*migration));
  }
  return migrations;
}

Result<std::vector<Migration>> order_migrations(std::vector<Migration> migrations) {
  std::ranges::sort(migrations, {}, &Migration::id);
  std::map<std::string, std::size_t> index;
  for (std::size_t i = 0; i < migrations.size(); ++i) index[migrations[i].id] = i;
  std::vector<std::string_view> ids;
  for (const Migration& migration : migrations) ids.push_back(migration.id);
  for (const Migration& migration : migrations) {
    for (const PlacedText& before : migration.after) {
      if (index.contains(before.text)) continue;
      std::string_view near = closest_name(ids, before.text);
      return fail(
          "migration-error", "'after' names '" + before.text + "', which is not a known migration", before.at,
          near.empty() ? "check the id (see `apictl migrate list`)" : "did you mean '" + std::string(near) + "'?");
    }
  }
  // Kahn's algorithm, always taking the smallest ready id, so the order is ids sorted wherever `after`
  // allows it.
  std::vector<int> waiting(migrations.size(), 0);
  std::vector<std::vector<std::size_t>> followers(migrations.size());
  for (std::size_t i = 0; i < migrations.size(); ++i) {
    for (const PlacedText& before : migrations[i].after) {
      followers[index[before.text]].push_back(i);
      ++waiting[i];
    }
  }
  std::set<std::size_t> ready;  // indexes into the id-sorted list: smallest is the smallest id
  for (std::size_t i = 0; i < migrations.size(); ++i) {
    if (waiting[i] == 0) ready.insert(i);
  }
  std::vector<std::size_t> order;
  while (!ready.empty()) {
    std::size_t next = *ready.begin();
    ready.erase(ready.begin());
    order.push_back(next);
    for (std::size_t follower : followers[next]) {
      if (--waiting[follower] == 0) ready.insert(follower);
    }
  }
  if (order.size() != migrations.size()) {
    std::string cycle;
    for (std::size_t i = 0; i < migrations.size(); ++i) {
      if (waiting[i] > 0) cycle += (cycle.empty() ? "" : ", ") + migrations[i].id;
    }
    const Migration& first = *std::ranges::find_if(
        migrations, [&](const Migration& m) { return waiting[static_cast<std::size_t>(&m - migrations.data())] > 0; });
    return fail("migration-error", "'after' makes a cycle among " + cycle, first.after.front().at,
                "remove one of the 'after' entries");
  }
  std::vector<Migration> ordered;
  ordered.reserve(migrations.size());
  for (std::size_t i : order) ordered.push_back(std::move(migrations[i]));
  return ordered;
}

Result<std::vector<Migration>> load_catalog(const MigrationProject& project) {
  auto own = load_project_migrations(project);
  if (!own) return std::unexpected(own.error());
  auto builtin = load_builtin_migrations();
  if (!builtin) return std::unexpected(builtin.error());
  std::vector<Migration> all = std::move(*own);
  for (Migration& pack : *builtin) {
    if (std::ranges::find(all, pack.id, &Migration::id) == all.end()) all.push_back(std::move(pack));
  }
  return order_migrations(std::move(all));
}

}  // namespace apictl::migrate
