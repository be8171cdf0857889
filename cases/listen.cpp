// listen: bind the service port on this host and listen. A SYN to a port where nothing listens
// is answered by the host's kernel with RST|ACK (RFC 793 §3.4; tcp_v4_send_reset()). A full
// accept queue drops further SYNs, or with tcp_abort_on_overflow = 1 answers the handshake's
// last ACK with RST (tcp_check_req()). `nonblocking` makes accept return EAGAIN when nothing
// is queued instead of waiting. A socket made by an earlier `socket` step (options set first,
// SO_RCVBUF say, which must precede listen to shape the window) is used as it is.
#include <sys/socket.h>

#include <cerrno>

#include "cases/catalogue.hpp"
#include "cases/support.hpp"

namespace rstlab::cases {
namespace {

using k = core::outcome::kind;

constexpr fixture::param_spec params[] = {
    {"port", fixture::param_type::integer, "port to listen on (default: the fixture's)", {},
     false, 0, 65535},
    {"backlog", fixture::param_type::integer, "listen(2) backlog (default 16)", {}, false,
     fixture::int_min, fixture::int_max},
    {"reuseaddr", fixture::param_type::boolean, "set SO_REUSEADDR before bind"},
    {"nonblocking", fixture::param_type::boolean, "O_NONBLOCK: accept never waits"},
};

long bind_and_listen(const context& ctx, const fixture::step& s, int fd) {
  int one = 1;
  if (s.flag("reuseaddr", false) &&
      ::setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one) < 0)
    return -1;
  auto sin = address(ctx.self, step_port(ctx, s));
  if (::bind(fd, sin.get(), sin.length) < 0) return -1;
  return ::listen(fd, static_cast<int>(s.integer("backlog", 16)));
}

core::observation run(context& ctx, const fixture::step& s) {
  int fd = find_socket(ctx, s);
  bool nonblocking = s.flag("nonblocking", false);
  if (fd < 0) fd = open_socket(ctx, s.socket, nonblocking);
  else if (nonblocking && set_nonblocking(fd) < 0) return status_result(-1, errno);
  if (fd < 0) return status_result(-1, errno);
  long r = bind_and_listen(ctx, s, fd);
  return status_result(r, errno);
}

}  // namespace

constexpr action listen_action{
    {.name = "listen", .summary = "bind the service port and listen", .params = params,
     .default_socket = "listener", .produces = {k::ok, k::error},
     .effect = fixture::socket_effect::creates_if_missing},
    &run};

}  // namespace rstlab::cases
