// LiveContract: the contract as `apictl dev` uses it — checked against, mocked from, rendered as a reference
// page — loaded whole and swapped whole when its file changes, so a request never sees half of an edit.
#pragma once

#include <chrono>
#include <filesystem>
#include <memory>
#include <mutex>
#include <string>

#include "contract/conformance.hpp"
#include "contract/workspace.hpp"
#include "dev/mock_responder.hpp"
#include "diagnostic.hpp"

namespace apictl::dev {

struct LiveContract {
  std::filesystem::path path;
  std::shared_ptr<contract::Workspace> workspace;
  std::unique_ptr<contract::ContractChecker> checker;
  std::unique_ptr<MockResponder> mock;  // only when mocking
  std::string reference_html;           // the /_apictl/docs page
  std::chrono::system_clock::time_point loaded_at;
};

// Loads the contract at `path` (a file or a multi-file folder's entry) with everything dev needs from it.
// Errors: the contract does not parse or is not OpenAPI 3.x (file:line:col in the diagnostic).
Result<std::shared_ptr<const LiveContract>> load_live_contract(const std::filesystem::path& path,
                                                               std::string display_path, bool with_mock);

// The current LiveContract, read from the proxy's threads and replaced from the loop's.
class LiveContractSlot {
 public:
  std::shared_ptr<const LiveContract> get() const {
    std::lock_guard lock(mutex_);
    return current_;
  }
  void set(std::shared_ptr<const LiveContract> contract) {
    std::lock_guard lock(mutex_);
    current_ = std::move(contract);
  }

 private:
  mutable std::mutex mutex_;
  std::shared_ptr<const LiveContract> current_;
};

}  // namespace apictl::dev
