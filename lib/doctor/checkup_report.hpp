// The doctor's findings as text (one line per check, a fix under each that needs one) or JSON
// (apictl.doctor/v1, docs/json-output.md).
#pragma once

#include <string>
#include <vector>

#include "doctor/checkup.hpp"
#include "report/terminal.hpp"

namespace apictl::doctor {

std::string checkup_text(const std::vector<Check>& checks, const TerminalStyle& style);
std::string checkup_json(const std::vector<Check>& checks);

// Whether any check failed (warnings do not count): the exit code's question.
bool any_failed(const std::vector<Check>& checks);

}  // namespace apictl::doctor
