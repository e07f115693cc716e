// find_port_owner on this machine's /proc (a socket this test holds) and on made-up /proc trees.
#include <catch2/catch.hpp>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <initializer_list>
#include <string>

#include "dev/port_owner.hpp"
#include "support/scratch_folder.hpp"

using namespace apictl;
using namespace apictl::dev;

namespace {

// A socket bound to `address` port 0 (any free port); listening when `listen_on` is set.
class HeldSocket {
 public:
  HeldSocket(int family, bool listen_on) {
    fd_ = ::socket(family, SOCK_STREAM | SOCK_CLOEXEC, 0);
    REQUIRE(fd_ >= 0);
    sockaddr_storage address{};
    socklen_t length = 0;
    if (family == AF_INET) {
      auto& v4 = reinterpret_cast<sockaddr_in&>(address);
      v4.sin_family = AF_INET;
      v4.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
      length = sizeof(v4);
    } else {
      auto& v6 = reinterpret_cast<sockaddr_in6&>(address);
      v6.sin6_family = AF_INET6;
      v6.sin6_addr = in6addr_loopback;
      length = sizeof(v6);
    }
    REQUIRE(::bind(fd_, reinterpret_cast<sockaddr*>(&address), length) == 0);
    if (listen_on) REQUIRE(::listen(fd_, 1) == 0);
    REQUIRE(::getsockname(fd_, reinterpret_cast<sockaddr*>(&address), &length) == 0);
    port_ = family == AF_INET ? ntohs(reinterpret_cast<sockaddr_in&>(address).sin_port)
                              : ntohs(reinterpret_cast<sockaddr_in6&>(address).sin6_port);
  }
  ~HeldSocket() { ::close(fd_); }
  int port() const { return port_; }

 private:
  int fd_ = -1;
  int port_ = 0;
};

bool ipv6_available() {
  int fd = ::socket(AF_INET6, SOCK_STREAM, 0);
  if (fd < 0) return false;
  sockaddr_in6 address{};
  address.sin6_family = AF_INET6;
  address.sin6_addr = in6addr_loopback;
  bool bound = ::bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof(address)) == 0;
  ::close(fd);
  return bound;
}

// A command line as /proc/PID/cmdline holds it: each argument ends with a NUL.
std::string nul_separated(std::initializer_list<std::string_view> arguments) {
  std::string joined;
  for (std::string_view argument : arguments) {
    joined += argument;
    joined += '\0';
  }
  return joined;
}

// A made-up /proc: tables net/tcp and net/tcp6, and processes with fd links and command lines.
class FakeProc {
 public:
  FakeProc() : folder_("fake-proc") {
    folder_.write("net/tcp",
                  "  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode\n");
    folder_.write("net/tcp6",
                  "  sl  local_address                         remote_address                        st tx_queue "
                  "rx_queue tr tm->when retrnsmt   uid  timeout inode\n");
  }
  void add_socket(const std::string& table, const std::string& local, const std::string& state,
                  const std::string& inode) {
    std::ofstream(path() / "net" / table, std::ios::app)
        << "   0: " << local << " 00000000:0000 " << state << " 00000000:00000000 00:00000000 00000000  1000        0 "
        << inode << " 1 0000000000000000 100 0 0 10 0\n";
  }
  void add_process(int pid, std::string_view cmdline, const std::vector<std::string>& links) {
    std::filesystem::path process = path() / std::to_string(pid);
    std::filesystem::create_directories(process / "fd");
    std::ofstream(process / "cmdline", std::ios::binary) << cmdline;
    std::ofstream(process / "comm") << "worker\n";
    int fd = 3;
    for (const std::string& link : links) std::filesystem::create_symlink(link, process / "fd" / std::to_string(fd++));
  }
  const std::filesystem::path& path() const { return folder_.path(); }

 private:
  test::ScratchFolder folder_;
};

}  // namespace

TEST_CASE("find_port_owner finds this process's listening sockets", "[dev][port_owner]") {
  HeldSocket v4(AF_INET, true);
  auto owner = find_port_owner(v4.port());
  REQUIRE(owner.has_value());
  CHECK(owner->pid == ::getpid());
  CHECK_FALSE(owner->command_line.empty());

  if (ipv6_available()) {
    HeldSocket v6(AF_INET6, true);
    auto owner6 = find_port_owner(v6.port());
    REQUIRE(owner6.has_value());
    CHECK(owner6->pid == ::getpid());
  }

  HeldSocket bound_only(AF_INET, false);  // bound but not listening: holds no port for a server
  CHECK_FALSE(find_port_owner(bound_only.port()).has_value());
  CHECK_FALSE(find_port_owner(0).has_value());
  CHECK_FALSE(find_port_owner(70000).has_value());
}

TEST_CASE("find_port_owner reads /proc's tables and descriptor links", "[dev][port_owner]") {
  FakeProc proc;
  proc.add_socket("tcp", "0100007F:1F40", "0A", "777");  // 127.0.0.1:8000 LISTEN
  proc.add_socket("tcp", "0100007F:1F40", "01", "555");  // 127.0.0.1:8000 ESTABLISHED: a client, not the holder
  proc.add_socket("tcp6", "00000000000000000000000001000000:1F41", "0A", "888");  // [::1]:8001 LISTEN
  proc.add_socket("tcp", "0100007F:1F42", "0A", "999");                           // 8002: nobody visible holds it
  proc.add_process(99, nul_separated({"curl", "http://127.0.0.1:8000/"}), {"socket:[555]"});
  proc.add_process(4242, nul_separated({"python3", "-m", "uvicorn", "app.main:app", "--port", "8000"}),
                   {"/dev/null", "pipe:[12]", "socket:[777]"});
  proc.add_process(5000, "", {"socket:[888]"});  // no command line: a kernel thread shows its name

  auto owner = find_port_owner(8000, proc.path());
  REQUIRE(owner.has_value());
  CHECK(owner->pid == 4242);
  CHECK(owner->command_line == "python3 -m uvicorn app.main:app --port 8000");

  auto owner6 = find_port_owner(8001, proc.path());
  REQUIRE(owner6.has_value());
  CHECK(owner6->pid == 5000);
  CHECK(owner6->command_line == "[worker]");

  CHECK_FALSE(find_port_owner(8002, proc.path()).has_value());
  CHECK_FALSE(find_port_owner(8003, proc.path()).has_value());
  CHECK_FALSE(find_port_owner(8000, proc.path() / "missing").has_value());
}

TEST_CASE("port_in_use_error names the holder when it is known", "[dev][port_owner]") {
  Diagnostic known =
      port_in_use_error("127.0.0.1", 8000, PortOwner{4242, "python3 -m uvicorn app.main:app --port 8000"});
  CHECK(known.code == "port-in-use");
  CHECK(format_diagnostic(known) ==
        "error: port 8000 on 127.0.0.1 is already in use by pid 4242 (python3 -m uvicorn app.main:app --port 8000); "
        "stop that process, or pick another port with --port N");
  Diagnostic unknown = port_in_use_error("127.0.0.1", 8000, std::nullopt);
  CHECK(
      format_diagnostic(unknown) ==
      "error: port 8000 on 127.0.0.1 is already in use; stop the program using it, or pick another port with --port N");
}
