// read: one recv() of up to `bytes` (or, with exact = true, MSG_WAITALL: until that many have
// arrived). What it reports tells FIN from RST: 0 when the peer's FIN was reached, -1
// ECONNRESET when an RST arrived in ESTABLISHED (tcp_reset() sets sk_err, which the first
// read consumes; later reads return 0). Data that arrived before the RST is read first.
// In CLOSE_WAIT the same RST leaves EPIPE pending, and reads keep returning 0 because
// tcp_recvmsg() checks for end of stream before the pending error (seed 000 case 2).
#include <sys/socket.h>

#include <cerrno>
#include <vector>

#include "cases/catalogue.hpp"
#include "cases/support.hpp"

namespace rstlab::cases {
namespace {

constexpr fixture::param_spec params[] = {
    {"bytes", fixture::param_type::integer, "most bytes to read (default 65536)"},
    {"exact", fixture::param_type::boolean, "wait until all `bytes` arrived (MSG_WAITALL)"},
    {"nonblocking", fixture::param_type::boolean, "MSG_DONTWAIT: never wait"},
};

long recv_some(int fd, std::size_t want) {
  static thread_local std::vector<char> buf;
  buf.resize(want);
  return ::recv(fd, buf.data(), want, MSG_DONTWAIT);
}

// MSG_WAITALL stops early at end of stream or an error and then reports what it has.
attempt partial_or(long ret, int err, const step_state& st) {
  return st.moved > 0 ? byte_result(st.moved, 0) : byte_result(ret, err);
}

attempt run(endpoint_state& ep, const fixture::step& s, step_state& st) {
  auto* slot = target(ep, s);
  if (!slot) return no_such_socket();
  auto want = static_cast<long>(s.integer("bytes", 65536));
  bool exact = s.flag("exact", false);
  long r = recv_some(slot->fd, static_cast<std::size_t>(want - st.moved));
  int err = errno;
  if (r > 0 && !exact) return byte_result(r, 0);
  if (r > 0 && (st.moved += r) == want) return byte_result(want, 0);
  if (r == 0 || (r < 0 && err != EAGAIN)) return partial_or(r, err, st);
  if (!slot->blocking || s.flag("nonblocking", false)) return partial_or(-1, EAGAIN, st);
  if (timed_out(st, slot->fd, SO_RCVTIMEO)) return partial_or(-1, EAGAIN, st);
  return attempt::blocked(st.gives_up_at);
}

}  // namespace

constexpr action read_action{
    {.name = "read", .summary = "read up to `bytes` in one call", .params = params,
     .expect_required = true},
    &run};

}  // namespace rstlab::cases
