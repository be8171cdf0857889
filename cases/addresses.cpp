// getpeername / getsockname: the socket's addresses. After an RST the connection is gone and
// getpeername fails with ENOTCONN (inet_getname() checks the state: CLOSE with no peer), while
// getsockname still reports the local address: the classic way a program learns its peer
// vanished without reading.
#include <sys/socket.h>

#include <cerrno>

#include "cases/catalogue.hpp"
#include "cases/support.hpp"

namespace rstlab::cases {
namespace {

using k = core::outcome::kind;

template <int (*call)(int, sockaddr*, socklen_t*)>
core::observation run(context& ctx, const fixture::step& s) {
  int fd = find_socket(ctx, s);
  if (fd < 0) return no_such_socket();
  sockaddr_storage ss{};
  socklen_t len = sizeof ss;
  long r = call(fd, reinterpret_cast<sockaddr*>(&ss), &len);
  return status_result(r, errno);
}

}  // namespace

constexpr action getpeername_action{
    {.name = "getpeername", .summary = "getpeername(2): ENOTCONN once the connection is gone",
     .produces = {k::ok, k::error}},
    &run<::getpeername>};

constexpr action getsockname_action{
    {.name = "getsockname", .summary = "getsockname(2)", .produces = {k::ok, k::error}},
    &run<::getsockname>};

}  // namespace rstlab::cases
