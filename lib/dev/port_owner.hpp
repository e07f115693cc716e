// Which process holds a TCP port: for "port 8000 is already in use by pid 4242 (python3 -m uvicorn ...)".
#pragma once

#include <sys/types.h>

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

#include "diagnostic.hpp"

namespace apictl::dev {

struct PortOwner {
  pid_t pid = 0;
  std::string command_line;  // its arguments joined by spaces; "[name]" when it has none (a kernel thread)
};

// The process with a listening TCP socket (IPv4 or IPv6, any address) on `port`, found the way `ss -ltnp` does:
// the socket's inode from /proc/net/tcp and tcp6, then the process whose /proc/PID/fd holds `socket:[inode]`.
// nullopt when no such socket is listening or its process cannot be seen (another user's, without root).
// `proc` is the /proc folder to read; tests pass a made-up one.
std::optional<PortOwner> find_port_owner(int port, const std::filesystem::path& proc = "/proc");

// The error for a port someone else listens on, naming the holder when find_port_owner knows it:
//   port 8000 on 127.0.0.1 is already in use by pid 4242 (python3 -m uvicorn app.main:app --port 8000)
// with the hint "stop that process, or pick another port with --port N". Code "port-in-use".
Diagnostic port_in_use_error(std::string_view host, int port, const std::optional<PortOwner>& owner);

}  // namespace apictl::dev
