// forget: the host loses the connection without a word, as when it crashes and reboots. In
// TCP_REPAIR mode close() tears the socket down and sends nothing (tcp_disconnect() skips
// the RST for a socket under repair). The peer still believes in the connection: its next
// segment finds no socket here and draws a bare RST. Seeds 000 case 3, 003 §3.5.3.
// A listener cannot enter repair mode; forgetting one is a plain close.
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>

#include "cases/catalogue.hpp"
#include "cases/support.hpp"

namespace rstlab::cases {
namespace {

bool is_listener(int fd) {
  int on = 0;
  socklen_t len = sizeof on;
  return ::getsockopt(fd, SOL_SOCKET, SO_ACCEPTCONN, &on, &len) == 0 && on;
}

attempt run(endpoint_state& ep, const fixture::step& s, step_state&) {
  auto* slot = target(ep, s);
  if (!slot) return no_such_socket();
  int one = 1;
  long r = is_listener(slot->fd) ? 0 : ::setsockopt(slot->fd, SOL_TCP, TCP_REPAIR, &one, sizeof one);
  int err = errno;
  if (r < 0) return status_result(r, err);  // keep the socket: closing now would send FIN/RST
  long c = ::close(slot->fd);
  err = errno;
  ep.sockets.erase(s.socket);
  return status_result(c, err);
}

}  // namespace

constexpr action forget_action{
    {.name = "forget", .summary = "drop the connection silently (TCP_REPAIR, then close)"}, &run};

}  // namespace rstlab::cases
