// listen: bind the service port on this host and listen. A SYN to a port where nothing listens
// is answered by the host's kernel with RST|ACK (RFC 793 §3.4; tcp_v4_send_reset()).
#include <sys/socket.h>

#include <cerrno>

#include "cases/catalogue.hpp"
#include "cases/support.hpp"
#include "harness/sandbox/netns.hpp"

namespace rstlab::cases {
namespace {

constexpr fixture::param_spec params[] = {
    {"port", fixture::param_type::integer, "port to listen on (default: the fixture's)"},
    {"backlog", fixture::param_type::integer, "listen(2) backlog (default 16)"},
    {"reuseaddr", fixture::param_type::boolean, "set SO_REUSEADDR before bind"},
};

long bind_and_listen(const endpoint_state& ep, const fixture::step& s, int fd) {
  int one = 1;
  if (s.flag("reuseaddr", false) &&
      ::setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one) < 0)
    return -1;
  auto sin = address(ep.self, step_port(ep, s));
  if (::bind(fd, reinterpret_cast<const sockaddr*>(&sin), sizeof sin) < 0) return -1;
  return ::listen(fd, static_cast<int>(s.integer("backlog", 16)));
}

attempt run(endpoint_state& ep, const fixture::step& s, step_state&) {
  if (ep.find(s.socket)) return status_result(-1, EEXIST);
  int fd = sandbox::open_tcp_socket(ep.netns_fd);
  if (fd < 0) return status_result(-1, errno);
  ep.sockets[s.socket] = {fd, true};
  long r = bind_and_listen(ep, s, fd);
  return status_result(r, errno);
}

}  // namespace

constexpr action listen_action{
    {.name = "listen", .summary = "bind the service port and listen", .params = params,
     .default_socket = "listener"},
    &run};

}  // namespace rstlab::cases
