// bind: give a socket its own address and a chosen port, e.g. to reuse a 4-tuple whose last
// connection sits in TIME_WAIT (seed 003 §3.5.1). EADDRINUSE when the port is taken, unless
// SO_REUSEADDR allows it. Creates the socket if the step names a new one.
#include <sys/socket.h>

#include <cerrno>

#include "cases/catalogue.hpp"
#include "cases/support.hpp"

namespace rstlab::cases {
namespace {

using k = core::outcome::kind;

constexpr fixture::param_spec params[] = {
    {"port", fixture::param_type::integer, "local port (0: the kernel picks)", {}, true, 0, 65535},
};

core::observation run(context& ctx, const fixture::step& s) {
  int fd = open_if_missing(ctx, s);
  if (fd < 0) return status_result(-1, errno);
  auto sin = address(ctx.self, static_cast<std::uint16_t>(s.integer("port", 0)));
  long r = ::bind(fd, sin.get(), sin.length);
  return status_result(r, errno);
}

}  // namespace

constexpr action bind_action{
    {.name = "bind", .summary = "bind a socket to this host's address and a port",
     .params = params, .produces = {k::ok, k::error},
     .effect = fixture::socket_effect::creates_if_missing},
    &run};

}  // namespace rstlab::cases
