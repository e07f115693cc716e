#include "dev/console.hpp"

#include <ostream>

namespace apictl::dev {

void Console::write(std::ostream& stream, std::string_view text) {
  std::lock_guard lock(mutex_);
  stream << text << '\n';
  stream.flush();  // a line seen late is a line lost when the app or apictl dies
}

void Console::info(std::string_view message) {
  write(err_, paint(style_, Color::gray, "apictl: ") + std::string(message));
}

void Console::warn(std::string_view message) {
  write(err_,
        paint(style_, Color::gray, "apictl: ") + paint(style_, Color::yellow, "warning: ") + std::string(message));
}

void Console::error(std::string_view message) {
  write(err_, paint(style_, Color::gray, "apictl: ") + paint(style_, Color::red, "error: ") + std::string(message));
}

void Console::violation(std::string_view text) {
  write(err_, paint(style_, Color::red, "contract violation: ") + std::string(text));
}

void Console::diagnostic(const Diagnostic& diagnostic) {
  write(err_, paint(style_, Color::gray, "apictl: ") + format_diagnostic(diagnostic));
}

void Console::access(std::string_view line) { write(out_, line); }

void Console::output(std::string_view prefix, OutputStream stream, std::string_view line) {
  std::string text = paint(style_, Color::gray, prefix);
  text += line;
  write(stream == OutputStream::out ? out_ : err_, text);
}

ChildProcess::LineHandler Console::lines(std::string prefix) {
  return
      [this, prefix = std::move(prefix)](OutputStream stream, std::string_view line) { output(prefix, stream, line); };
}

}  // namespace apictl::dev
