#include "dev/traffic_log.hpp"

#include <fmt/format.h>

#include <ctime>

namespace apictl::dev {

namespace {

std::string clock_time() {
  std::time_t now = std::time(nullptr);
  std::tm local{};
  localtime_r(&now, &local);
  char text[16];
  std::strftime(text, sizeof(text), "%H:%M:%S", &local);
  return text;
}

Color status_color(int status) {
  if (status >= 500) return Color::red;
  if (status >= 400) return Color::yellow;
  return Color::green;
}

}  // namespace

std::string access_line(const ProxiedExchange& exchange, int violations, bool checked, const TerminalStyle& style) {
  const auto& request = exchange.exchange.request;
  const int status = exchange.exchange.response.status;
  const double ms = static_cast<double>(exchange.duration.count()) / 1000.0;
  std::string line = fmt::format("{} {} {} -> {} in {:.1f} ms", paint(style, Color::gray, clock_time()), request.method,
                                 request.target, paint(style, status_color(status), std::to_string(status)), ms);
  if (exchange.origin == ProxiedExchange::Origin::proxy) line += paint(style, Color::gray, " (apictl)");
  if (!checked) return line;
  if (violations == 0) return line + " " + paint(style, Color::green, "✓");
  return line + " " + paint(style, Color::red, fmt::format("✗ {} violation{}", violations, violations == 1 ? "" : "s"));
}

TrafficLog::TrafficLog(Console& console, const LiveContractSlot& contract, TrafficLogOptions options)
    : console_(console), contract_(contract), options_(std::move(options)) {}

Result<void> TrafficLog::open() {
  if (options_.violations_file.empty()) return {};
  std::error_code error;
  if (options_.violations_file.has_parent_path())
    std::filesystem::create_directories(options_.violations_file.parent_path(), error);
  file_.open(options_.violations_file, std::ios::app);
  if (!file_) {
    return fail("violations-log", "cannot open '" + options_.violations_file.string() + "' for appending", {},
                "choose another file with --violations-log FILE");
  }
  return {};
}

std::size_t TrafficLog::violation_count() const {
  std::lock_guard lock(mutex_);
  return violations_;
}

void TrafficLog::record(const ProxiedExchange& exchange) {
  const auto& request = exchange.exchange.request;
  if (request.path().starts_with(options_.internal_prefix)) return;
  // The proxy's own answers (503 while nothing serves, 502 when the app died) say nothing about the app.
  const bool checkable = options_.validate && exchange.origin != ProxiedExchange::Origin::proxy;
  std::vector<contract::Violation> violations;
  std::shared_ptr<const LiveContract> contract = checkable ? contract_.get() : nullptr;
  if (contract) violations = contract->checker->check(exchange.exchange);

  if (options_.access_log) {
    console_.access(access_line(exchange, static_cast<int>(violations.size()), contract != nullptr, console_.style()));
  }
  if (violations.empty()) return;
  std::lock_guard lock(mutex_);
  violations_ += violations.size();
  for (const auto& violation : violations) {
    if (file_) {
      auto record = violation.to_json();
      file_ << record.dump() << '\n';
    }
    if (printed_.insert(violation.key()).second) console_.violation(violation.text());
  }
  if (file_) file_.flush();
}

}  // namespace apictl::dev
