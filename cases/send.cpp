// send: send(2) `bytes` bytes, optionally with MSG_NOSIGNAL (EPIPE without SIGPIPE) or
// MSG_DONTWAIT (never wait: a partial count or EAGAIN when the send buffer is full).
// Otherwise the same kernel paths as write: see write.cpp.
#include <sys/socket.h>

#include <cerrno>

#include "cases/catalogue.hpp"
#include "cases/support.hpp"

namespace rstlab::cases {
namespace {

using k = core::outcome::kind;

constexpr fixture::param_spec params[] = {
    {"bytes", fixture::param_type::integer, "how many bytes to send", {}, true, 0, max_transfer},
    {"nosignal", fixture::param_type::boolean, "MSG_NOSIGNAL: EPIPE without SIGPIPE"},
    {"nonblocking", fixture::param_type::boolean, "MSG_DONTWAIT: never wait"},
};

core::observation run(context& ctx, const fixture::step& s) {
  int fd = find_socket(ctx, s);
  if (fd < 0) return no_such_socket();
  int flags = (s.flag("nosignal", false) ? MSG_NOSIGNAL : 0) |
              (s.flag("nonblocking", false) ? MSG_DONTWAIT : 0);
  auto data = zeros(static_cast<std::size_t>(s.integer("bytes", 1)));
  long r = ::send(fd, data.data(), data.size(), flags);
  return write_result(r, errno);
}

}  // namespace

constexpr action send_action{
    {.name = "send", .summary = "send(2) `bytes` bytes", .params = params,
     .expect_required = true, .produces = {k::count, k::error, k::timeout}},
    &run};

}  // namespace rstlab::cases
