// read: one recv() of up to `bytes`, the real call. What it reports tells FIN from RST: 0 when
// the peer's FIN was reached, -1 ECONNRESET when an RST arrived in ESTABLISHED (tcp_reset()
// sets sk_err, which the first read consumes; later reads return 0). Data that arrived before
// the RST is read first. In CLOSE_WAIT the same RST leaves EPIPE pending, and reads keep
// returning 0 because tcp_recvmsg() checks for end of stream before the pending error (seed
// 000 case 2). With `exact` (MSG_WAITALL) a blocking read waits for all `bytes`, but once it has
// copied some it returns that count on FIN or RST and leaves the error for the next call
// (tcp_recvmsg_locked() stops on sk_err only while nothing was copied). `peek` (MSG_PEEK)
// returns queued data without consuming it.
#include <sys/socket.h>

#include <cerrno>

#include "cases/catalogue.hpp"
#include "cases/support.hpp"

namespace rstlab::cases {
namespace {

using k = core::outcome::kind;

constexpr fixture::param_spec params[] = {
    {"bytes", fixture::param_type::integer, "most bytes to read (default 65536)", {}, false, 1,
     max_transfer},
    {"exact", fixture::param_type::boolean, "MSG_WAITALL: wait until all `bytes` arrived"},
    {"nonblocking", fixture::param_type::boolean, "MSG_DONTWAIT: never wait"},
    {"peek", fixture::param_type::boolean, "MSG_PEEK: leave the data queued"},
};

int flags_of(const fixture::step& s) {
  return (s.flag("exact", false) ? MSG_WAITALL : 0) |
         (s.flag("nonblocking", false) ? MSG_DONTWAIT : 0) | (s.flag("peek", false) ? MSG_PEEK : 0);
}

core::observation run(context& ctx, const fixture::step& s) {
  int fd = find_socket(ctx, s);
  if (fd < 0) return no_such_socket();
  auto buf = scratch(static_cast<std::size_t>(s.integer("bytes", 65536)));
  long r = ::recv(fd, buf.data(), buf.size(), flags_of(s));
  return read_result(r, errno);
}

}  // namespace

constexpr action read_action{
    {.name = "read", .summary = "read up to `bytes` in one call", .params = params,
     .expect_required = true, .produces = {k::count, k::eof, k::error, k::timeout}},
    &run};

}  // namespace rstlab::cases
