// socket: create a TCP socket on the endpoint's host without connecting it, so options and a
// bind can be set before connect() or listen(). Nothing crosses the wire.
#include <cerrno>

#include "cases/catalogue.hpp"
#include "cases/support.hpp"
#include "harness/sandbox/netns.hpp"

namespace rstlab::cases {
namespace {

constexpr fixture::param_spec params[] = {
    {"nonblocking", fixture::param_type::boolean, "calls on this socket never wait"},
};

attempt run(endpoint_state& ep, const fixture::step& s, step_state&) {
  if (ep.find(s.socket)) return status_result(-1, EEXIST);
  int fd = sandbox::open_tcp_socket(ep.netns_fd);
  int err = errno;
  if (fd >= 0) ep.sockets[s.socket] = {fd, !s.flag("nonblocking", false)};
  return status_result(fd < 0 ? -1 : 0, err);
}

}  // namespace

constexpr action socket_action{
    {.name = "socket", .summary = "create a TCP socket (EEXIST when the name is taken)",
     .params = params},
    &run};

}  // namespace rstlab::cases
