// getsockopt SO_ERROR: report the socket's pending error as the step's outcome (`ok` when
// there is none). Reading it consumes it (sock_error() clears sk_err): a non-blocking
// connect refused by RST reports ECONNREFUSED once, then ok. Seed 000 case 1.
#include <sys/socket.h>

#include <cerrno>
#include <string_view>

#include "cases/catalogue.hpp"
#include "cases/support.hpp"

namespace rstlab::cases {
namespace {

constexpr std::string_view option_names[] = {"SO_ERROR"};
constexpr fixture::param_spec params[] = {
    {"option", fixture::param_type::string, "which option (SO_ERROR)", option_names, true},
};

attempt run(endpoint_state& ep, const fixture::step& s, step_state&) {
  auto* slot = target(ep, s);
  if (!slot) return no_such_socket();
  int pending = 0;
  socklen_t len = sizeof pending;
  if (::getsockopt(slot->fd, SOL_SOCKET, SO_ERROR, &pending, &len) < 0)
    return status_result(-1, errno);
  if (pending == 0) return status_result(0, 0);
  return attempt::finished({core::outcome::kind::error, pending}, 0, pending);
}

}  // namespace

constexpr action getsockopt_action{
    {.name = "getsockopt", .summary = "read SO_ERROR (consumes the pending error)",
     .params = params, .expect_required = true},
    &run};

}  // namespace rstlab::cases
