// One endpoint of a case: its sockets and the worker threads, inside its host's namespace,
// that make its calls. A foreground step needs one worker; each background step still running
// holds another, so the pool grows as a fixture asks and is reused across its steps.
#pragma once

#include <chrono>
#include <memory>
#include <vector>

#include "harness/endpoint/socket_table.hpp"
#include "harness/endpoint/worker.hpp"

namespace rstlab::endpoint {

class endpoint {
 public:
  explicit endpoint(int netns_fd) : netns_(netns_fd) {}
  endpoint(const endpoint&) = delete;
  endpoint& operator=(const endpoint&) = delete;
  // Stops every worker (interrupting a call that still runs), then aborts every socket.
  ~endpoint();

  socket_table& sockets() { return sockets_; }
  // A worker for one step, started when every one is taken; it stays the step's, even after its
  // call returned, until release(): an interrupt meant for the step can never reach a later
  // step's call on the same thread. Throws std::system_error.
  worker& acquire();
  void release(worker& w);
  // Interrupts every busy worker until its call returns, for `bound` at most; false when a
  // call would not return (the worker is then abandoned, not joined).
  bool stop(std::chrono::milliseconds bound);

 private:
  int netns_;
  struct slot {
    std::unique_ptr<worker> w;
    bool taken = false;
  };
  socket_table sockets_;  // declared first, so the workers are gone before it aborts them
  std::vector<slot> workers_;
};

}  // namespace rstlab::endpoint
