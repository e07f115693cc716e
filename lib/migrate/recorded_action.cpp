// Recorded actions to and from JSON, and their reversal.
#include "migrate/recorded_action.hpp"

#include <algorithm>

namespace apictl::migrate {

namespace {

std::string mode_text(std::uint32_t mode) {
  char buffer[8];
  std::snprintf(buffer, sizeof buffer, "%04o", mode & 07777);
  return buffer;
}

nlohmann::ordered_json hash_json(const std::optional<std::string>& hash) {
  return hash ? nlohmann::ordered_json(*hash) : nlohmann::ordered_json(nullptr);
}

std::unexpected<Diagnostic> damaged(const std::string& what, const std::string& why) {
  return fail("ledger-damaged", what + " is damaged: " + why, {what, 0, 0, {}},
              "restore it from version control; apictl writes it atomically, so it was edited by hand");
}

}  // namespace

FilesAction inverted(const FilesAction& files) {
  FilesAction undo;
  for (const FileRecord& file : files.files) {
    undo.files.push_back({file.path, file.after, file.before, file.after_mode, file.before_mode});
  }
  undo.folders_created = files.folders_removed;
  undo.folders_removed = files.folders_created;
  std::ranges::reverse(undo.folders_removed);  // deepest first
  std::ranges::reverse(undo.folders_created);  // parents first
  return undo;
}

std::vector<RecordedAction> reversed_actions(const std::vector<RecordedAction>& actions) {
  std::vector<RecordedAction> reversed;
  for (auto action = actions.rbegin(); action != actions.rend(); ++action) {
    if (const auto* files = std::get_if<FilesAction>(&*action)) {
      reversed.emplace_back(inverted(*files));
    } else {
      const auto& run = std::get<RunAction>(*action);
      reversed.emplace_back(RunAction{run.undo, run.command, {}});
      if (!run.changes.files.empty()) reversed.emplace_back(inverted(run.changes));
    }
  }
  return reversed;
}

void referenced_objects(const std::vector<RecordedAction>& actions, std::vector<std::string>& out) {
  auto add = [&](const FilesAction& files) {
    for (const FileRecord& file : files.files) {
      if (file.before) out.push_back(*file.before);
      if (file.after) out.push_back(*file.after);
    }
  };
  for (const RecordedAction& action : actions) {
    if (const auto* files = std::get_if<FilesAction>(&action)) {
      add(*files);
    } else {
      add(std::get<RunAction>(action).changes);
    }
  }
}

nlohmann::ordered_json actions_to_json(const std::vector<RecordedAction>& actions) {
  auto entries = [](const FilesAction& files) {
    nlohmann::ordered_json list = nlohmann::ordered_json::array();
    for (const FileRecord& file : files.files) {
      list.push_back({{"path", file.path},
                      {"before", hash_json(file.before)},
                      {"after", hash_json(file.after)},
                      {"before_mode", file.before ? mode_text(file.before_mode) : ""},
                      {"after_mode", file.after ? mode_text(file.after_mode) : ""}});
    }
    return list;
  };
  nlohmann::ordered_json list = nlohmann::ordered_json::array();
  for (const RecordedAction& action : actions) {
    const FilesAction* files = std::get_if<FilesAction>(&action);
    const RunAction* run = std::get_if<RunAction>(&action);
    nlohmann::ordered_json item;
    if (run) {
      item = {{"kind", "run"}, {"command", run->command}, {"undo", run->undo}};
      files = &run->changes;
    } else {
      item = {{"kind", "files"}};
    }
    item["files"] = entries(*files);
    item["folders_created"] = files->folders_created;
    item["folders_removed"] = files->folders_removed;
    list.push_back(std::move(item));
  }
  return list;
}

Result<std::vector<RecordedAction>> actions_from_json(const nlohmann::json& json, const std::string& what) {
  std::vector<RecordedAction> actions;
  if (!json.is_array()) return damaged(what, "'actions' is not a list");
  try {
    for (const nlohmann::json& item : json) {
      std::string kind = item.at("kind").get<std::string>();
      if (kind != "files" && kind != "run") return damaged(what, "unknown action kind '" + kind + "'");
      FilesAction files;
      for (const nlohmann::json& entry : item.value("files", nlohmann::json::array())) {
        FileRecord file;
        file.path = entry.at("path").get<std::string>();
        if (!entry.at("before").is_null()) file.before = entry.at("before").get<std::string>();
        if (!entry.at("after").is_null()) file.after = entry.at("after").get<std::string>();
        std::string before_mode = entry.value("before_mode", "");
        std::string after_mode = entry.value("after_mode", "");
        file.before_mode = before_mode.empty() ? 0 : static_cast<std::uint32_t>(std::stoul(before_mode, nullptr, 8));
        file.after_mode = after_mode.empty() ? 0 : static_cast<std::uint32_t>(std::stoul(after_mode, nullptr, 8));
        files.files.push_back(std::move(file));
      }
      files.folders_created = item.value("folders_created", std::vector<std::string>{});
      files.folders_removed = item.value("folders_removed", std::vector<std::string>{});
      if (kind == "files") {
        actions.emplace_back(std::move(files));
      } else {
        actions.emplace_back(
            RunAction{item.at("command").get<std::string>(), item.value("undo", ""), std::move(files)});
      }
    }
  } catch (const std::exception& error) {
    return damaged(what, error.what());
  }
  return actions;
}

}  // namespace apictl::migrate
