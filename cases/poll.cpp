// poll: what poll(2) reports for the socket right now, without waiting and without consuming
// anything (a pending error stays pending). After an RST: ERR and HUP. After a refused
// non-blocking connect: OUT|ERR|HUP, the way select() reports it writable (seed 001).
#include <poll.h>

#include "cases/catalogue.hpp"
#include "cases/support.hpp"
#include "harness/core/names.hpp"

namespace rstlab::cases {
namespace {

constexpr fixture::param_spec params[] = {
    {"events", fixture::param_type::poll_bits, "bits to ask for (default \"IN|OUT\")"},
};

attempt run(endpoint_state& ep, const fixture::step& s, step_state&) {
  auto* slot = target(ep, s);
  if (!slot) return no_such_socket();
  // The loader checked the bits.
  auto events = core::poll_bits_from_names(s.text("events", "IN|OUT")).value_or(POLLIN | POLLOUT);
  int revents = revents_now(slot->fd, static_cast<short>(events));
  return attempt::finished({core::outcome::kind::revents, revents}, revents, 0);
}

}  // namespace

constexpr action poll_action{
    {.name = "poll", .summary = "report poll(2) revents now", .params = params,
     .expects = fixture::expect_kind::revents, .expect_required = true},
    &run};

}  // namespace rstlab::cases
