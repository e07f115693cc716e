// find_port_owner: /proc/net/tcp{,6} for the listening socket's inode, /proc/*/fd for the process holding it.
#include "dev/port_owner.hpp"

#include <dirent.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cstdint>
#include <fstream>
#include <iterator>
#include <set>
#include <sstream>
#include <vector>

namespace apictl::dev {

namespace {

constexpr std::string_view kListenState = "0A";  // TCP_LISTEN in /proc/net/tcp's `st` column
constexpr std::size_t kCommandLineLimit = 200;   // longer command lines are cut, so the message stays readable

// The inodes of the sockets listening on `port` in one /proc/net/tcp-style table. Its lines read
//   sl local_address rem_address st tx_queue:rx_queue tr:tm->when retrnsmt uid timeout inode ...
// with the local address as HEX_ADDRESS:HEX_PORT.
void collect_listening_inodes(const std::filesystem::path& table, int port, std::set<std::string>& inodes) {
  std::ifstream in(table);
  std::string line;
  std::getline(in, line);  // the column titles
  while (std::getline(in, line)) {
    std::istringstream fields(line);
    std::vector<std::string> columns{std::istream_iterator<std::string>(fields), std::istream_iterator<std::string>()};
    if (columns.size() < 10 || columns[3] != kListenState) continue;
    const std::string& local = columns[1];
    std::size_t colon = local.rfind(':');
    if (colon == std::string::npos) continue;
    unsigned value = 0;
    const char* begin = local.data() + colon + 1;
    const char* end = local.data() + local.size();
    auto [stop, error] = std::from_chars(begin, end, value, 16);
    if (error != std::errc() || stop != end || static_cast<int>(value) != port) continue;
    if (columns[9] != "0") inodes.insert(columns[9]);  // 0: a socket being torn down, owned by nobody
  }
}

bool all_digits(std::string_view text) {
  return !text.empty() && std::all_of(text.begin(), text.end(), [](unsigned char c) { return std::isdigit(c); });
}

// Whether one of the process's open descriptors is a socket with one of `links` ("socket:[inode]"). A process
// of another user cannot be looked into without root: its fd folder does not open, and it does not count.
bool holds_socket(const std::filesystem::path& fd_folder, const std::set<std::string>& links) {
  DIR* folder = ::opendir(fd_folder.c_str());
  if (folder == nullptr) return false;
  bool found = false;
  char target[128];
  while (!found) {
    dirent* entry = ::readdir(folder);
    if (entry == nullptr) break;
    if (!all_digits(entry->d_name)) continue;
    std::string path = fd_folder.string() + "/" + entry->d_name;
    ssize_t length = ::readlink(path.c_str(), target, sizeof(target) - 1);
    if (length <= 0) continue;
    found = links.contains(std::string(target, static_cast<std::size_t>(length)));
  }
  ::closedir(folder);
  return found;
}

std::string read_command_line(const std::filesystem::path& process) {
  std::ifstream in(process / "cmdline", std::ios::binary);
  std::string raw{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
  while (!raw.empty() && raw.back() == '\0') raw.pop_back();
  std::replace(raw.begin(), raw.end(), '\0', ' ');
  if (raw.empty()) {
    std::ifstream comm(process / "comm");
    std::string name;
    std::getline(comm, name);
    return name.empty() ? std::string() : "[" + name + "]";
  }
  if (raw.size() > kCommandLineLimit) raw = raw.substr(0, kCommandLineLimit) + "...";
  return raw;
}

}  // namespace

std::optional<PortOwner> find_port_owner(int port, const std::filesystem::path& proc) {
  if (port <= 0 || port > 65535) return std::nullopt;
  std::set<std::string> inodes;
  collect_listening_inodes(proc / "net" / "tcp", port, inodes);
  collect_listening_inodes(proc / "net" / "tcp6", port, inodes);
  if (inodes.empty()) return std::nullopt;
  std::set<std::string> links;
  for (const std::string& inode : inodes) links.insert("socket:[" + inode + "]");

  // Lowest pid first, so the answer does not depend on the order readdir gives: with a forking server (workers
  // sharing the socket) that is usually the parent.
  std::vector<pid_t> pids;
  DIR* folder = ::opendir(proc.c_str());
  if (folder == nullptr) return std::nullopt;
  while (dirent* entry = ::readdir(folder)) {
    std::string_view name = entry->d_name;
    pid_t pid = 0;
    if (!all_digits(name) || std::from_chars(name.data(), name.data() + name.size(), pid).ec != std::errc()) continue;
    pids.push_back(pid);
  }
  ::closedir(folder);
  std::sort(pids.begin(), pids.end());
  for (pid_t pid : pids) {
    std::filesystem::path process = proc / std::to_string(pid);
    if (holds_socket(process / "fd", links)) return PortOwner{pid, read_command_line(process)};
  }
  return std::nullopt;
}

Diagnostic port_in_use_error(std::string_view host, int port, const std::optional<PortOwner>& owner) {
  std::string message = "port " + std::to_string(port) + " on " + std::string(host) + " is already in use";
  if (owner) {
    message += " by pid " + std::to_string(owner->pid);
    if (!owner->command_line.empty()) message += " (" + owner->command_line + ")";
  }
  return Diagnostic{Severity::error,
                    "port-in-use",
                    std::move(message),
                    {},
                    owner ? "stop that process, or pick another port with --port N"
                          : "stop the program using it, or pick another port with --port N"};
}

}  // namespace apictl::dev
