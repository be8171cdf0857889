// poll: poll(2) on the socket for `events`, waiting up to `wait_ms` (default 0: report now;
// -1: wait for ever, until an event or the step's deadline). Consumes nothing (a pending error
// stays pending). After an RST: ERR and HUP (with IN and RDHUP when asked). After a refused
// non-blocking connect: OUT|ERR|HUP, the way select() reports it writable (seed 001). A poll
// that waits is woken by the RST itself (tcp_reset() → sk_error_report()).
#include <poll.h>

#include <cerrno>

#include "cases/catalogue.hpp"
#include "cases/support.hpp"
#include "harness/core/names.hpp"

namespace rstlab::cases {
namespace {

using k = core::outcome::kind;

constexpr fixture::param_spec params[] = {
    {"events", fixture::param_type::poll_bits, "bits to ask for (default \"IN|OUT\")"},
    {"wait_ms", fixture::param_type::integer, "poll's timeout: 0 now (default), -1 for ever", {},
     false, -1, fixture::int_max},
};

core::observation run(context& ctx, const fixture::step& s) {
  int fd = find_socket(ctx, s);
  if (fd < 0) return no_such_socket();
  // The loader checked the bits.
  auto events = core::poll_bits_from_names(s.text("events", "IN|OUT")).value_or(POLLIN | POLLOUT);
  pollfd p{fd, static_cast<short>(events), 0};
  int r = ::poll(&p, 1, static_cast<int>(s.integer("wait_ms", 0)));
  if (r < 0) return status_result(-1, errno);
  core::observation obs;
  obs.actual = {k::revents, p.revents};
  obs.ret = p.revents;
  return obs;
}

}  // namespace

constexpr action poll_action{
    {.name = "poll", .summary = "poll(2) revents, now or within `wait_ms`", .params = params,
     .expects = fixture::expect_kind::revents, .expect_required = true,
     .produces = {k::revents, k::error, k::timeout}},
    &run};

}  // namespace rstlab::cases
