// `apictl templates`: the built-in templates (and any template folders named) with their variables.
#include "command.hpp"
#include "report/template_list.hpp"
#include "scaffold/template_source.hpp"

namespace apictl::cli {

namespace {

struct TemplatesFlags {
  std::string format = "text";
  std::vector<std::string> folders;
};

int list_templates(const TemplatesFlags& flags, Invocation& invocation) {
  std::vector<scaffold::Template> templates;
  for (const std::string& name : scaffold::builtin_template_names()) {
    auto loaded = scaffold::load_builtin_template(name);
    if (!loaded) return usage_error(invocation, loaded.error());
    templates.push_back(std::move(*loaded));
  }
  for (const std::string& folder : flags.folders) {
    auto loaded = scaffold::load_template_folder(folder);
    if (!loaded) return usage_error(invocation, loaded.error());
    templates.push_back(std::move(*loaded));
  }
  auto format = flags.format == "json" ? report::TemplateListFormat::json : report::TemplateListFormat::text;
  report::write_template_list(invocation.out, templates, format, invocation.style);
  return to_int(ExitCode::ok);
}

}  // namespace

void define_templates(CLI::App& command, Invocation& invocation) {
  auto flags = std::make_shared<TemplatesFlags>();
  command.description(
      "List the built-in templates with their variables. FOLDERs are template folders to check and list too:\n"
      "a malformed template.toml is reported with its line and column (exit 2).");
  command.add_option("FOLDER", flags->folders, "Template folders to check and list beside the built-ins");
  command.add_option("--format,-f", flags->format, "Output format")
      ->check(CLI::IsMember({"text", "json"}))
      ->capture_default_str();
  command.footer(
      help_footer("  apictl templates                          the built-ins and their variables\n"
                  "  apictl templates --format json | jq '.templates[].name'\n"
                  "  apictl templates ./my-template            check a template folder before using it\n"));
  command.callback(
      [flags, &invocation] { invocation.exit_code = static_cast<ExitCode>(list_templates(*flags, invocation)); });
}

}  // namespace apictl::cli
