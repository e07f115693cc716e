// Finding and reading the base and the revision of a diff.
#include "project/diff_inputs.hpp"

#include <array>
#include <optional>

#include "contract/spec_source.hpp"
#include "diff/diff.hpp"
#include "util/parallel.hpp"

namespace apictl::project {

namespace {

using Opened = Result<std::unique_ptr<contract::Workspace>>;

Opened open_base(const std::string& argument, const ProjectConfig* project) {
  if (!argument.empty()) return diff::open_contract(argument);
  auto baseline = project ? baseline_argument(*project) : std::nullopt;
  if (!baseline) {
    return fail("usage", "no BASE given, and no apictl.toml sets [contract] baseline", {},
                "pass BASE (e.g. origin/main:openapi.yaml), or set baseline in apictl.toml");
  }
  return diff::open_contract(*baseline);
}

Opened open_revision(const std::string& argument, const ProjectConfig* project) {
  if (!argument.empty()) return diff::open_contract(argument);
  if (!project || !project->contract) {
    return fail("usage", "no REVISION given, and no apictl.toml names the contract", {},
                "pass BASE and REVISION, or set [contract] path in apictl.toml");
  }
  std::filesystem::path path = project->root / *project->contract;
  auto source = contract::resolve_local_spec(path, path.lexically_normal().string());
  if (!source) return std::unexpected(source.error());
  return contract::open_spec(*source);
}

}  // namespace

Result<DiffInputs> open_diff_inputs(const std::string& base, const std::string& revision,
                                    const ProjectConfig* project) {
  if (base == "-" && revision == "-") {
    return fail("usage", "BASE and REVISION cannot both be stdin", {}, "pass at least one of them as a file");
  }
  // Parsing is most of a diff's time on large contracts, and the two documents are independent.
  std::array<std::optional<Opened>, 2> opened;
  parallel_for(2, 2, [&](std::size_t side) {
    opened[side] = side == 0 ? open_base(base, project) : open_revision(revision, project);
  });
  if (!*opened[0]) return std::unexpected(opened[0]->error());
  if (!*opened[1]) return std::unexpected(opened[1]->error());
  return DiffInputs{std::move(**opened[0]), std::move(**opened[1])};
}

}  // namespace apictl::project
