// `apictl migrate list|status|plan|apply|rollback|new|done`: flags to lib/migrate calls, reports to text or
// JSON, errors to exit codes.
#include <nlohmann/json.hpp>

#include "command.hpp"
#include "migrate/engine.hpp"
#include "migrate/migrate_report.hpp"

namespace apictl::cli {

namespace {

namespace fs = std::filesystem;

struct MigrateFlags {
  std::string format = "text";
  std::string to;
  std::string only;
  bool no_verify = false;
  std::string id;
  std::string name;
  int item = 0;
};

migrate::Selection selection(const MigrateFlags& flags) {
  migrate::Selection chosen;
  if (!flags.to.empty()) chosen.to = flags.to;
  if (!flags.only.empty()) chosen.only = flags.only;
  return chosen;
}

// --to ID and --only ID, which exclude each other.
void add_selection(CLI::App& command, MigrateFlags& flags) {
  auto* to = command.add_option("--to", flags.to, "Stop after this migration id")->type_name("ID");
  command.add_option("--only", flags.only, "Just this pending migration, not those before it")
      ->type_name("ID")
      ->excludes(to);
}

void add_format(CLI::App& command, MigrateFlags& flags) {
  command.add_option("--format,-f", flags.format, "Output format")
      ->check(CLI::IsMember({"text", "json"}))
      ->capture_default_str();
}

int report_error(const Diagnostic& error, Invocation& invocation) {
  print_error(invocation.err, error);
  return migrate::exit_code_for(error);
}

int run_list(const MigrateFlags& flags, Invocation& invocation) {
  auto listed = migrate::list_migrations(fs::current_path());
  if (!listed) return report_error(listed.error(), invocation);
  if (flags.format == "json") {
    invocation.out << migrate::list_json(*listed).dump(2) << '\n';
  } else {
    migrate::write_list_text(invocation.out, *listed, invocation.style);
  }
  return to_int(ExitCode::ok);
}

int run_status(const MigrateFlags& flags, Invocation& invocation) {
  auto status = migrate::migration_status(fs::current_path());
  if (!status) return report_error(status.error(), invocation);
  if (flags.format == "json") {
    invocation.out << migrate::status_json(*status).dump(2) << '\n';
  } else {
    migrate::write_status_text(invocation.out, *status, invocation.style);
  }
  return to_int(ExitCode::ok);
}

int run_plan(const MigrateFlags& flags, Invocation& invocation) {
  auto plan = migrate::plan_migrations(fs::current_path(), selection(flags));
  if (!plan) return report_error(plan.error(), invocation);
  if (flags.format == "json") {
    invocation.out << migrate::plan_json(*plan).dump(2) << '\n';
  } else {
    migrate::write_plan_text(invocation.out, *plan);
  }
  return to_int(ExitCode::ok);
}

int run_apply(const MigrateFlags& flags, Invocation& invocation) {
  migrate::ApplyOptions options;
  options.selection = selection(flags);
  options.verify = !flags.no_verify;
  auto report = migrate::apply_migrations(fs::current_path(), options, invocation.err);
  if (!report) return report_error(report.error(), invocation);
  if (flags.format == "json") {
    invocation.out << migrate::apply_json(*report).dump(2) << '\n';
  } else {
    migrate::write_apply_text(invocation.out, *report, invocation.style);
  }
  if (report->failure) {
    migrate::write_failure_text(invocation.err, *report->failure, invocation.style);
    return to_int(ExitCode::findings);
  }
  return to_int(ExitCode::ok);
}

int run_rollback(const MigrateFlags& flags, Invocation& invocation) {
  std::optional<std::string> id;
  if (!flags.id.empty()) id = flags.id;
  auto report = migrate::rollback_migrations(fs::current_path(), id, invocation.err);
  if (!report) return report_error(report.error(), invocation);
  if (flags.format == "json") {
    invocation.out << migrate::rollback_json(*report).dump(2) << '\n';
  } else {
    migrate::write_rollback_text(invocation.out, *report, invocation.style);
  }
  if (report->failure) {
    migrate::write_failure_text(invocation.err, *report->failure, invocation.style);
    return to_int(ExitCode::findings);
  }
  return to_int(ExitCode::ok);
}

int run_new(const MigrateFlags& flags, Invocation& invocation) {
  auto created = migrate::create_migration(fs::current_path(), flags.name);
  if (!created) return report_error(created.error(), invocation);
  invocation.out << "Created " << created->path.lexically_proximate(fs::current_path()).generic_string() << " (id "
                 << created->id << ").\nNext: write its steps, then `apictl migrate plan` to see what it changes.\n";
  return to_int(ExitCode::ok);
}

int run_done(const MigrateFlags& flags, Invocation& invocation) {
  std::optional<int> item;
  if (flags.item > 0) item = flags.item;
  auto report = migrate::mark_done(fs::current_path(), flags.id, item);
  if (!report) return report_error(report.error(), invocation);
  for (const migrate::ChecklistRecord& record : report->marked) {
    invocation.out << "Done: " << report->migration << " " << record.number << ". " << record.text << '\n';
  }
  if (report->marked.empty()) invocation.out << "Nothing to mark: already done.\n";
  invocation.out << (report->still_open.empty() ? "Every item of " + report->migration + " is done.\n"
                                                : std::to_string(report->still_open.size()) + " item(s) of " +
                                                      report->migration + " still open.\n");
  return to_int(ExitCode::ok);
}

using Runner = int (*)(const MigrateFlags&, Invocation&);

void set_callback(CLI::App& command, Invocation& invocation, std::shared_ptr<MigrateFlags> flags, Runner runner) {
  command.callback(
      [flags, runner, &invocation] { invocation.exit_code = static_cast<ExitCode>(runner(*flags, invocation)); });
}

}  // namespace

void define_migrate_list(CLI::App& command, Invocation& invocation) {
  auto flags = std::make_shared<MigrateFlags>();
  command.description(
      "List the migrations this project can see: its own migrations/*.toml and the built-in packs, in the order\n"
      "they apply, each applied, pending, or not applicable (with the reason: its `upgrades` does not match).");
  add_format(command, *flags);
  command.footer(
      help_footer("  apictl migrate list\n  apictl migrate list --format json | jq -r '.migrations[].id'\n"));
  set_callback(command, invocation, flags, run_list);
}

void define_migrate_status(CLI::App& command, Invocation& invocation) {
  auto flags = std::make_shared<MigrateFlags>();
  command.description(
      "What is applied (from migrations/ledger.json), what is pending, the checklist items still open, and files\n"
      "that changed since the migration that last changed them. An interrupted apply or rollback is explained,\n"
      "with what to run next.");
  add_format(command, *flags);
  command.footer(help_footer("  apictl migrate status\n  apictl migrate status --format json\n"));
  set_callback(command, invocation, flags, run_status);
}

void define_migrate_plan(CLI::App& command, Invocation& invocation) {
  auto flags = std::make_shared<MigrateFlags>();
  command.description(
      "Show what `apply` would do: each pending migration's steps and the exact diff of every file it would\n"
      "change, as a git-style patch (steps are '#' lines). Writes nothing.");
  add_selection(command, *flags);
  add_format(command, *flags);
  command.footer(
      help_footer("  apictl migrate plan                       every pending migration\n"
                  "  apictl migrate plan --to pydantic-v2      up to and including pydantic-v2\n"
                  "  apictl migrate plan --only template-fastapi-1.1.0   that one alone\n"
                  "  apictl migrate plan > upgrade.patch       review it, or `git apply` it yourself\n"));
  set_callback(command, invocation, flags, run_plan);
}

void define_migrate_apply(CLI::App& command, Invocation& invocation) {
  auto flags = std::make_shared<MigrateFlags>();
  command.description(
      "Apply the pending migrations in order. Each is all or nothing: its file changes are computed first and\n"
      "written through a journal, then its verify command runs; when a step or the verify fails, the migration\n"
      "is rolled back and the failure shown (exit 1). Applied migrations are recorded in migrations/ledger.json.\n"
      "An apply or rollback interrupted before (a crash, a kill) is recovered first.");
  add_selection(command, *flags);
  command.add_flag("--no-verify", flags->no_verify, "Do not run the verify commands");
  add_format(command, *flags);
  command.footer(
      help_footer("  apictl migrate apply                      every pending migration, each verified\n"
                  "  apictl migrate apply --to pydantic-v2     up to and including pydantic-v2\n"
                  "  apictl migrate apply --only template-fastapi-1.1.0  that one alone\n"
                  "  apictl migrate apply --no-verify          when the tests cannot run here\n"));
  set_callback(command, invocation, flags, run_apply);
}

void define_migrate_rollback(CLI::App& command, Invocation& invocation) {
  auto flags = std::make_shared<MigrateFlags>();
  command.description(
      "Undo the last applied migration exactly, byte for byte, from the contents the ledger stored (and run the\n"
      "undo commands of its `run` steps). With ID, undo every migration applied after ID, then ID. Refused (exit\n"
      "1, nothing changed, the changed hunks shown) when a file changed since the migration was applied.");
  command.add_option("ID", flags->id, "Roll back down to and including this migration");
  add_format(command, *flags);
  command.footer(
      help_footer("  apictl migrate rollback                   the last applied migration\n"
                  "  apictl migrate rollback pydantic-v2       pydantic-v2 and everything after it\n"));
  set_callback(command, invocation, flags, run_rollback);
}

void define_migrate_new(CLI::App& command, Invocation& invocation) {
  auto flags = std::make_shared<MigrateFlags>();
  command.description(
      "Write a skeleton migration migrations/YYYYMMDD-HHMM-NAME.toml (UTC time, so ids sort in the order they\n"
      "were made), with every key shown in comments. The format: docs/migrations.md.");
  command.add_option("NAME", flags->name, "Lower-case words joined by '-'")->required();
  command.footer(help_footer("  apictl migrate new rename-item-fields\n"));
  set_callback(command, invocation, flags, run_new);
}

void define_migrate_done(CLI::App& command, Invocation& invocation) {
  auto flags = std::make_shared<MigrateFlags>();
  command.description(
      "Confirm a checklist item of an applied migration (a `manual` step, or a place a rewrite could not change\n"
      "safely); without ITEM, every open item of the migration. Recorded in migrations/ledger.json.");
  command.add_option("ID", flags->id, "The migration")->required();
  command.add_option("ITEM", flags->item, "The item's number, as `status` shows it")->check(CLI::PositiveNumber);
  command.footer(
      help_footer("  apictl migrate done pydantic-v2 2         item 2 is done\n"
                  "  apictl migrate done 20261126-1530-rename  every item of it\n"));
  set_callback(command, invocation, flags, run_done);
}

}  // namespace apictl::cli
