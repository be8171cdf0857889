// accept: take one established connection off a listener's queue. The handshake itself was
// completed by the kernel before this call; a blocking accept waits for one to arrive, a
// non-blocking listener returns EAGAIN. The accepted socket is blocking unless `nonblocking`.
#include <sys/socket.h>

#include <cerrno>

#include "cases/catalogue.hpp"
#include "cases/support.hpp"

namespace rstlab::cases {
namespace {

using k = core::outcome::kind;

constexpr fixture::param_spec params[] = {
    {"as", fixture::param_type::string, "name of the accepted socket (default \"conn\")"},
    {"nonblocking", fixture::param_type::boolean, "SOCK_NONBLOCK on the accepted socket"},
};

core::observation run(context& ctx, const fixture::step& s) {
  int listener = find_socket(ctx, s);
  if (listener < 0) return no_such_socket();
  auto name = s.text("as", "conn");
  if (ctx.sockets.contains(name)) return status_result(-1, EEXIST);
  int flags = SOCK_CLOEXEC | (s.flag("nonblocking", false) ? SOCK_NONBLOCK : 0);
  int fd = ::accept4(listener, nullptr, nullptr, flags);
  int err = errno;
  if (fd < 0) check_resources(err, "accept4");
  if (fd >= 0) ctx.sockets.add(name, sandbox::unique_fd{fd});
  return status_result(fd < 0 ? -1 : 0, err);
}

}  // namespace

constexpr action accept_action{
    {.name = "accept", .summary = "accept one connection from a listener", .params = params,
     .expect_required = true, .default_socket = "listener",
     .produces = {k::ok, k::error, k::timeout}, .creates_param = "as", .creates_default = "conn"},
    &run};

}  // namespace rstlab::cases
