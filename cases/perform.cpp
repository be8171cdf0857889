#include <csignal>

#include "cases/action.hpp"
#include "harness/endpoint/signals.hpp"

namespace rstlab::cases {

// The worker keeps SIGPIPE blocked, so one the call raised is pending on its thread when the
// call returns: taking it then, whether the call returned or threw, leaves none for a later
// step to be blamed for. One another process sent is taken too, and not counted.
core::observation perform(const action& a, context& ctx, const fixture::step& s) {
  core::observation obs;
  try {
    obs = a.run(ctx, s);
  } catch (...) {
    endpoint::take_own(SIGPIPE);
    throw;
  }
  obs.sigpipe = endpoint::take_own(SIGPIPE);
  return obs;
}

}  // namespace rstlab::cases
