// send: send(2) `bytes` bytes, optionally with MSG_NOSIGNAL (EPIPE without SIGPIPE) or
// MSG_DONTWAIT. Otherwise the same kernel paths as write: see write.cpp.
#include <sys/socket.h>

#include "cases/catalogue.hpp"
#include "cases/support.hpp"

namespace rstlab::cases {
namespace {

constexpr fixture::param_spec params[] = {
    {"bytes", fixture::param_type::integer, "how many bytes to send", {}, true},
    {"nosignal", fixture::param_type::boolean, "MSG_NOSIGNAL: EPIPE without SIGPIPE"},
    {"nonblocking", fixture::param_type::boolean, "MSG_DONTWAIT: never wait"},
};

attempt run(endpoint_state& ep, const fixture::step& s, step_state& st) {
  int flags = (s.flag("nosignal", false) ? MSG_NOSIGNAL : 0) |
              (s.flag("nonblocking", false) ? MSG_DONTWAIT : 0);
  return send_bytes(ep, s, st, false, flags);
}

}  // namespace

constexpr action send_action{
    {.name = "send", .summary = "send(2) `bytes` bytes", .params = params,
     .expect_required = true},
    &run};

}  // namespace rstlab::cases
