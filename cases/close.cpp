// close: release the socket. With nothing unread the kernel sends FIN (the orderly close).
// With unread bytes in the receive queue it sends RST|ACK instead and counts TCPAbortOnClose
// (RFC 2525 §2.17, tcp_close()): the peer's next read gets ECONNRESET. Seed 002 §3. With
// SO_LINGER {1, N} a blocking close waits until the FIN is acknowledged or N seconds pass.
// Closing a listener resets the connections still waiting in its accept queue. In FIN_WAIT2
// with TCP_LINGER2 < 0 the kernel resets instead of lingering (TCPAbortOnLinger).
#include <unistd.h>

#include <cerrno>

#include "cases/catalogue.hpp"
#include "cases/support.hpp"

namespace rstlab::cases {
namespace {

using k = core::outcome::kind;

core::observation run(context& ctx, const fixture::step& s) {
  auto fd = ctx.sockets.take(s.socket);
  if (!fd) return no_such_socket();
  long r = ::close(fd.release());
  return status_result(r, errno);
}

}  // namespace

constexpr action close_action{{.name = "close", .summary = "close(2) the socket",
                               .produces = {k::ok, k::error, k::timeout}},
                              &run};

}  // namespace rstlab::cases
