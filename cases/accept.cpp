// accept: take one established connection off a listener's queue. The handshake itself was
// completed by the kernel before this call; a blocking accept waits for one to arrive.
#include <sys/socket.h>

#include <cerrno>

#include "cases/catalogue.hpp"
#include "cases/support.hpp"

namespace rstlab::cases {
namespace {

constexpr fixture::param_spec params[] = {
    {"as", fixture::param_type::string, "name of the accepted socket (default \"conn\")"},
};

attempt run(endpoint_state& ep, const fixture::step& s, step_state& st) {
  auto* slot = target(ep, s);
  if (!slot) return no_such_socket();
  auto name = s.text("as", "conn");
  if (ep.find(name)) return status_result(-1, EEXIST);
  int fd = ::accept4(slot->fd, nullptr, nullptr, SOCK_NONBLOCK | SOCK_CLOEXEC);
  int err = errno;
  if (fd >= 0) {
    ep.sockets[name] = {fd, true};
    return status_result(0, 0);
  }
  if (err != EAGAIN || !slot->blocking) return status_result(-1, err);
  if (timed_out(st, slot->fd, SO_RCVTIMEO)) return status_result(-1, EAGAIN);
  return attempt::blocked(st.gives_up_at);
}

}  // namespace

constexpr action accept_action{
    {.name = "accept", .summary = "accept one connection from a listener", .params = params,
     .expect_required = true, .default_socket = "listener"},
    &run};

}  // namespace rstlab::cases
