// ioctl: SIOCINQ (bytes in the receive queue, not yet read) or SIOCOUTQ (bytes in the send
// queue, not yet acknowledged), as a byte count. After an RST the kernel has purged both
// queues (tcp_done() → tcp_write_queue_purge(); unread data stays readable until read).
// On a listener SIOCINQ is EINVAL.
#include <linux/sockios.h>
#include <sys/ioctl.h>

#include <cerrno>
#include <string_view>

#include "cases/catalogue.hpp"
#include "cases/support.hpp"

namespace rstlab::cases {
namespace {

using k = core::outcome::kind;

constexpr std::string_view requests[] = {"SIOCINQ", "SIOCOUTQ"};
constexpr fixture::param_spec params[] = {
    {"request", fixture::param_type::string, "SIOCINQ or SIOCOUTQ", requests, true},
};

core::observation run(context& ctx, const fixture::step& s) {
  int fd = find_socket(ctx, s);
  if (fd < 0) return no_such_socket();
  int n = 0;
  unsigned long request = s.text("request", "SIOCINQ") == "SIOCOUTQ" ? SIOCOUTQ : SIOCINQ;
  if (::ioctl(fd, request, &n) < 0) return status_result(-1, errno);
  return write_result(n, 0);
}

}  // namespace

constexpr action ioctl_action{
    {.name = "ioctl", .summary = "bytes queued to read (SIOCINQ) or unacknowledged (SIOCOUTQ)",
     .params = params, .expect_required = true, .produces = {k::count, k::error}},
    &run};

}  // namespace rstlab::cases
