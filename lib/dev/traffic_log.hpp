// TrafficLog: what `apictl dev` makes of each exchange through its proxy — an access-log line with a
// conformance mark, each distinct contract violation printed once, every violation appended to a JSON-lines
// file.
#pragma once

#include <filesystem>
#include <fstream>
#include <mutex>
#include <string>
#include <unordered_set>

#include "dev/console.hpp"
#include "dev/live_contract.hpp"
#include "dev/proxy.hpp"

namespace apictl::dev {

struct TrafficLogOptions {
  bool validate = true;                       // check exchanges against the contract
  bool access_log = true;                     // a line per request
  std::filesystem::path violations_file;      // JSON lines, appended; empty: none
  std::string internal_prefix = "/_apictl/";  // apictl's own pages: neither checked nor logged
};

class TrafficLog {
 public:
  TrafficLog(Console& console, const LiveContractSlot& contract, TrafficLogOptions options);

  // The proxy's ExchangeHandler; called from several threads at once.
  void record(const ProxiedExchange& exchange);

  std::size_t violation_count() const;  // every violation seen, repeats included
  // Opens the violations file (folders created); errors name the file.
  Result<void> open();

 private:
  Console& console_;
  const LiveContractSlot& contract_;
  TrafficLogOptions options_;
  mutable std::mutex mutex_;
  std::unordered_set<std::string> printed_;  // violation keys already on the terminal
  std::ofstream file_;
  std::size_t violations_ = 0;
};

// "12:04:05 GET /pets/7 -> 200 in 3.1 ms ✓" (the mark: ✓ conforms, ✗ N violations, nothing when not checked).
std::string access_line(const ProxiedExchange& exchange, int violations, bool checked, const TerminalStyle& style);

}  // namespace apictl::dev
