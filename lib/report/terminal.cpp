// Terminal detection and ANSI colouring.
#include "report/terminal.hpp"

#include <unistd.h>

#include <cstdlib>

namespace apictl {

TerminalStyle detect_terminal_style(bool no_color_flag) {
  TerminalStyle style;
  const bool stdout_tty = isatty(STDOUT_FILENO) == 1;
  const char* no_color = std::getenv("NO_COLOR");
  const bool colour_refused = no_color_flag || (no_color != nullptr && *no_color != '\0');
  const char* term = std::getenv("TERM");
  const bool dumb = term != nullptr && std::string_view(term) == "dumb";
  style.color = stdout_tty && !colour_refused && !dumb;
  style.code_frames = stdout_tty;
  style.progress = isatty(STDERR_FILENO) == 1;
  return style;
}

std::string paint(const TerminalStyle& style, Color color, std::string_view text) {
  if (!style.color) return std::string(text);
  std::string_view code;
  switch (color) {
    case Color::red:
      code = "\033[31m";
      break;
    case Color::yellow:
      code = "\033[33m";
      break;
    case Color::blue:
      code = "\033[34m";
      break;
    case Color::gray:
      code = "\033[90m";
      break;
    case Color::bold:
      code = "\033[1m";
      break;
    case Color::green:
      code = "\033[32m";
      break;
  }
  return std::string(code) + std::string(text) + "\033[0m";
}

}  // namespace apictl
