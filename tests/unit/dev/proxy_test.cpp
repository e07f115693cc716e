// Proxy with real servers: an httplib::Server (or a raw socket server that misbehaves on purpose) on a loopback
// port behind the Proxy, and clients that are httplib::Client or raw sockets where exact bytes matter.
#include <catch2/catch.hpp>

#include <arpa/inet.h>
#include <httplib.h>
#include <netinet/in.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "dev/proxy.hpp"
#include "dev/proxy_headers.hpp"

using namespace apictl;
using namespace apictl::dev;
using namespace std::chrono_literals;

namespace {

using Clock = std::chrono::steady_clock;
constexpr auto proxy_patience = 5s;  // a loaded machine may be slow; a passing run takes milliseconds

// Writing to a socket the other side closed raises SIGPIPE; blocked, the write fails with EPIPE instead. The
// proxy blocks it in its own threads; the test's servers and clients need the same.
class SigpipeBlocked {
 public:
  SigpipeBlocked() {
    sigset_t pipe_signal;
    sigemptyset(&pipe_signal);
    sigaddset(&pipe_signal, SIGPIPE);
    ::pthread_sigmask(SIG_BLOCK, &pipe_signal, &previous_);
  }
  ~SigpipeBlocked() { ::pthread_sigmask(SIG_SETMASK, &previous_, nullptr); }

 private:
  sigset_t previous_;
};

bool eventually(const std::function<bool()>& condition, std::chrono::milliseconds timeout = proxy_patience) {
  Clock::time_point deadline = Clock::now() + timeout;
  while (!condition()) {
    if (Clock::now() > deadline) return false;
    std::this_thread::sleep_for(2ms);
  }
  return true;
}

// A one-shot signal between threads.
class Gate {
 public:
  void open() {
    {
      std::lock_guard lock(mutex_);
      open_ = true;
    }
    changed_.notify_all();
  }
  bool wait(std::chrono::milliseconds timeout = proxy_patience) {
    std::unique_lock lock(mutex_);
    return changed_.wait_for(lock, timeout, [&] { return open_; });
  }

 private:
  std::mutex mutex_;
  std::condition_variable changed_;
  bool open_ = false;
};

// An httplib::Server on 127.0.0.1, any free port, serving on its own threads until destroyed.
class Upstream {
 public:
  explicit Upstream(const std::function<void(httplib::Server&)>& routes) {
    server_.new_task_queue = [] { return new httplib::ThreadPool(32); };
    server_.set_keep_alive_max_count(100000);
    server_.set_tcp_nodelay(true);  // else its head and body writes meet the proxy's delayed ACK: 40 ms each
    routes(server_);
    port_ = server_.bind_to_any_port("127.0.0.1");
    REQUIRE(port_ > 0);
    thread_ = std::thread([this] {
      SigpipeBlocked blocked;  // inherited by the pool's threads
      server_.listen_after_bind();
    });
    REQUIRE(eventually([&] { return server_.is_running(); }));
  }
  ~Upstream() { stop(); }
  Upstream(const Upstream&) = delete;
  Upstream& operator=(const Upstream&) = delete;

  void stop() {
    if (!thread_.joinable()) return;
    server_.stop();
    thread_.join();
  }
  int port() const { return port_; }

 private:
  httplib::Server server_;
  int port_ = 0;
  std::thread thread_;
};

// The requests an upstream received, as it parsed them.
class Recorder {
 public:
  void add(const httplib::Request& request) {
    std::lock_guard lock(mutex_);
    requests_.push_back(request);
  }
  std::vector<httplib::Request> requests() {
    std::lock_guard lock(mutex_);
    return requests_;
  }

 private:
  std::mutex mutex_;
  std::vector<httplib::Request> requests_;
};

// Every method on every path: records the request and answers "METHOD TARGET\nBODY" with a few headers.
void echo_routes(httplib::Server& server, Recorder& recorder) {
  auto echo = [&recorder](const httplib::Request& request, httplib::Response& response) {
    recorder.add(request);
    response.set_header("X-Reply", "yes");
    response.set_header("Proxy-Authenticate", "Basic realm=hop");  // hop-by-hop: must not reach the client
    response.set_content(request.method + " " + request.target + "\n" + request.body, "text/plain");
  };
  server.Get(".*", echo);
  server.Post(".*", echo);
  server.Put(".*", echo);
  server.Patch(".*", echo);
  server.Delete(".*", echo);
  server.Options(".*", echo);
}

// The exchanges the proxy reported.
class ExchangeLog {
 public:
  ExchangeHandler handler() {
    return [this](const ProxiedExchange& exchange) {
      {
        std::lock_guard lock(mutex_);
        exchanges_.push_back(exchange);
      }
      changed_.notify_all();
    };
  }
  bool wait_for(std::size_t count) {
    std::unique_lock lock(mutex_);
    return changed_.wait_for(lock, proxy_patience, [&] { return exchanges_.size() >= count; });
  }
  std::vector<ProxiedExchange> exchanges() {
    std::lock_guard lock(mutex_);
    return exchanges_;
  }

 private:
  std::mutex mutex_;
  std::condition_variable changed_;
  std::vector<ProxiedExchange> exchanges_;
};

ProxyOptions test_options() {
  ProxyOptions options;
  options.port = 0;
  options.hold_timeout = proxy_patience;
  return options;
}

std::unique_ptr<Proxy> started_proxy(ProxyOptions options, ExchangeHandler on_exchange = {}) {
  auto proxy = std::make_unique<Proxy>(std::move(options), std::move(on_exchange));
  auto started = proxy->start();
  REQUIRE(started.has_value());
  REQUIRE(proxy->port() > 0);
  return proxy;
}

httplib::Client client_for(const Proxy& proxy) {
  httplib::Client client("127.0.0.1", proxy.port());
  client.set_read_timeout(proxy_patience);
  return client;
}

// ---- raw sockets, for exact bytes ----

int connect_to(int port) {
  int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  REQUIRE(fd >= 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  address.sin_port = htons(static_cast<std::uint16_t>(port));
  REQUIRE(::connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof(address)) == 0);
  return fd;
}

// Without Catch2's assertions, which are not for threads other than the test's own.
bool write_all(int fd, std::string_view bytes) {
  while (!bytes.empty()) {
    ssize_t sent = ::send(fd, bytes.data(), bytes.size(), MSG_NOSIGNAL);
    if (sent <= 0) return false;
    bytes.remove_prefix(static_cast<std::size_t>(sent));
  }
  return true;
}

void send_all(int fd, std::string_view bytes) { REQUIRE(write_all(fd, bytes)); }

// Reads until `done(received)` holds, the peer closes, or the timeout passes.
std::string receive(int fd, const std::function<bool(const std::string&)>& done = {},
                    std::chrono::milliseconds timeout = proxy_patience) {
  std::string received;
  Clock::time_point deadline = Clock::now() + timeout;
  while (!(done && done(received))) {
    auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now()).count();
    if (left <= 0) break;
    pollfd ready{fd, POLLIN, 0};
    if (::poll(&ready, 1, static_cast<int>(left)) <= 0) break;
    char buffer[4096];
    ssize_t got = ::recv(fd, buffer, sizeof(buffer), 0);
    if (got <= 0) break;
    received.append(buffer, static_cast<std::size_t>(got));
  }
  return received;
}

std::size_t count_of(std::string_view text, std::string_view part) {
  std::size_t count = 0;
  for (std::size_t at = text.find(part); at != std::string_view::npos; at = text.find(part, at + 1)) ++count;
  return count;
}

// A TCP server that misbehaves: each accepted connection is given to `serve` (on the server's thread: no
// Catch2 assertions there), then closed.
class RawUpstream {
 public:
  explicit RawUpstream(std::function<void(int fd)> serve) : serve_(std::move(serve)) {
    listener_ = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    REQUIRE(listener_ >= 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    REQUIRE(::bind(listener_, reinterpret_cast<sockaddr*>(&address), sizeof(address)) == 0);
    REQUIRE(::listen(listener_, 16) == 0);
    socklen_t length = sizeof(address);
    REQUIRE(::getsockname(listener_, reinterpret_cast<sockaddr*>(&address), &length) == 0);
    port_ = ntohs(address.sin_port);
    thread_ = std::thread([this] {
      SigpipeBlocked blocked;
      for (;;) {
        int fd = ::accept(listener_, nullptr, nullptr);
        if (fd < 0) return;
        serve_(fd);
        ::close(fd);
      }
    });
  }
  ~RawUpstream() {
    ::shutdown(listener_, SHUT_RDWR);
    thread_.join();
    ::close(listener_);
  }
  int port() const { return port_; }

 private:
  std::function<void(int fd)> serve_;
  int listener_ = -1;
  int port_ = 0;
  std::thread thread_;
};

// A port nothing listens on (bound and released at once; another program taking it meanwhile is unlikely).
int unused_port() {
  int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  ::bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof(address));
  socklen_t length = sizeof(address);
  ::getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length);
  ::close(fd);
  return ntohs(address.sin_port);
}

}  // namespace

TEST_CASE("the proxy forwards every method with its target, end-to-end headers and body", "[dev][proxy]") {
  SigpipeBlocked blocked;
  Recorder recorder;
  Upstream app([&](httplib::Server& server) { echo_routes(server, recorder); });
  auto proxy = started_proxy(test_options());
  proxy->forward_to(app.port());
  httplib::Client client = client_for(*proxy);

  const std::string target = "/pets/7?b=2&a=%2F%20x&empty=&plus=a+b&utf=%C3%A9";
  httplib::Headers headers = {{"Host", "shop.test:8000"},
                              {"X-Trace", "abc"},
                              {"Connection", "X-Secret"},
                              {"X-Secret", "hop"},
                              {"Proxy-Authorization", "Basic eA=="}};
  client.set_url_encode(false);
  for (const std::string method : {"GET", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"}) {
    INFO(method);
    httplib::Request request;
    request.method = method;
    request.path = target;
    request.headers = headers;
    if (method != "GET" && method != "OPTIONS") request.body = "{\"name\":\"" + method + "\"}";
    if (!request.body.empty()) request.headers.emplace("Content-Type", "application/json");
    auto response = client.send(request);
    REQUIRE(response);
    CHECK(response->status == 200);
    CHECK(response->body == method + " " + target + "\n" + request.body);
    CHECK(response->get_header_value("X-Reply") == "yes");
    CHECK_FALSE(response->has_header("Proxy-Authenticate"));

    httplib::Request seen = recorder.requests().back();
    CHECK(seen.method == method);
    CHECK(seen.target == target);
    CHECK(seen.body == request.body);
    CHECK(seen.get_header_value("Host") == "shop.test:8000");
    CHECK(seen.get_header_value("X-Trace") == "abc");
    CHECK_FALSE(seen.has_header("X-Secret"));  // named by Connection: hop-by-hop
    CHECK_FALSE(seen.has_header("Proxy-Authorization"));
    CHECK(seen.get_header_value("X-Forwarded-For") == "127.0.0.1");
    CHECK(seen.get_header_value("X-Forwarded-Host") == "shop.test:8000");
    CHECK(seen.get_header_value("X-Forwarded-Proto") == "http");
    if (!request.body.empty()) CHECK(seen.get_header_value("Content-Type") == "application/json");
  }

  // HEAD: the app's Content-Length, no body — the next response on the same connection parses cleanly.
  int fd = connect_to(proxy->port());
  send_all(fd,
           "HEAD /head HTTP/1.1\r\nHost: a\r\n\r\n"
           "GET /after HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n");
  std::string replies = receive(fd);
  ::close(fd);
  CHECK(replies.starts_with("HTTP/1.1 200 OK\r\n"));
  CHECK(replies.find("Content-Length: 11\r\n") != std::string::npos);  // that of "HEAD /head\n", not sent
  std::size_t second = replies.find("HTTP/1.1 200");
  REQUIRE(second != std::string::npos);
  second = replies.find("HTTP/1.1 200", second + 1);
  REQUIRE(second != std::string::npos);
  CHECK(replies.substr(0, second).ends_with("\r\n\r\n"));  // nothing between the HEAD answer and the next
  CHECK(replies.ends_with("GET /after\n"));
}

TEST_CASE("the proxy passes large bodies on and keeps connections alive both ways", "[dev][proxy]") {
  SigpipeBlocked blocked;
  Recorder recorder;
  std::string huge(3 * 1024 * 1024 + 7, 'h');  // over the 1 MiB the proxy reads whole: passed on as it comes
  for (std::size_t i = 0; i < huge.size(); i += 4099) huge[i] = static_cast<char>('A' + i % 26);
  Upstream app([&](httplib::Server& server) {
    server.Get("/huge", [&](const httplib::Request&, httplib::Response& response) {
      response.set_content(huge, "application/octet-stream");
    });
    echo_routes(server, recorder);
  });
  ExchangeLog log;
  auto proxy = started_proxy(test_options(), log.handler());
  proxy->forward_to(app.port());

  {
    httplib::Client client = client_for(*proxy);
    auto response = client.Get("/huge");
    REQUIRE(response);
    CHECK(response->get_header_value("Content-Length") == std::to_string(huge.size()));
    CHECK(response->body == huge);
    REQUIRE(log.wait_for(1));
    ProxiedExchange exchange = log.exchanges().front();
    CHECK(exchange.exchange.response.body.size() == test_options().capture_limit);
    CHECK_FALSE(exchange.exchange.response.body_complete);
  }

  httplib::Client client = client_for(*proxy);
  client.set_keep_alive(true);
  std::string big(300 * 1024, 'x');
  for (std::size_t i = 0; i < big.size(); i += 97) big[i] = static_cast<char>('a' + i % 26);
  for (int i = 0; i < 20; ++i) {
    auto response = client.Post("/upload", big, "application/octet-stream");
    REQUIRE(response);
    REQUIRE(response->status == 200);
    CHECK(response->body == "POST /upload\n" + big);
  }
  // One connection from the proxy to the app served all twenty.
  std::vector<httplib::Request> seen = recorder.requests();
  REQUIRE(seen.size() == 20);
  for (const auto& request : seen) CHECK(request.remote_port == seen.front().remote_port);

  // "Expect: 100-continue": the proxy says continue itself, reads the body, and sends it on without the Expect.
  {
    int fd = connect_to(proxy->port());
    send_all(fd, "POST /expect HTTP/1.1\r\nHost: a\r\nContent-Length: 5\r\nExpect: 100-continue\r\n\r\n");
    std::string go_on = receive(fd, [](const std::string& text) { return text.ends_with("\r\n\r\n"); });
    CHECK(go_on == "HTTP/1.1 100 Continue\r\n\r\n");
    send_all(fd, "hello");
    std::string reply = receive(fd, [](const std::string& text) { return text.ends_with("POST /expect\nhello"); });
    ::close(fd);
    CHECK(reply.starts_with("HTTP/1.1 200 OK\r\n"));
    CHECK_FALSE(recorder.requests().back().has_header("Expect"));
  }

  // Three pipelined requests on one client connection get three answers.
  int fd = connect_to(proxy->port());
  send_all(fd,
           "GET /1 HTTP/1.1\r\nHost: a\r\n\r\nGET /2 HTTP/1.1\r\nHost: a\r\n\r\n"
           "GET /3 HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n");
  std::string replies = receive(fd);
  ::close(fd);
  CHECK(count_of(replies, "HTTP/1.1 200 OK") == 3);
  CHECK(replies.find("GET /1\n") < replies.find("GET /2\n"));
  CHECK(replies.ends_with("GET /3\n"));
  CHECK(replies.find("Connection: close\r\n") != std::string::npos);
}

TEST_CASE("idle keep-alive connections do not starve new clients", "[dev][proxy]") {
  SigpipeBlocked blocked;
  Recorder recorder;
  Upstream app([&](httplib::Server& server) { echo_routes(server, recorder); });
  auto proxy = started_proxy(test_options());
  proxy->forward_to(app.port());

  std::vector<int> idle;
  for (int i = 0; i < 80; ++i) {
    int fd = connect_to(proxy->port());
    send_all(fd, "GET /idle HTTP/1.1\r\nHost: a\r\n\r\n");
    std::string reply = receive(fd, [](const std::string& text) { return text.ends_with("GET /idle\n"); });
    REQUIRE(reply.starts_with("HTTP/1.1 200"));
    idle.push_back(fd);  // left open and idle
  }
  Clock::time_point start = Clock::now();
  httplib::Client client = client_for(*proxy);
  auto response = client.Get("/fresh");
  REQUIRE(response);
  CHECK(response->status == 200);
  CHECK(Clock::now() - start < 1s);
  for (int fd : idle) ::close(fd);
}

TEST_CASE("a response without Content-Length streams through as it arrives", "[dev][proxy]") {
  SigpipeBlocked blocked;
  Gate first_seen;
  std::atomic<bool> waited_in_vain{false};
  Upstream app([&](httplib::Server& server) {
    server.Get("/events", [&](const httplib::Request&, httplib::Response& response) {
      response.set_chunked_content_provider("text/event-stream", [&](std::size_t offset, httplib::DataSink& sink) {
        if (offset == 0) {
          std::string first = "data: first\n\n";
          sink.write(first.data(), first.size());
          return true;
        }
        // The second event waits until the client has the first: a proxy that buffered would never let it.
        if (!first_seen.wait()) waited_in_vain = true;
        std::string second = "data: second\n\n";
        sink.write(second.data(), second.size());
        sink.done();
        return true;
      });
    });
  });
  ExchangeLog log;
  auto proxy = started_proxy(test_options(), log.handler());
  proxy->forward_to(app.port());

  SECTION("to an HTTP/1.1 client, in chunks") {
    httplib::Client client = client_for(*proxy);
    std::string received;
    std::string content_type;
    auto response = client.Get(
        "/events", httplib::Headers{},
        [&](const httplib::Response& head) {
          content_type = head.get_header_value("Content-Type");
          return true;
        },
        [&](const char* data, std::size_t size) {
          received.append(data, size);
          if (received.find("data: first\n\n") != std::string::npos) first_seen.open();
          return true;
        });
    REQUIRE(response);
    CHECK(response->status == 200);
    CHECK(response->get_header_value("Transfer-Encoding") == "chunked");
    CHECK(content_type == "text/event-stream");
    CHECK(received == "data: first\n\ndata: second\n\n");
    CHECK_FALSE(waited_in_vain);
    REQUIRE(log.wait_for(1));
    ProxiedExchange exchange = log.exchanges().front();
    CHECK(exchange.exchange.response.body == "data: first\n\ndata: second\n\n");
    CHECK(exchange.exchange.response.body_complete);
    CHECK(exchange.origin == ProxiedExchange::Origin::app);
  }
  SECTION("to an HTTP/1.0 client, until the connection closes") {
    int fd = connect_to(proxy->port());
    send_all(fd, "GET /events HTTP/1.0\r\n\r\n");
    std::string head_and_first =
        receive(fd, [](const std::string& text) { return text.find("data: first\n\n") != std::string::npos; });
    first_seen.open();
    std::string rest = receive(fd);
    ::close(fd);
    std::string all = head_and_first + rest;
    CHECK(all.starts_with("HTTP/1.1 200 OK\r\n"));
    CHECK(all.find("Transfer-Encoding") == std::string::npos);
    CHECK(all.find("Connection: close\r\n") != std::string::npos);
    CHECK(all.ends_with("\r\n\r\ndata: first\n\ndata: second\n\n"));
    CHECK_FALSE(waited_in_vain);
  }
}

TEST_CASE("the proxy answers 502 when the app refuses, dies or stalls", "[dev][proxy]") {
  SigpipeBlocked blocked;
  ExchangeLog log;
  ProxyOptions options = test_options();
  options.upstream_timeout = 300ms;
  auto proxy = started_proxy(options, log.handler());
  httplib::Client client = client_for(*proxy);

  SECTION("nothing listens") {
    int port = unused_port();
    proxy->forward_to(port);
    auto response = client.Get("/");
    REQUIRE(response);
    CHECK(response->status == 502);
    CHECK(response->body == "apictl dev: the app on 127.0.0.1:" + std::to_string(port) +
                                " refused the connection (it is not listening, or it exited)\n");
    CHECK(response->get_header_value("Content-Type") == "text/plain; charset=utf-8");
    REQUIRE(log.wait_for(1));
    CHECK(log.exchanges().front().origin == ProxiedExchange::Origin::proxy);
    CHECK(proxy->in_flight(port) == 0);
  }
  SECTION("the app closes without answering") {
    RawUpstream app([](int fd) {
      receive(fd, [](const std::string& text) { return text.find("\r\n\r\n") != std::string::npos; });
    });
    proxy->forward_to(app.port());
    auto response = client.Post("/orders", "{}", "application/json");  // not idempotent: not sent twice
    REQUIRE(response);
    CHECK(response->status == 502);
    CHECK(response->body.find("closed the connection without answering") != std::string::npos);
  }
  SECTION("the app dies in the middle of its response") {
    RawUpstream app([](int fd) {
      receive(fd, [](const std::string& text) { return text.find("\r\n\r\n") != std::string::npos; });
      write_all(fd, "HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\nonly ten..");
    });
    proxy->forward_to(app.port());
    auto response = client.Get("/");
    REQUIRE(response);
    CHECK(response->status == 502);
    CHECK(response->body.find("closed the connection in the middle of its response") != std::string::npos);
  }
  SECTION("the app never answers") {
    Gate release;
    RawUpstream app([&](int) { release.wait(); });
    proxy->forward_to(app.port());
    Clock::time_point start = Clock::now();
    auto response = client.Get("/");
    release.open();
    REQUIRE(response);
    CHECK(response->status == 502);
    CHECK(response->body.find("did not answer within 0.3 s") != std::string::npos);
    CHECK(Clock::now() - start < 3s);
  }
  SECTION("a stream the app breaks off ends the client's connection before the stream's end") {
    RawUpstream app([](int fd) {
      receive(fd, [](const std::string& text) { return text.find("\r\n\r\n") != std::string::npos; });
      write_all(fd, "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n");
    });
    proxy->forward_to(app.port());
    int fd = connect_to(proxy->port());
    send_all(fd, "GET /stream HTTP/1.1\r\nHost: a\r\n\r\n");
    std::string reply = receive(fd);
    ::close(fd);
    CHECK(reply.starts_with("HTTP/1.1 200 OK\r\n"));
    CHECK(reply.ends_with("5\r\nhello\r\n"));  // no closing "0\r\n\r\n": the client knows it is cut
    REQUIRE(log.wait_for(1));
    CHECK_FALSE(log.exchanges().front().exchange.response.body_complete);
  }
}

TEST_CASE("responses without a body and without framing are answered at once", "[dev][proxy]") {
  SigpipeBlocked blocked;
  Gate finished;
  RawUpstream app([&](int fd) {
    // As h11 (uvicorn) answers: no Content-Length on a 304 or 204, and the connection stays open.
    std::string request;
    for (;;) {
      request = receive(fd, [](const std::string& text) { return text.find("\r\n\r\n") != std::string::npos; });
      if (request.empty()) return;
      bool not_modified = request.starts_with("GET /cached ");
      write_all(fd,
                not_modified ? "HTTP/1.1 304 Not Modified\r\nETag: \"v1\"\r\n\r\n" : "HTTP/1.1 204 No Content\r\n\r\n");
      if (finished.wait(0ms)) return;
    }
  });
  auto proxy = started_proxy(test_options());
  proxy->forward_to(app.port());
  int fd = connect_to(proxy->port());
  Clock::time_point start = Clock::now();
  send_all(fd,
           "GET /cached HTTP/1.1\r\nHost: a\r\nIf-None-Match: \"v1\"\r\n\r\n"
           "DELETE /pets/1 HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n");
  std::string replies = receive(fd);
  finished.open();
  ::close(fd);
  CHECK(Clock::now() - start < 2s);
  CHECK(replies.starts_with("HTTP/1.1 304 Not Modified\r\n"));
  CHECK(replies.find("ETag: \"v1\"\r\n") != std::string::npos);
  CHECK(replies.find("HTTP/1.1 204 No Content\r\n") != std::string::npos);
  CHECK(replies.find("Content-Length") == std::string::npos);
  CHECK(replies.ends_with("\r\n\r\n"));
}

TEST_CASE("hold() keeps requests waiting until the proxy has somewhere to send them", "[dev][proxy]") {
  SigpipeBlocked blocked;
  Recorder recorder;
  Upstream app([&](httplib::Server& server) { echo_routes(server, recorder); });
  ExchangeLog log;
  ProxyOptions options = test_options();

  SECTION("forward_to releases a held request to the app") {
    auto proxy = started_proxy(options, log.handler());
    proxy->hold();
    httplib::Result result{nullptr, httplib::Error::Unknown};
    std::thread waiting([&] {
      SigpipeBlocked blocked_here;
      httplib::Client client = client_for(*proxy);
      result = client.Get("/held");
    });
    CHECK(eventually([&] { return proxy->held() == 1; }));
    proxy->forward_to(app.port());
    waiting.join();
    REQUIRE(result);
    CHECK(result->status == 200);
    CHECK(result->body == "GET /held\n");
    CHECK(proxy->held() == 0);
    REQUIRE(log.wait_for(1));
    CHECK(log.exchanges().front().origin == ProxiedExchange::Origin::app);
  }
  SECTION("a proxy that was never told where to send requests holds them too") {
    auto proxy = started_proxy(options, log.handler());
    httplib::Result result{nullptr, httplib::Error::Unknown};
    std::thread waiting([&] {
      SigpipeBlocked blocked_here;
      httplib::Client client = client_for(*proxy);
      result = client.Get("/first");
    });
    CHECK(eventually([&] { return proxy->held() == 1; }));
    proxy->refuse("the first build failed");
    waiting.join();
    REQUIRE(result);
    CHECK(result->status == 503);
    CHECK(result->body == "the first build failed\n");
  }
  SECTION("a held request gets 503 after hold_timeout") {
    options.hold_timeout = 200ms;
    auto proxy = started_proxy(options, log.handler());
    proxy->hold();
    Clock::time_point start = Clock::now();
    httplib::Client client = client_for(*proxy);
    auto response = client.Get("/");
    REQUIRE(response);
    CHECK(response->status == 503);
    CHECK(response->body.find("no instance of the app became ready within 0.2 s") != std::string::npos);
    CHECK(Clock::now() - start >= 200ms);
    REQUIRE(log.wait_for(1));
    CHECK(log.exchanges().front().origin == ProxiedExchange::Origin::proxy);
    CHECK(log.exchanges().front().duration >= 200ms);
  }
  SECTION("stop() answers held requests") {
    auto proxy = started_proxy(options, log.handler());
    proxy->hold();
    httplib::Result result{nullptr, httplib::Error::Unknown};
    std::thread waiting([&] {
      SigpipeBlocked blocked_here;
      httplib::Client client = client_for(*proxy);
      result = client.Get("/");
    });
    CHECK(eventually([&] { return proxy->held() == 1; }));
    Clock::time_point start = Clock::now();
    proxy->stop();
    waiting.join();
    CHECK(Clock::now() - start < 2s);
    REQUIRE(result);
    CHECK(result->status == 503);
    CHECK(result->body == "apictl dev is stopping\n");
  }
}

TEST_CASE("refuse, serve_locally and routes answer without the app", "[dev][proxy]") {
  SigpipeBlocked blocked;
  Recorder recorder;
  Upstream app([&](httplib::Server& server) { echo_routes(server, recorder); });
  ExchangeLog log;
  auto proxy = started_proxy(test_options(), log.handler());
  httplib::Client client = client_for(*proxy);

  SECTION("refuse answers 503 with the reason at once") {
    proxy->refuse("the app exited with status 1; fix the error and save");
    auto response = client.Get("/pets");
    REQUIRE(response);
    CHECK(response->status == 503);
    CHECK(response->body == "the app exited with status 1; fix the error and save\n");
    CHECK(response->get_header_value("Retry-After") == "1");
  }
  SECTION("serve_locally answers from the function, with the request's body") {
    proxy->serve_locally([](const http::Request& request) {
      return http::Response{201,
                            {{"Content-Type", "application/json"}, {"X-Mock", "yes"}, {"Connection", "close"}},
                            "{\"echo\":" + request.body + ",\"target\":\"" + request.target + "\"}"};
    });
    auto response = client.Post("/pets?dry=1", "{\"name\":\"Rex\"}", "application/json");
    REQUIRE(response);
    CHECK(response->status == 201);
    CHECK(response->body == "{\"echo\":{\"name\":\"Rex\"},\"target\":\"/pets?dry=1\"}");
    CHECK(response->get_header_value("X-Mock") == "yes");
    REQUIRE(log.wait_for(1));
    ProxiedExchange exchange = log.exchanges().front();
    CHECK(exchange.origin == ProxiedExchange::Origin::local);
    CHECK(exchange.exchange.response.status == 201);
    CHECK(recorder.requests().empty());

    // A GET with a body (httplib leaves it unread) reaches the handler, and the connection stays usable.
    int fd = connect_to(proxy->port());
    send_all(fd,
             "GET /search HTTP/1.1\r\nHost: a\r\nContent-Length: 4\r\n\r\n[42]"
             "GET /next HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n");
    std::string replies = receive(fd);
    ::close(fd);
    CHECK(count_of(replies, "HTTP/1.1 201 Created") == 2);
    CHECK(replies.find("{\"echo\":[42],\"target\":\"/search\"}") != std::string::npos);

    // A chunked body httplib leaves unread cannot be told from the next request: refused, connection closed.
    fd = connect_to(proxy->port());
    send_all(fd, "GET /search HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n4\r\n[42]\r\n0\r\n\r\n");
    std::string refused = receive(fd);
    ::close(fd);
    CHECK(refused.starts_with("HTTP/1.1 411 Length Required\r\n"));
    CHECK(refused.find("Connection: close\r\n") != std::string::npos);
  }
  SECTION("a handler that throws gives a 500") {
    proxy->serve_locally([](const http::Request&) -> http::Response { throw std::runtime_error("no example"); });
    auto response = client.Get("/pets");
    REQUIRE(response);
    CHECK(response->status == 500);
    CHECK(response->body == "apictl: no example\n");
  }
  SECTION("routes come before the target, the longest prefix first") {
    proxy->forward_to(app.port());
    proxy->add_route("/_apictl/", [](const http::Request& request) {
      return http::Response{200, {{"Content-Type", "text/plain"}}, "apictl " + request.target};
    });
    proxy->add_route("/_apictl/docs", [](const http::Request&) {
      return http::Response{200, {{"Content-Type", "text/html"}}, "<h1>docs</h1>"};
    });
    CHECK(client.Get("/_apictl/status")->body == "apictl /_apictl/status");
    CHECK(client.Get("/_apictl/docs")->body == "<h1>docs</h1>");
    CHECK(client.Get("/pets")->body == "GET /pets\n");
    proxy->refuse("down");
    CHECK(client.Get("/_apictl/docs")->body == "<h1>docs</h1>");
    CHECK(client.Get("/pets")->status == 503);
    proxy->hold();
    CHECK(client.Get("/_apictl/x")->body == "apictl /_apictl/x");
  }
}

TEST_CASE("wait_drained waits for the requests in flight to one instance", "[dev][proxy]") {
  SigpipeBlocked blocked;
  Gate release;
  Gate arrived;
  Upstream app([&](httplib::Server& server) {
    server.Get("/slow", [&](const httplib::Request&, httplib::Response& response) {
      arrived.open();
      release.wait();
      response.set_content("done", "text/plain");
    });
  });
  auto proxy = started_proxy(test_options());
  proxy->forward_to(app.port());
  CHECK(proxy->wait_drained(app.port(), 0ms));

  httplib::Result result{nullptr, httplib::Error::Unknown};
  std::thread slow([&] {
    SigpipeBlocked blocked_here;
    httplib::Client client = client_for(*proxy);
    result = client.Get("/slow");
  });
  REQUIRE(arrived.wait());
  CHECK(proxy->in_flight(app.port()) == 1);
  CHECK_FALSE(proxy->wait_drained(app.port(), 100ms));
  release.open();
  CHECK(proxy->wait_drained(app.port(), proxy_patience));
  slow.join();
  REQUIRE(result);
  CHECK(result->body == "done");
  CHECK(proxy->in_flight(app.port()) == 0);
}

TEST_CASE("switching between two instances fails no request of clients in a loop", "[dev][proxy]") {
  SigpipeBlocked blocked;
  std::atomic<int> answers[2] = {0, 0};
  auto answering = [&](int index) {
    return [&answers, index](httplib::Server& server) {
      server.Get("/who", [&answers, index](const httplib::Request&, httplib::Response& response) {
        ++answers[index];
        response.set_content(std::to_string(index), "text/plain");
      });
    };
  };
  Upstream instances[2] = {Upstream(answering(0)), Upstream(answering(1))};
  auto proxy = started_proxy(test_options());
  proxy->forward_to(instances[0].port());

  std::atomic<bool> done{false};
  std::atomic<int> failures{0};
  std::vector<std::thread> clients;
  for (int i = 0; i < 3; ++i) {
    clients.emplace_back([&] {
      SigpipeBlocked blocked_here;
      httplib::Client client = client_for(*proxy);
      client.set_keep_alive(true);
      while (!done) {
        auto response = client.Get("/who");
        if (!response || response->status != 200) ++failures;
      }
    });
  }
  CHECK(eventually([&] { return answers[0] > 20; }));
  int serving = 0;
  for (int round = 0; round < 6; ++round) {
    int next = 1 - serving;
    int before = answers[next];
    proxy->forward_to(instances[next].port());
    CHECK(proxy->wait_drained(instances[serving].port(), proxy_patience));
    CHECK(eventually([&] { return answers[next] > before + 20; }));
    serving = next;
  }
  // The instance switched away from stops at once: the proxy closed its pooled connections to it.
  Clock::time_point stopping = Clock::now();
  instances[1 - serving].stop();
  CHECK(Clock::now() - stopping < 1s);
  int before = answers[serving];
  CHECK(eventually([&] { return answers[serving] > before + 20; }));
  done = true;
  for (std::thread& client : clients) client.join();
  CHECK(failures == 0);
}

TEST_CASE("on_exchange gets each exchange as the client saw it, bodies cut at capture_limit", "[dev][proxy]") {
  SigpipeBlocked blocked;
  Recorder recorder;
  Upstream app([&](httplib::Server& server) { echo_routes(server, recorder); });
  ExchangeLog log;
  ProxyOptions options = test_options();
  options.capture_limit = 16;
  auto proxy = started_proxy(options, log.handler());
  proxy->forward_to(app.port());
  httplib::Client client = client_for(*proxy);

  auto small = client.Post("/s?x=1", "tiny", "text/plain");
  REQUIRE(small);
  std::string long_body(40, 'b');
  auto large = client.Put("/large", long_body, "text/plain");
  REQUIRE(large);
  CHECK(large->body == "PUT /large\n" + long_body);  // the client gets all of it

  REQUIRE(log.wait_for(2));
  std::vector<ProxiedExchange> exchanges = log.exchanges();
  const ProxiedExchange& first = exchanges[0];
  CHECK(first.exchange.request.method == "POST");
  CHECK(first.exchange.request.target == "/s?x=1");
  CHECK(first.exchange.request.body == "tiny");
  CHECK(first.request_body_complete);
  CHECK(http::find_header(first.exchange.request.headers, "Content-Type") == "text/plain");
  CHECK_FALSE(http::find_header(first.exchange.request.headers, "X-Forwarded-For"));  // added after the client
  CHECK_FALSE(http::find_header(first.exchange.request.headers, "REMOTE_ADDR"));      // httplib's, not the client's
  CHECK(first.exchange.response.status == 200);
  CHECK(first.exchange.response.body == "POST /s?x=1\ntiny");
  CHECK(first.exchange.response.body_complete);
  CHECK(http::find_header(first.exchange.response.headers, "X-Reply") == "yes");
  CHECK(http::find_header(first.exchange.response.headers, "Content-Length") == "16");
  CHECK(first.origin == ProxiedExchange::Origin::app);
  CHECK(first.upstream_port == app.port());
  CHECK(first.duration > 0us);
  CHECK(first.duration < proxy_patience);

  const ProxiedExchange& second = exchanges[1];
  CHECK(second.exchange.request.body == std::string(16, 'b'));
  CHECK_FALSE(second.request_body_complete);
  CHECK(second.exchange.response.body == "PUT /large\nbbbbb");
  CHECK_FALSE(second.exchange.response.body_complete);
}

TEST_CASE("stop() ends idle connections and requests waiting on the app", "[dev][proxy]") {
  SigpipeBlocked blocked;
  Gate release;
  Gate arrived;
  Upstream app([&](httplib::Server& server) {
    server.Get("/slow", [&](const httplib::Request&, httplib::Response& response) {
      arrived.open();
      release.wait();
      response.set_content("late", "text/plain");
    });
  });
  auto proxy = started_proxy(test_options());
  proxy->forward_to(app.port());
  int idle = connect_to(proxy->port());
  httplib::Result result{nullptr, httplib::Error::Unknown};
  std::thread slow([&] {
    SigpipeBlocked blocked_here;
    httplib::Client client = client_for(*proxy);
    result = client.Get("/slow");
  });
  REQUIRE(arrived.wait());
  Clock::time_point start = Clock::now();
  proxy->stop();
  CHECK(Clock::now() - start < 2s);
  slow.join();
  release.open();
  REQUIRE(result);
  CHECK(result->status == 503);
  CHECK(receive(idle, {}, 1s).empty());  // closed without a word
  ::close(idle);
}

TEST_CASE("a port in use is reported with the process holding it", "[dev][proxy]") {
  int holder = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  REQUIRE(holder >= 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  REQUIRE(::bind(holder, reinterpret_cast<sockaddr*>(&address), sizeof(address)) == 0);
  REQUIRE(::listen(holder, 1) == 0);
  socklen_t length = sizeof(address);
  REQUIRE(::getsockname(holder, reinterpret_cast<sockaddr*>(&address), &length) == 0);
  int port = ntohs(address.sin_port);

  ProxyOptions options;
  options.port = port;
  Proxy proxy(options, {});
  auto started = proxy.start();
  ::close(holder);
  REQUIRE_FALSE(started.has_value());
  CHECK(started.error().code == "port-in-use");
  CHECK(started.error().message.starts_with("port " + std::to_string(port) + " on 127.0.0.1 is already in use by pid " +
                                            std::to_string(::getpid()) + " ("));
  CHECK(started.error().hint == "stop that process, or pick another port with --port N");
}

TEST_CASE("proxy header rules", "[dev][proxy]") {
  http::Headers headers = {
      {"Host", "a"},           {"connection", "keep-alive, X-Drop"}, {"X-Drop", "1"},    {"Keep-Alive", "5"},
      {"TE", "trailers"},      {"Transfer-Encoding", "chunked"},     {"Upgrade", "h2c"}, {"Proxy-Connection", "x"},
      {"Content-Length", "3"}, {"Expect", "100-continue"},           {"X-Keep", "2"},    {"Trailer", "X"}};
  http::Headers kept = end_to_end_headers(headers);
  REQUIRE(kept.size() == 2);
  CHECK(kept[0].name == "Host");
  CHECK(kept[1].name == "X-Keep");
  CHECK(has_connection_token(headers, "Keep-Alive"));
  CHECK_FALSE(has_connection_token(headers, "close"));

  http::Headers forwarded = {{"Host", "shop.test"}, {"X-Forwarded-For", "10.0.0.1"}, {"X-Forwarded-Proto", "https"}};
  add_forwarded_headers(forwarded, "127.0.0.1");
  CHECK(http::find_header(forwarded, "X-Forwarded-For") == "10.0.0.1, 127.0.0.1");
  CHECK(http::find_header(forwarded, "X-Forwarded-Proto") == "https");  // set by a proxy in front: kept
  CHECK(http::find_header(forwarded, "X-Forwarded-Host") == "shop.test");

  CHECK(response_head(404, "Not Found", {{"A", "1"}, {"Bad", "x\r\nInjected: 1"}}) ==
        "HTTP/1.1 404 Not Found\r\nA: 1\r\n\r\n");
  CHECK(reason_phrase(503) == "Service Unavailable");
  CHECK(reason_phrase(299).empty());
}
