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

using k = core::outcome::kind;

bool is_listener(int fd) {
  int on = 0;
  socklen_t len = sizeof on;
  return ::getsockopt(fd, SOL_SOCKET, SO_ACCEPTCONN, &on, &len) == 0 && on;
}

core::observation run(context& ctx, const fixture::step& s) {
  int fd = find_socket(ctx, s);
  if (fd < 0) return no_such_socket();
  int one = 1;
  // On failure the socket stays: closing it now would send FIN or RST.
  if (!is_listener(fd) && ::setsockopt(fd, SOL_TCP, TCP_REPAIR, &one, sizeof one) < 0)
    return status_result(-1, errno);
  long r = ::close(ctx.sockets.take(s.socket).release());
  return status_result(r, errno);
}

}  // namespace

constexpr action forget_action{{.name = "forget", .summary = "drop the connection silently (TCP_REPAIR, then close)",
                                .produces = {k::ok, k::error}},
                               &run};

}  // namespace rstlab::cases
