// drain: read and discard every byte queued on the socket now, and report how many. It reads
// exactly what SIOCINQ says is there, so it never consumes the end of stream or a pending
// error (an RST behind the data stays for the next read to report).
#include <linux/sockios.h>
#include <sys/ioctl.h>
#include <sys/socket.h>

#include <cerrno>

#include "cases/catalogue.hpp"
#include "cases/support.hpp"

namespace rstlab::cases {
namespace {

using k = core::outcome::kind;

core::observation run(context& ctx, const fixture::step& s) {
  int fd = find_socket(ctx, s);
  if (fd < 0) return no_such_socket();
  int queued = 0;
  if (::ioctl(fd, SIOCINQ, &queued) < 0) return status_result(-1, errno);
  long got = 0;
  while (got < queued) {
    auto buf = scratch(std::size_t(queued - got));
    long r = ::recv(fd, buf.data(), buf.size(), MSG_DONTWAIT);
    if (r <= 0) break;
    got += r;
  }
  return write_result(got, 0);
}

}  // namespace

constexpr action drain_action{
    {.name = "drain", .summary = "read and discard everything queued now; reports the count",
     .expect_required = true, .produces = {k::count, k::error}},
    &run};

}  // namespace rstlab::cases
