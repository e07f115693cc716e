// Console: what `apictl dev` prints, from the loop's thread and the proxy's threads, one whole line at a time.
#pragma once

#include <iosfwd>
#include <mutex>
#include <string>
#include <string_view>

#include "dev/child_process.hpp"
#include "diagnostic.hpp"
#include "report/terminal.hpp"

namespace apictl::dev {

class Console {
 public:
  // Access lines and the app's stdout go to `out`; apictl's own messages and the app's stderr to `err`.
  Console(std::ostream& out, std::ostream& err, TerminalStyle style) : out_(out), err_(err), style_(style) {}

  void info(std::string_view message);            // "apictl: message"
  void warn(std::string_view message);            // "apictl: warning: message", yellow
  void error(std::string_view message);           // "apictl: error: message", red
  void diagnostic(const Diagnostic& diagnostic);  // "apictl: file:line:col: error: message; hint"
  void access(std::string_view line);             // a line of the access log, as given
  void violation(std::string_view text);          // "contract: text", to stderr, the first word red
  // A line the app or the build wrote, prefixed ("[app] "), to the stream matching its own.
  void output(std::string_view prefix, OutputStream stream, std::string_view line);
  // A handler for ChildProcess that goes through output().
  ChildProcess::LineHandler lines(std::string prefix);

  const TerminalStyle& style() const { return style_; }

 private:
  void write(std::ostream& stream, std::string_view text);

  std::mutex mutex_;
  std::ostream& out_;
  std::ostream& err_;
  TerminalStyle style_;
};

}  // namespace apictl::dev
