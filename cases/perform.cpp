#include <csignal>

#include "cases/action.hpp"
#include "harness/endpoint/signals.hpp"

namespace rstlab::cases {

core::observation perform(const action& a, context& ctx, const fixture::step& s) {
  using namespace endpoint;
  drain(SIGPIPE);             // a stale one must not be blamed on this step
  drain(interrupt_signal());  // an interrupt meant for an earlier call, already answered
  core::observation obs;
  {
    scoped_mask open{SIG_UNBLOCK, only(interrupt_signal())};
    obs = a.run(ctx, s);
  }
  obs.sigpipe = take_own(SIGPIPE);
  return obs;
}

}  // namespace rstlab::cases
