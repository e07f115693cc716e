// `apictl contract docs`: a contract to lib/report's API reference page, written to stdout or atomically to a file.
#include <sys/stat.h>

#include <iostream>

#include "command.hpp"
#include "contract/spec_source.hpp"
#include "project/project_config.hpp"
#include "report/api_reference_html.hpp"
#include "util/file_replace.hpp"

namespace apictl::cli {

namespace {

struct DocsFlags {
  std::string spec;
  std::string output;
  std::string title;
};

constexpr std::string_view contract_docs_examples =
    "  apictl contract docs openapi.yaml -o api.html   one HTML page: open it in any browser, offline\n"
    "  apictl contract docs                            in a project: the contract named in apictl.toml, to stdout\n"
    "  apictl contract docs origin/main:openapi.yaml -o published.html\n"
    "                                                  the contract as committed on origin/main\n"
    "  apictl contract docs api.json --title 'Pets API (beta)' > docs/index.html\n"
    "  cat openapi.yaml | apictl contract docs - -o api.html\n"
    "\n"
    "The page needs no network: its CSS and a small filter script are inline, and it loads nothing (links written\n"
    "in the contract stay links). Operations are grouped by tag, with parameters, request bodies, responses,\n"
    "examples (or samples generated from the schemas) and the component schemas as property trees.\n"
    "It exits 0 when the page is written and 2 when the contract cannot be read or the file cannot be written.\n";

Result<contract::SpecSource> spec_source(const DocsFlags& flags) {
  if (!flags.spec.empty()) return contract::resolve_spec(flags.spec);
  auto project = project::find_project_config(".");
  if (!project) return std::unexpected(project.error());
  if (!*project || !(*project)->contract) {
    return fail("usage", "no contract given, and no apictl.toml names one", {},
                "pass a file (apictl contract docs openapi.yaml) or set [contract] path in apictl.toml");
  }
  std::filesystem::path path = (*project)->root / *(*project)->contract;
  return contract::resolve_local_spec(path, path.lexically_normal().string());
}

// The page replaces FILE in one rename, so a reader never sees half of it. replace_files creates its temporary
// file private (0600); a new page gets the permissions a new file normally has.
Result<void> write_page(const std::filesystem::path& path, const std::string& page) {
  std::error_code error;
  bool existed = std::filesystem::exists(path, error);
  if (std::filesystem::is_directory(path, error)) {
    return fail("usage", "'" + path.string() + "' is a folder", {}, "give -o a file name, e.g. -o api.html");
  }
  if (auto written = replace_files({FileReplacement{path, {}, page}}); !written) return written;
  if (!existed) {
    mode_t mask = ::umask(0);
    ::umask(mask);
    ::chmod(path.c_str(), 0666 & ~mask);
  }
  return {};
}

int run_docs(const DocsFlags& flags, Invocation& invocation) {
  auto source = spec_source(flags);
  if (!source) return usage_error(invocation, source.error());
  auto workspace = contract::open_spec(*source);
  if (!workspace) return usage_error(invocation, workspace.error());
  report::ApiReferenceOptions options;
  options.title = flags.title;
  auto page = report::render_api_reference(**workspace, options);
  if (!page) return usage_error(invocation, page.error());
  if (flags.output.empty() || flags.output == "-") {
    invocation.out << *page;
    invocation.out.flush();
    return to_int(ExitCode::ok);
  }
  if (auto written = write_page(flags.output, *page); !written) return usage_error(invocation, written.error());
  return to_int(ExitCode::ok);
}

}  // namespace

void define_contract_docs(CLI::App& command, Invocation& invocation) {
  auto flags = std::make_shared<DocsFlags>();
  command.description(
      "Render an OpenAPI 3.0/3.1/3.2 contract as one self-contained HTML API reference: info, servers,\n"
      "authentication, operations by tag (parameters, request body, responses, examples) and schemas.\n"
      "SPEC is a file, a folder (its openapi.yaml, .yml or .json), - for stdin, or REV:path for a file at a git\n"
      "revision; without SPEC, the contract named in apictl.toml. External $refs to local files are followed;\n"
      "remote (http/https) $refs are never fetched.");
  command.add_option("SPEC", flags->spec, "The contract: FILE, FOLDER, - or REV:path (default: [contract] path)");
  command
      .add_option("--output,-o", flags->output,
                  "Write the page to FILE (replaced in one step; nothing is written on error) instead of stdout")
      ->type_name("FILE");
  command.add_option("--title", flags->title, "The page's title instead of the contract's info.title");
  command.footer(help_footer(contract_docs_examples));
  command.callback(
      [flags, &invocation] { invocation.exit_code = static_cast<ExitCode>(run_docs(*flags, invocation)); });
}

}  // namespace apictl::cli
