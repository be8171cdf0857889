// The sockets of one endpoint, by the names the fixture gives them. Several of the endpoint's
// worker threads use it at once (a background read and a foreground close, say), so every call
// is thread-safe. It owns the descriptors: whatever is left when it goes is aborted.
#pragma once

#include <map>
#include <mutex>
#include <string>

#include "harness/sandbox/unique_fd.hpp"

namespace rstlab::endpoint {

class socket_table {
 public:
  socket_table() = default;
  socket_table(const socket_table&) = delete;
  socket_table& operator=(const socket_table&) = delete;
  ~socket_table() { abort_all(); }

  int find(const std::string& name) const;  // the descriptor, or -1
  bool contains(const std::string& name) const { return find(name) >= 0; }
  // Takes ownership of `fd` under `name`; false (and `fd` closed) when the name is taken.
  bool add(const std::string& name, sandbox::unique_fd fd);
  // Removes the socket and hands its descriptor over, so a step can close it itself and see
  // what close(2) returned; an empty unique_fd when there is none.
  sandbox::unique_fd take(const std::string& name);
  // Closes every socket with SO_LINGER {1, 0}: the kernel frees each at once instead of keeping
  // an orphan retransmitting a FIN nobody forwards any more (which pins its namespace).
  void abort_all();

 private:
  mutable std::mutex mutex_;
  std::map<std::string, sandbox::unique_fd> sockets_;
};

}  // namespace rstlab::endpoint
