// connect: open a connection to the other host (creating the socket if the step's name is not
// taken yet). The real call: a blocking connect waits for the handshake and returns -1
// ECONNREFUSED when the peer's kernel answers the SYN with RST (tcp_reset() in SYN_SENT), -1
// EINPROGRESS when SO_SNDTIMEO runs out first, ETIMEDOUT when TCP_USER_TIMEOUT or the SYN
// retries give up (inet_wait_for_connect()). A second blocking connect while the first is in
// SYN_SENT waits again, for SO_SNDTIMEO at most: 0 if the handshake completes meanwhile,
// EALREADY when its time runs out. A non-blocking connect returns EINPROGRESS at once and
// leaves the result to poll and SO_ERROR. Seeds 000 case 1, 001, 002 §1-2.
#include <sys/socket.h>

#include <cerrno>

#include "cases/catalogue.hpp"
#include "cases/support.hpp"

namespace rstlab::cases {
namespace {

using k = core::outcome::kind;

constexpr fixture::param_spec params[] = {
    {"port", fixture::param_type::integer, "peer port (default: the fixture's)", {}, false, 0,
     65535},
    {"nonblocking", fixture::param_type::boolean, "make the socket non-blocking first"},
};

core::observation run(context& ctx, const fixture::step& s) {
  int fd = open_if_missing(ctx, s);
  if (fd < 0) return status_result(-1, errno);
  if (s.flag("nonblocking", false) && set_nonblocking(fd) < 0) return status_result(-1, errno);
  auto sin = address(ctx.peer, step_port(ctx, s));
  long r = ::connect(fd, sin.get(), sin.length);
  return status_result(r, errno);
}

}  // namespace

constexpr action connect_action{
    {.name = "connect", .summary = "connect to the other host", .params = params,
     .expect_required = true, .produces = {k::ok, k::error, k::timeout},
     .effect = fixture::socket_effect::creates_if_missing},
    &run};

}  // namespace rstlab::cases
