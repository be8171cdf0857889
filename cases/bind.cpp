// bind: give a socket its own address and a chosen port, e.g. to reuse a 4-tuple whose last
// connection sits in TIME_WAIT (seed 003 §3.5.1). EADDRINUSE when the port is taken, unless
// SO_REUSEADDR allows it. Creates the socket if the step names a new one.
#include <sys/socket.h>

#include <cerrno>

#include "cases/catalogue.hpp"
#include "cases/support.hpp"

namespace rstlab::cases {
namespace {

constexpr fixture::param_spec params[] = {
    {"port", fixture::param_type::integer, "local port (0: the kernel picks)", {}, true},
};

attempt run(endpoint_state& ep, const fixture::step& s, step_state&) {
  auto* slot = open_if_missing(ep, s);
  if (!slot) return status_result(-1, errno);
  auto sin = address(ep.self, static_cast<std::uint16_t>(s.integer("port", 0)));
  long r = ::bind(slot->fd, reinterpret_cast<const sockaddr*>(&sin), sizeof sin);
  return status_result(r, errno);
}

}  // namespace

constexpr action bind_action{
    {.name = "bind", .summary = "bind a socket to this host's address and a port",
     .params = params},
    &run};

}  // namespace rstlab::cases
