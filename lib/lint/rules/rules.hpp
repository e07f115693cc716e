// The check function of every lint rule; each is defined in its own file in this folder.
#pragma once

#include "lint/rule.hpp"

namespace apictl::lint::rules {

void check_oas_structure(LintContext& context);
void check_no_unresolved_refs(LintContext& context);
// -- info, tags, operations, paths, servers, security, markdown
void check_info_contact(LintContext& context);
void check_info_description(LintContext& context);
void check_info_license(LintContext& context);
void check_info_license_url(LintContext& context);
void check_contact_properties(LintContext& context);
void check_openapi_tags(LintContext& context);
void check_openapi_tags_alphabetical(LintContext& context);
void check_openapi_tags_unique(LintContext& context);
void check_tag_description(LintContext& context);
void check_operation_description(LintContext& context);
void check_operation_summary(LintContext& context);
void check_operation_operation_id(LintContext& context);
void check_operation_operation_id_unique(LintContext& context);
void check_operation_operation_id_url_safe(LintContext& context);
void check_operation_parameters_unique(LintContext& context);
void check_operation_success_response(LintContext& context);
void check_operation_4xx_response(LintContext& context);
void check_operation_tags(LintContext& context);
void check_operation_tag_defined(LintContext& context);
void check_operation_singular_tag(LintContext& context);
void check_path_declarations_must_exist(LintContext& context);
void check_path_keys_no_trailing_slash(LintContext& context);
void check_path_not_include_query(LintContext& context);
void check_path_params(LintContext& context);
void check_no_ambiguous_paths(LintContext& context);
void check_no_identical_paths(LintContext& context);
void check_servers_defined(LintContext& context);
void check_server_trailing_slash(LintContext& context);
void check_server_not_example(LintContext& context);
void check_server_variables(LintContext& context);
void check_security_defined(LintContext& context);
void check_operation_security_declared(LintContext& context);
void check_path_kebab_case(LintContext& context);
void check_markdown_no_eval(LintContext& context);
void check_markdown_no_script_tags(LintContext& context);
// -- end info, tags, operations, paths, servers, security, markdown
// -- schemas, components, examples
// -- end schemas, components, examples

}  // namespace apictl::lint::rules
