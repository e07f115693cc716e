// The connection side of the dev proxy: cpp-httplib parses the requests, apictl owns the connections.
//
// httplib::Server (0.11.4) reads and parses each request well, but its connection loop polls idle keep-alive
// connections every 10 ms and cannot be interrupted while a connection idles (stop() waits out the keep-alive
// timeout); and its response writer compresses bodies itself when the client accepts gzip (an app's gzipped
// body would be compressed twice), applies Range headers itself, and runs only after the handler returns, so a
// handler cannot stream an upstream response whose end it does not know yet. ProxyServer therefore replaces
// the connection loop (the process_and_close_socket hook, as httplib's own SSLServer does) with one over
// ClientConnection, an httplib::Stream with buffered I/O, poll() timeouts and a stop signal, and calls
// httplib's process_request for each request. The request handler gets the parsed request and the connection
// and writes the response itself; what httplib writes after it for the same request is dropped.
#pragma once

#include <httplib.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <deque>
#include <functional>
#include <mutex>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "diagnostic.hpp"

namespace apictl::dev {

struct ConnectionTimeouts {
  std::chrono::milliseconds idle{std::chrono::seconds(60)};   // between requests on a keep-alive connection
  std::chrono::milliseconds read{std::chrono::seconds(30)};   // for the next bytes of a request under way
  std::chrono::milliseconds write{std::chrono::seconds(30)};  // for a client to take the next bytes
};

// One client connection (non-blocking socket). Reads are buffered (httplib reads request lines a byte at a
// time); writes are gathered and sent by flush(), so a response head and body leave in one send. Every wait
// also ends when the stop descriptor becomes readable.
class ClientConnection final : public httplib::Stream {
 public:
  ClientConnection(int fd, int stop_fd, ConnectionTimeouts timeouts);
  ~ClientConnection() override;  // closes the socket
  ClientConnection(const ClientConnection&) = delete;
  ClientConnection& operator=(const ClientConnection&) = delete;

  // httplib::Stream, used by httplib's request parser and response writer.
  bool is_readable() const override;
  bool is_writable() const override;
  ssize_t read(char* ptr, size_t size) override;
  ssize_t write(const char* ptr, size_t size) override;
  using httplib::Stream::write;
  void get_remote_ip_and_port(std::string& ip, int& port) const override;
  void get_local_ip_and_port(std::string& ip, int& port) const override;
  socket_t socket() const override { return fd_; }

  // Waits for the first bytes of the next request: false after the idle timeout, at end of stream or on stop.
  bool wait_for_request();
  // The proxy's own output: queued, and sent at once when `flush_now` or when much is queued. False once the
  // client cannot be written to.
  bool send(std::string_view bytes, bool flush_now = false);
  bool flush();
  // While on, httplib's writes (its own response to the request the proxy already answered) are dropped.
  void drop_library_output(bool on) { dropping_ = on; }
  // Reads exactly `count` body bytes that httplib left unread (a GET with a body); false when they do not come.
  bool read_body(std::size_t count, std::string& body);

  bool broken() const { return broken_; }
  const std::string& remote_ip() const { return remote_ip_; }

  // Per request, set by the connection loop and the handler.
  std::chrono::steady_clock::time_point request_started;
  bool answered = false;                 // the request handler wrote the response (httplib did not)
  bool close_after_response = false;     // the response ends the connection (Connection: close, no framing)
  std::function<void()> after_response;  // runs once the response is sent (or the client is gone)

 private:
  // Polls the socket for `events` and the stop descriptor; true when the socket is ready.
  bool wait(short events, std::chrono::milliseconds timeout) const;

  int fd_;
  int stop_fd_;
  ConnectionTimeouts timeouts_;
  std::vector<char> in_;
  std::size_t in_begin_ = 0;
  std::size_t in_end_ = 0;
  std::string out_;
  bool dropping_ = false;
  bool broken_ = false;
  std::string remote_ip_;
  int remote_port_ = 0;
  std::string local_ip_;
  int local_port_ = 0;
};

// A thread pool that grows when every thread is busy, up to `max_threads`: a connection keeps its thread while
// it is open (idle keep-alive connections included), so a fixed small pool would let 64 idle connections
// starve every other client. Threads stay until shutdown.
class GrowingThreadPool final : public httplib::TaskQueue {
 public:
  explicit GrowingThreadPool(std::size_t max_threads) : max_threads_(max_threads) {}
  ~GrowingThreadPool() override;
  void enqueue(std::function<void()> task) override;
  void shutdown() override;  // runs the tasks already queued, then joins every thread

 private:
  void work();

  std::size_t max_threads_;
  std::mutex mutex_;
  std::condition_variable wake_;
  std::deque<std::function<void()>> tasks_;
  std::vector<std::thread> threads_;
  std::size_t idle_ = 0;
  bool stopping_ = false;
};

class ProxyServer final : public httplib::Server {
 public:
  // Gets each parsed request (its body read, but see ClientConnection::read_body) and writes the response to
  // the connection. Runs on the connection's thread.
  using RequestHandler = std::function<void(const httplib::Request& request, ClientConnection& connection)>;

  ProxyServer(ConnectionTimeouts timeouts, std::size_t max_threads, RequestHandler handler);
  ~ProxyServer() override;
  ProxyServer(const ProxyServer&) = delete;
  ProxyServer& operator=(const ProxyServer&) = delete;

  // Binds and listens on host:port (port 0: any free one) and returns the bound port. The socket is made here,
  // not by httplib, to know why a bind failed (httplib only says that it did) and to leave out SO_REUSEPORT,
  // with which a second server of the same user would share the port instead of failing.
  Result<int> open(const std::string& host, int port);
  // Serves on a thread of its own; returns once it accepts connections.
  void run();
  // Stops accepting and wakes every connection: idle ones close, busy ones after the response under way.
  void begin_shutdown();
  // Whether every connection thread has ended, waiting at most `timeout` for it (after begin_shutdown).
  bool wait_stopped(std::chrono::milliseconds timeout);
  // begin_shutdown, then waits for every thread and joins them.
  void shutdown();
  bool stopping() const { return stopping_.load(); }

 private:
  bool process_and_close_socket(socket_t sock) override;

  ConnectionTimeouts timeouts_;
  RequestHandler handler_;
  int stop_fd_ = -1;  // an eventfd, readable once shutdown() starts
  std::atomic<bool> stopping_{false};
  std::thread acceptor_;
  std::mutex stopped_mutex_;
  std::condition_variable stopped_changed_;
  bool stopped_ = false;  // the accept loop and every connection thread have ended
};

}  // namespace apictl::dev
