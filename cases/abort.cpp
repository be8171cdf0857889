// abort: SO_LINGER {on, 0} then close(): the abortive close. The kernel discards anything
// unsent, sends RST|ACK at once and leaves no TIME_WAIT (tcp_close() → tcp_disconnect()).
// Linux counts it as TCPAbortOnData, not TCPAbortOnLinger. The peer's next read gets
// ECONNRESET. Seed 003 §3.5.2.
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>

#include "cases/catalogue.hpp"
#include "cases/support.hpp"

namespace rstlab::cases {
namespace {

using k = core::outcome::kind;

core::observation run(context& ctx, const fixture::step& s) {
  int fd = find_socket(ctx, s);
  if (fd < 0) return no_such_socket();
  linger lg{1, 0};
  // On failure the socket stays: closing it now would send FIN, not the RST asked for.
  if (::setsockopt(fd, SOL_SOCKET, SO_LINGER, &lg, sizeof lg) < 0) return status_result(-1, errno);
  long r = ::close(ctx.sockets.take(s.socket).release());
  return status_result(r, errno);
}

}  // namespace

constexpr action abort_action{{.name = "abort", .summary = "SO_LINGER {1, 0} then close(2): reset the connection",
                               .produces = {k::ok, k::error}},
                              &run};

}  // namespace rstlab::cases
