#include "dev/live_contract.hpp"

#include "contract/spec_source.hpp"
#include "report/api_reference_html.hpp"
#include "report/escaping.hpp"

namespace apictl::dev {

Result<std::shared_ptr<const LiveContract>> load_live_contract(const std::filesystem::path& path,
                                                               std::string display_path, bool with_mock) {
  auto source = contract::resolve_local_spec(path, std::move(display_path));
  if (!source) return std::unexpected(source.error());
  auto opened = contract::open_spec(*source);
  if (!opened) return std::unexpected(opened.error());
  auto live = std::make_shared<LiveContract>();
  live->path = path;
  live->workspace = std::shared_ptr<contract::Workspace>(std::move(*opened));
  live->loaded_at = std::chrono::system_clock::now();
  auto checker = contract::ContractChecker::create(live->workspace);
  if (!checker) return std::unexpected(checker.error());
  live->checker = std::move(*checker);
  if (with_mock) {
    auto mock = MockResponder::create(live->workspace);
    if (!mock) return std::unexpected(mock.error());
    live->mock = std::move(*mock);
  }
  // Rendered now, on the loop's thread: the workspace's $ref cache is not for several threads to fill.
  auto html = report::render_api_reference(*live->workspace, {.title = {}, .live_updated = live->loaded_at});
  live->reference_html = html ? std::move(*html)
                              : "<!doctype html><title>apictl dev</title><pre>" +
                                    report::xml_escape(format_diagnostic(html.error())) + "</pre>";
  return std::shared_ptr<const LiveContract>(std::move(live));
}

}  // namespace apictl::dev
