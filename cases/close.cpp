// close: release the socket. With nothing unread the kernel sends FIN (the orderly close).
// With unread bytes in the receive queue it sends RST|ACK instead and counts TCPAbortOnClose
// (RFC 2525 §2.17, tcp_close()): the peer's next read gets ECONNRESET. Seed 002 §3.
// Closing a listener resets the connections still waiting in its accept queue.
#include <unistd.h>

#include <cerrno>

#include "cases/catalogue.hpp"
#include "cases/support.hpp"

namespace rstlab::cases {
namespace {

attempt run(endpoint_state& ep, const fixture::step& s, step_state&) {
  auto* slot = target(ep, s);
  if (!slot) return no_such_socket();
  long r = ::close(slot->fd);
  int err = errno;
  ep.sockets.erase(s.socket);
  return status_result(r, err);
}

}  // namespace

constexpr action close_action{{.name = "close", .summary = "close(2) the socket"}, &run};

}  // namespace rstlab::cases
