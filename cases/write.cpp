// write: write(2) `bytes` bytes, the real call. To a peer host that no longer has the
// connection, the data draws a bare RST (tcp_v4_send_reset() for a segment matching no socket).
// The first write after an RST in ESTABLISHED gets -1 ECONNRESET (the pending error) without
// SIGPIPE; once the error is consumed, or when the RST came in CLOSE_WAIT, writes get -1 EPIPE
// and raise SIGPIPE (sk_stream_error()). A blocking write that has queued some bytes when an
// error stops it returns that count and leaves the error pending (tcp_sendmsg_locked() goes
// from do_error to out once copied > 0). Seeds 000 case 2, 002 §4.
#include <unistd.h>

#include <cerrno>

#include "cases/catalogue.hpp"
#include "cases/support.hpp"

namespace rstlab::cases {
namespace {

using k = core::outcome::kind;

constexpr fixture::param_spec params[] = {
    {"bytes", fixture::param_type::integer, "how many bytes to write", {}, true, 0, max_transfer},
};

core::observation run(context& ctx, const fixture::step& s) {
  int fd = find_socket(ctx, s);
  if (fd < 0) return no_such_socket();
  auto data = zeros(static_cast<std::size_t>(s.integer("bytes", 1)));
  long r = ::write(fd, data.data(), data.size());
  return write_result(r, errno);
}

}  // namespace

constexpr action write_action{
    {.name = "write", .summary = "write(2) `bytes` bytes", .params = params,
     .expect_required = true, .produces = {k::count, k::error, k::timeout}},
    &run};

}  // namespace rstlab::cases
