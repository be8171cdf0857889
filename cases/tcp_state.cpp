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

attempt run(endpoint_state& ep, const fixture::step& s, step_state&) {
  auto* slot = target(ep, s);
  if (!slot) return no_such_socket();
  tcp_info info{};
  socklen_t len = sizeof info;
  if (::getsockopt(slot->fd, SOL_TCP, TCP_INFO, &info, &len) < 0) return status_result(-1, errno);
  return attempt::finished({core::outcome::kind::state, info.tcpi_state}, info.tcpi_state, 0);
}

}  // namespace

constexpr action tcp_state_action{
    {.name = "tcp-state", .summary = "report the socket's TCP state",
     .expects = fixture::expect_kind::state, .expect_required = true},
    &run};

}  // namespace rstlab::cases
