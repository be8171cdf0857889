// socket: create a TCP socket on the endpoint's host without connecting it, so options and a
// bind can be set before connect() or listen(). Blocking unless `nonblocking` (O_NONBLOCK), as
// a program's socket is. Nothing crosses the wire.
#include <cerrno>

#include "cases/catalogue.hpp"
#include "cases/support.hpp"

namespace rstlab::cases {
namespace {

using k = core::outcome::kind;

constexpr fixture::param_spec params[] = {
    {"nonblocking", fixture::param_type::boolean, "O_NONBLOCK: calls on this socket never wait"},
};

core::observation run(context& ctx, const fixture::step& s) {
  int fd = open_socket(ctx, s.socket, s.flag("nonblocking", false));
  return status_result(fd < 0 ? -1 : 0, errno);
}

}  // namespace

constexpr action socket_action{
    {.name = "socket", .summary = "create a TCP socket (EEXIST when the name is taken)",
     .params = params, .produces = {k::ok, k::error}, .effect = fixture::socket_effect::creates},
    &run};

}  // namespace rstlab::cases
