// The check function of every lint rule; each is defined in its own file in this folder.
#pragma once

#include "lint/rule.hpp"

namespace apictl::lint::rules {

void check_oas_structure(LintContext& context);
void check_no_unresolved_refs(LintContext& context);
void check_no_remote_refs(LintContext& context);
void check_no_misplaced_refs(LintContext& context);
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
void check_no_ref_siblings(LintContext& context);
void check_enum_typed(LintContext& context);
void check_enum_unique(LintContext& context);
void check_array_items(LintContext& context);
void check_no_unused_components(LintContext& context);
void check_media_example_valid(LintContext& context);
void check_schema_example_valid(LintContext& context);
void check_parameter_example_valid(LintContext& context);
void check_example_value_or_external_value(LintContext& context);
void check_parameter_description(LintContext& context);
void check_required_properties_defined(LintContext& context);
void check_discriminator_property_defined(LintContext& context);
// -- end schemas, components, examples

}  // namespace apictl::lint::rules
