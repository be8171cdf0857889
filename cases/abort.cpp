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

attempt run(endpoint_state& ep, const fixture::step& s, step_state&) {
  auto* slot = target(ep, s);
  if (!slot) return no_such_socket();
  linger lg{1, 0};
  long r = ::setsockopt(slot->fd, SOL_SOCKET, SO_LINGER, &lg, sizeof lg);
  if (r < 0) return status_result(r, errno);  // keep the socket: closing now would send FIN
  long c = ::close(slot->fd);
  int err = errno;
  ep.sockets.erase(s.socket);
  return status_result(c, err);
}

}  // namespace

constexpr action abort_action{
    {.name = "abort", .summary = "SO_LINGER {1, 0} then close(2): reset the connection"}, &run};

}  // namespace rstlab::cases
