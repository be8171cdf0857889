// drain: read and discard every byte queued on the socket now, and report how many. It reads
// exactly what SIOCINQ says is there, so it never consumes the end of stream or a pending
// error (an RST behind the data stays for the next read to report).
#include <linux/sockios.h>
#include <sys/ioctl.h>
#include <sys/socket.h>

#include <cerrno>
#include <vector>

#include "cases/catalogue.hpp"
#include "cases/support.hpp"

namespace rstlab::cases {
namespace {

attempt run(endpoint_state& ep, const fixture::step& s, step_state&) {
  auto* slot = target(ep, s);
  if (!slot) return no_such_socket();
  int queued = 0;
  if (::ioctl(slot->fd, SIOCINQ, &queued) < 0) return status_result(-1, errno);
  std::vector<char> buf(static_cast<std::size_t>(queued));
  long got = 0;
  while (got < queued) {
    long r = ::recv(slot->fd, buf.data(), buf.size() - std::size_t(got), MSG_DONTWAIT);
    if (r <= 0) break;
    got += r;
  }
  return attempt::finished({core::outcome::kind::count, got}, got, 0);
}

}  // namespace

constexpr action drain_action{
    {.name = "drain", .summary = "read and discard everything queued now; reports the count",
     .expect_required = true},
    &run};

}  // namespace rstlab::cases
