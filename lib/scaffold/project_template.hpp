// The template a project was made from, as its apictl.toml records it: `apictl add endpoint` renders its
// snippets, `apictl migrate`'s template step renders its releases.
#pragma once

#include "diagnostic.hpp"
#include "project/project_config.hpp"
#include "scaffold/template.hpp"
#include "scaffold/value.hpp"

namespace apictl::scaffold {

// The template by the name or folder apictl.toml records (its current release). A folder is looked for
// where apictl runs, then in the project folder.
Result<Template> project_template(const project::ProjectConfig& config);

// The recorded [answers], plus `directory`: the project folder's name, as `apictl new` saw it.
Answers recorded_answers(const project::ProjectConfig& config);

// The answers for `manifest`, a release of the project's template: the recorded ones it has variables for,
// checked as `apictl new --set` checks them, and the default of any variable the project has no answer for
// (one a later release added).
Result<Answers> release_answers(const TemplateManifest& manifest, const project::ProjectConfig& config);

}  // namespace apictl::scaffold
