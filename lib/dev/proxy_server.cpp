// ProxyServer's connection loop, ClientConnection's buffered non-blocking I/O and the growing thread pool.
#include "dev/proxy_server.hpp"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <signal.h>
#include <sys/eventfd.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "dev/port_owner.hpp"

namespace apictl::dev {

namespace {

constexpr std::size_t kReadBufferSize = 16 * 1024;
constexpr std::size_t kFlushThreshold = 64 * 1024;  // queued output beyond this is sent without waiting
constexpr int kListenBacklog = 1024;                // httplib's is 5: a burst of connections would wait for SYN retries

using Clock = std::chrono::steady_clock;

// The connection the current thread serves, for the error-handler hook that hands requests to the proxy.
thread_local ClientConnection* current_connection = nullptr;

void address_of(const sockaddr_storage& address, std::string& ip, int& port) {
  char text[INET6_ADDRSTRLEN] = {};
  if (address.ss_family == AF_INET) {
    const auto& v4 = reinterpret_cast<const sockaddr_in&>(address);
    ::inet_ntop(AF_INET, &v4.sin_addr, text, sizeof(text));
    port = ntohs(v4.sin_port);
  } else if (address.ss_family == AF_INET6) {
    const auto& v6 = reinterpret_cast<const sockaddr_in6&>(address);
    ::inet_ntop(AF_INET6, &v6.sin6_addr, text, sizeof(text));
    port = ntohs(v6.sin6_port);
  }
  ip = text;
  if (ip.starts_with("::ffff:") && ip.find('.') != std::string::npos) ip.erase(0, 7);  // IPv4-mapped
}

int milliseconds_left(Clock::time_point deadline) {
  auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now()).count();
  return left <= 0 ? 0 : static_cast<int>(std::min<long long>(left, 1 << 30));
}

}  // namespace

// ---- ClientConnection ----

ClientConnection::ClientConnection(int fd, int stop_fd, ConnectionTimeouts timeouts)
    : fd_(fd), stop_fd_(stop_fd), timeouts_(timeouts), in_(kReadBufferSize) {
  int flags = ::fcntl(fd_, F_GETFL, 0);
  if (flags >= 0) ::fcntl(fd_, F_SETFL, flags | O_NONBLOCK);
  int on = 1;
  ::setsockopt(fd_, IPPROTO_TCP, TCP_NODELAY, &on, sizeof(on));
  sockaddr_storage address{};
  socklen_t length = sizeof(address);
  if (::getpeername(fd_, reinterpret_cast<sockaddr*>(&address), &length) == 0)
    address_of(address, remote_ip_, remote_port_);
  length = sizeof(address);
  if (::getsockname(fd_, reinterpret_cast<sockaddr*>(&address), &length) == 0)
    address_of(address, local_ip_, local_port_);
}

ClientConnection::~ClientConnection() {
  ::shutdown(fd_, SHUT_RDWR);
  ::close(fd_);
}

bool ClientConnection::wait(short events, std::chrono::milliseconds timeout) const {
  Clock::time_point deadline = Clock::now() + timeout;
  for (;;) {
    pollfd fds[2] = {{fd_, events, 0}, {stop_fd_, POLLIN, 0}};
    int ready = ::poll(fds, 2, milliseconds_left(deadline));
    if (ready < 0 && errno == EINTR) continue;
    if (ready <= 0 || (fds[1].revents & POLLIN) != 0) return false;
    return fds[0].revents != 0;  // readable, writable, or an error or hang-up the next call reports
  }
}

bool ClientConnection::is_readable() const { return in_begin_ < in_end_ || (!broken_ && wait(POLLIN, timeouts_.read)); }

bool ClientConnection::is_writable() const { return !broken_; }

ssize_t ClientConnection::read(char* ptr, size_t size) {
  if (in_begin_ == in_end_) {
    if (!flush()) return -1;  // a "100 Continue" must be out before the body can come
    for (;;) {
      ssize_t got = ::recv(fd_, in_.data(), in_.size(), 0);
      if (got > 0) {
        in_begin_ = 0;
        in_end_ = static_cast<std::size_t>(got);
        break;
      }
      if (got == 0) return 0;
      if (errno == EINTR) continue;
      if ((errno != EAGAIN && errno != EWOULDBLOCK) || !wait(POLLIN, timeouts_.read)) return -1;
    }
  }
  std::size_t count = std::min(size, in_end_ - in_begin_);
  std::memcpy(ptr, in_.data() + in_begin_, count);
  in_begin_ += count;
  return static_cast<ssize_t>(count);
}

ssize_t ClientConnection::write(const char* ptr, size_t size) {
  if (dropping_) return static_cast<ssize_t>(size);
  return send(std::string_view(ptr, size)) ? static_cast<ssize_t>(size) : -1;
}

void ClientConnection::get_remote_ip_and_port(std::string& ip, int& port) const {
  ip = remote_ip_;
  port = remote_port_;
}

void ClientConnection::get_local_ip_and_port(std::string& ip, int& port) const {
  ip = local_ip_;
  port = local_port_;
}

bool ClientConnection::wait_for_request() {
  if (in_begin_ < in_end_) return true;  // pipelined: the next request is already here
  if (!flush()) return false;
  return wait(POLLIN, timeouts_.idle);
}

bool ClientConnection::send(std::string_view bytes, bool flush_now) {
  if (broken_) return false;
  out_.append(bytes);
  if (flush_now || out_.size() >= kFlushThreshold) return flush();
  return true;
}

bool ClientConnection::flush() {
  std::size_t sent = 0;
  while (!broken_ && sent < out_.size()) {
    ssize_t n = ::send(fd_, out_.data() + sent, out_.size() - sent, MSG_NOSIGNAL);
    if (n > 0) {
      sent += static_cast<std::size_t>(n);
    } else if (n < 0 && errno == EINTR) {
      continue;
    } else if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
      if (!wait(POLLOUT, timeouts_.write)) broken_ = true;
    } else {
      broken_ = true;
    }
  }
  out_.clear();
  return !broken_;
}

bool ClientConnection::read_body(std::size_t count, std::string& body) {
  body.resize(count);
  std::size_t have = 0;
  while (have < count) {
    ssize_t n = read(body.data() + have, count - have);
    if (n <= 0) return false;
    have += static_cast<std::size_t>(n);
  }
  return true;
}

// ---- GrowingThreadPool ----

GrowingThreadPool::~GrowingThreadPool() { shutdown(); }

void GrowingThreadPool::enqueue(std::function<void()> task) {
  std::lock_guard lock(mutex_);
  tasks_.push_back(std::move(task));
  if (tasks_.size() > idle_ && threads_.size() < max_threads_) {
    threads_.emplace_back([this] { work(); });
  } else {
    wake_.notify_one();
  }
}

void GrowingThreadPool::shutdown() {
  {
    std::lock_guard lock(mutex_);
    if (stopping_ && threads_.empty()) return;
    stopping_ = true;
  }
  wake_.notify_all();
  for (std::thread& thread : threads_) thread.join();
  threads_.clear();
}

void GrowingThreadPool::work() {
  std::unique_lock lock(mutex_);
  for (;;) {
    while (tasks_.empty() && !stopping_) {
      ++idle_;
      wake_.wait(lock);
      --idle_;
    }
    if (tasks_.empty()) return;
    std::function<void()> task = std::move(tasks_.front());
    tasks_.pop_front();
    lock.unlock();
    task();
    lock.lock();
  }
}

// ---- ProxyServer ----

ProxyServer::ProxyServer(ConnectionTimeouts timeouts, std::size_t max_threads, RequestHandler handler)
    : timeouts_(timeouts), handler_(std::move(handler)) {
  stop_fd_ = ::eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK);
  new_task_queue = [max_threads] { return new GrowingThreadPool(max_threads); };
  // Every request httplib parses but finds no route for (all of them: none is registered) ends up here with
  // status 404 once its body is read, whatever its method; httplib's other errors (400, 413, 414) keep theirs.
  // This is the one hook that sees every method without a regular expression run on each path.
  set_error_handler(HandlerWithResponse([this](const httplib::Request& request, httplib::Response& response) {
    ClientConnection* connection = current_connection;
    if (response.status != 404 || connection == nullptr) return HandlerResponse::Unhandled;
    connection->answered = true;
    try {
      handler_(request, *connection);
    } catch (...) {
      connection->close_after_response = true;  // the handler catches its own; this is the last guard
    }
    connection->drop_library_output(true);
    return HandlerResponse::Handled;
  }));
}

ProxyServer::~ProxyServer() {
  shutdown();
  if (stop_fd_ >= 0) ::close(stop_fd_);
}

Result<int> ProxyServer::open(const std::string& host, int port) {
  if (stop_fd_ < 0) return fail("proxy-failed", std::string("cannot create an eventfd: ") + std::strerror(errno));
  addrinfo hints{};
  hints.ai_family = AF_UNSPEC;
  hints.ai_socktype = SOCK_STREAM;
  hints.ai_flags = AI_PASSIVE | AI_NUMERICSERV;
  addrinfo* found = nullptr;
  std::string service = std::to_string(port);
  if (int error = ::getaddrinfo(host.c_str(), service.c_str(), &hints, &found); error != 0) {
    return fail("bind-failed", "cannot listen on " + host + ": " + ::gai_strerror(error), {},
                "use an IP address such as 127.0.0.1 or ::1");
  }
  int fd = ::socket(found->ai_family, found->ai_socktype | SOCK_CLOEXEC, found->ai_protocol);
  int error = errno;
  if (fd >= 0) {
    int on = 1;
    ::setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &on, sizeof(on));  // restart while old connections linger
    if (::bind(fd, found->ai_addr, found->ai_addrlen) != 0 || ::listen(fd, kListenBacklog) != 0) {
      error = errno;
      ::close(fd);
      fd = -1;
    }
  }
  ::freeaddrinfo(found);
  if (fd < 0) {
    std::string where = "port " + std::to_string(port) + " on " + host;
    if (error == EADDRINUSE) return std::unexpected(port_in_use_error(host, port, find_port_owner(port)));
    if (error == EACCES)
      return fail("bind-failed", "cannot listen on " + where + ": permission denied", {},
                  "ports below 1024 need root; pick another port with --port N");
    if (error == EADDRNOTAVAIL)
      return fail("bind-failed", "cannot listen on " + where + ": the address is not one of this machine's", {},
                  "use 127.0.0.1 (or ::1)");
    return fail("bind-failed", "cannot listen on " + where + ": " + std::strerror(error));
  }
  sockaddr_storage bound{};
  socklen_t length = sizeof(bound);
  ::getsockname(fd, reinterpret_cast<sockaddr*>(&bound), &length);
  std::string ip;
  int bound_port = 0;
  address_of(bound, ip, bound_port);
  svr_sock_ = fd;
  return bound_port;
}

void ProxyServer::run() {
  acceptor_ = std::thread([this] {
    // SIGPIPE would end apictl when a client or the app closes a socket that is being written to. Blocked here,
    // it is blocked in every connection thread too (they inherit this mask), and writes fail with EPIPE instead.
    sigset_t pipe_signal;
    sigemptyset(&pipe_signal);
    sigaddset(&pipe_signal, SIGPIPE);
    ::pthread_sigmask(SIG_BLOCK, &pipe_signal, nullptr);
    listen_after_bind();  // returns once the pool has joined every connection thread
    {
      std::lock_guard lock(stopped_mutex_);
      stopped_ = true;
    }
    stopped_changed_.notify_all();
  });
  // stop() is a no-op until httplib marks itself running, so wait for that (it takes microseconds).
  while (!is_running() && !wait_stopped(std::chrono::milliseconds(0)))
    std::this_thread::sleep_for(std::chrono::microseconds(100));
}

void ProxyServer::begin_shutdown() {
  if (stopping_.exchange(true)) return;
  if (stop_fd_ >= 0) {
    std::uint64_t one = 1;
    [[maybe_unused]] ssize_t ignored = ::write(stop_fd_, &one, sizeof(one));
  }
  if (acceptor_.joinable()) {
    stop();
  } else if (svr_sock_ != INVALID_SOCKET) {
    ::close(svr_sock_.exchange(INVALID_SOCKET));  // opened but never run
  }
}

bool ProxyServer::wait_stopped(std::chrono::milliseconds timeout) {
  if (!acceptor_.joinable()) return true;
  std::unique_lock lock(stopped_mutex_);
  return stopped_changed_.wait_for(lock, timeout, [&] { return stopped_; });
}

void ProxyServer::shutdown() {
  begin_shutdown();
  if (acceptor_.joinable()) acceptor_.join();
}

bool ProxyServer::process_and_close_socket(socket_t sock) {
  ClientConnection connection(sock, stop_fd_, timeouts_);
  while (!stopping_ && connection.wait_for_request()) {
    connection.request_started = Clock::now();
    connection.answered = false;
    connection.close_after_response = false;
    connection.after_response = nullptr;
    bool connection_closed = false;
    current_connection = &connection;
    bool ok = process_request(connection, stopping_.load(), connection_closed, nullptr);
    current_connection = nullptr;
    connection.drop_library_output(false);
    connection.flush();
    if (connection.after_response) {
      auto done = std::move(connection.after_response);
      connection.after_response = nullptr;
      done();
    }
    // httplib's own view of keep-alive counts for the errors it answered itself (400, 413, ...); for the rest
    // the handler decided, and said so in the response's Connection header.
    bool close = connection.answered ? connection.close_after_response : (!ok || connection_closed);
    if (close || connection.broken()) break;
  }
  return true;
}

}  // namespace apictl::dev
