// fill: send without waiting (MSG_DONTWAIT) until the kernel says EAGAIN, as an event loop
// writing to a slow peer does, and report how many bytes were queued. Once the peer's window
// is shut and nothing is in flight (await event = "zero-window") the buffer stays full: no
// ACK can free room until the peer reads, so a blocking write after it copies nothing. An
// error before EAGAIN is the outcome (EPIPE raises SIGPIPE, ECONNRESET does not). 64 MiB at
// most, for a peer that reads as fast as it is sent to.
#include <sys/socket.h>

#include <cerrno>

#include "cases/catalogue.hpp"
#include "cases/support.hpp"

namespace rstlab::cases {
namespace {

using k = core::outcome::kind;

constexpr long most = 4 * max_transfer;

core::observation run(context& ctx, const fixture::step& s) {
  int fd = find_socket(ctx, s);
  if (fd < 0) return no_such_socket();
  auto chunk = zeros(1 << 16);
  long queued = 0;
  while (queued < most) {
    long r = ::send(fd, chunk.data(), chunk.size(), MSG_DONTWAIT);
    if (r < 0 && errno == EAGAIN) break;
    if (r < 0) return queued > 0 ? write_result(queued, 0) : write_result(r, errno);
    queued += r;
  }
  return write_result(queued, 0);
}

}  // namespace

constexpr action fill_action{
    {.name = "fill", .summary = "send without waiting until EAGAIN; reports the bytes queued",
     .expect_required = true, .produces = {k::count, k::error}},
    &run};

}  // namespace rstlab::cases
