// Writing the list of templates (`apictl templates`): text for people, JSON for machines.
#pragma once

#include <iosfwd>
#include <vector>

#include "report/terminal.hpp"
#include "scaffold/template.hpp"

namespace apictl::report {

enum class TemplateListFormat { text, json };

// JSON: an array of {name, version, releases (newest first), description, source, variables: [{name, type, prompt,
// help, default, choices, min, max, validate}]}; `default` keeps its type (string, integer, boolean) and may hold
// placeholders.
void write_template_list(std::ostream& out, const std::vector<scaffold::Template>& templates, TemplateListFormat format,
                         const TerminalStyle& style);

}  // namespace apictl::report
