// TerminalStyle: whether output gets colour and code frames — only on a terminal, never with NO_COLOR.
#pragma once

#include <string>
#include <string_view>

namespace apictl {

struct TerminalStyle {
  bool color = false;        // ANSI colours on stdout
  bool code_frames = false;  // show the offending source line under each finding
  bool progress = false;     // progress lines on stderr
};

// Decides from the streams being terminals, the NO_COLOR convention and an explicit --no-color.
TerminalStyle detect_terminal_style(bool no_color_flag);

enum class Color { red, yellow, blue, gray, bold, green };
std::string paint(const TerminalStyle& style, Color color, std::string_view text);

}  // namespace apictl
