#include "harness/endpoint/socket_table.hpp"

#include <sys/socket.h>

namespace rstlab::endpoint {

int socket_table::find(const std::string& name) const {
  std::lock_guard lock{mutex_};
  auto it = sockets_.find(name);
  return it == sockets_.end() ? -1 : it->second.get();
}

bool socket_table::add(const std::string& name, sandbox::unique_fd fd) {
  std::lock_guard lock{mutex_};
  return sockets_.try_emplace(name, std::move(fd)).second;
}

sandbox::unique_fd socket_table::take(const std::string& name) {
  std::lock_guard lock{mutex_};
  auto node = sockets_.extract(name);
  return node.empty() ? sandbox::unique_fd{} : std::move(node.mapped());
}

void socket_table::abort_all() {
  std::map<std::string, sandbox::unique_fd> all;
  {
    std::lock_guard lock{mutex_};
    all.swap(sockets_);
  }
  linger lg{1, 0};
  for (auto& [name, fd] : all) ::setsockopt(fd.get(), SOL_SOCKET, SO_LINGER, &lg, sizeof lg);
}

}  // namespace rstlab::endpoint
