// connect: open a connection to the other host (creating the socket if the step's name is not
// taken yet). A blocking connect waits for the handshake: -1 ECONNREFUSED when the peer's
// kernel answers the SYN with RST (tcp_reset() in SYN_SENT), -1 EINPROGRESS when SO_SNDTIMEO
// runs out first (inet_wait_for_connect()). A non-blocking one returns EINPROGRESS at once and
// leaves the result to poll and SO_ERROR. Seeds 000 case 1, 001, 002 §1-2.
#include <poll.h>
#include <sys/socket.h>

#include <cerrno>

#include "cases/catalogue.hpp"
#include "cases/support.hpp"

namespace rstlab::cases {
namespace {

constexpr fixture::param_spec params[] = {
    {"port", fixture::param_type::integer, "peer port (default: the fixture's)"},
    {"nonblocking", fixture::param_type::boolean, "make the socket non-blocking first"},
};

attempt connect_once(endpoint_state& ep, const fixture::step& s, socket_slot& slot) {
  auto sin = address(ep.peer, step_port(ep, s));
  long r = ::connect(slot.fd, reinterpret_cast<const sockaddr*>(&sin), sizeof sin);
  return status_result(r, errno);
}

// The handshake is under way: finished once the socket is writable or has an error. Then a
// second connect() ends it the way the kernel's own blocking wait does: 0 and the socket marked
// connected (a later connect gets EISCONN), or the pending error, consumed, and the socket
// marked unconnected.
attempt wait_for_handshake(endpoint_state& ep, const fixture::step& s, socket_slot& slot,
                           step_state& st) {
  if (timed_out(st, slot.fd, SO_SNDTIMEO)) return status_result(-1, EINPROGRESS);
  if (!(revents_now(slot.fd, POLLOUT) & (POLLOUT | POLLERR | POLLHUP)))
    return attempt::blocked(st.gives_up_at);
  return connect_once(ep, s, slot);
}

attempt run(endpoint_state& ep, const fixture::step& s, step_state& st) {
  auto* slot = open_if_missing(ep, s);
  if (!slot) return status_result(-1, errno);
  if (st.phase == 1) return wait_for_handshake(ep, s, *slot, st);
  if (s.flag("nonblocking", false)) slot->blocking = false;
  auto first = connect_once(ep, s, *slot);
  if (first.result->err == EINPROGRESS && slot->blocking) {
    st.phase = 1;
    return wait_for_handshake(ep, s, *slot, st);
  }
  return first;
}

}  // namespace

constexpr action connect_action{
    {.name = "connect", .summary = "connect to the other host", .params = params,
     .expect_required = true},
    &run};

}  // namespace rstlab::cases
