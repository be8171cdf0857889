// tcp-state: the socket's TCP state from TCP_INFO, e.g. CLOSE_WAIT after the peer's FIN, or
// CLOSE after an RST. Reads nothing and consumes nothing.
#include <netinet/in.h>
#include <netinet/tcp.h>
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
  tcp_info info{};
  socklen_t len = sizeof info;
  if (::getsockopt(fd, SOL_TCP, TCP_INFO, &info, &len) < 0) return status_result(-1, errno);
  core::observation obs;
  obs.actual = {k::state, info.tcpi_state};
  obs.ret = info.tcpi_state;
  return obs;
}

}  // namespace

constexpr action tcp_state_action{
    {.name = "tcp-state", .summary = "report the socket's TCP state",
     .expects = fixture::expect_kind::state, .expect_required = true,
     .produces = {k::state, k::error}},
    &run};

}  // namespace rstlab::cases
