// The server on an ephemeral loopback port, in a thread of the test; stopped and joined when it goes.
#pragma once

#include <httplib.h>

#include <atomic>
#include <chrono>
#include <stdexcept>
#include <thread>

#include "server.hpp"

namespace {{ namespace }}::tests {

class RunningServer {
 public:
  RunningServer() {
    mount(http_, service_);
    port_ = http_.bind_to_any_port("127.0.0.1");
    if (port_ < 0) throw std::runtime_error("cannot listen on any loopback port");
    thread_ = std::thread([this] {
      http_.listen_after_bind();
      finished_ = true;
    });
    // stop() ends only a server that runs: wait until it does (or failed), so the destructor cannot miss it.
    while (!http_.is_running() && !finished_) std::this_thread::sleep_for(std::chrono::milliseconds(1));
    if (finished_) {
      thread_.join();
      throw std::runtime_error("the server stopped as soon as it started");
    }
  }

  ~RunningServer() {
    http_.stop();
    thread_.join();
  }

  RunningServer(const RunningServer&) = delete;
  RunningServer& operator=(const RunningServer&) = delete;

  int port() const { return port_; }

  // A client of this server that gives up after 5 seconds instead of hanging a test.
  httplib::Client client() const {
    httplib::Client client("127.0.0.1", port_);
    client.set_connection_timeout(std::chrono::seconds(5));
    client.set_read_timeout(std::chrono::seconds(5));
    return client;
  }

 private:
  Service service_;  // declared before http_, so it outlives it
  httplib::Server http_;
  int port_ = -1;
  std::atomic<bool> finished_ = false;
  std::thread thread_;
};

}  // namespace {{ namespace }}::tests
