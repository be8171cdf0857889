#include "harness/engine/timeline.hpp"

#include <csignal>
#include <ctime>

#include <string>

namespace rstlab::engine {
namespace {

using clock = std::chrono::steady_clock;

std::chrono::nanoseconds scaled(std::chrono::milliseconds ms, double scale) {
  return std::chrono::nanoseconds(static_cast<long long>(double(ms.count()) * scale * 1e6));
}

// Consumes a SIGPIPE raised by the step (it is blocked, so it waits here as pending).
bool take_sigpipe() {
  sigset_t pending;
  sigpending(&pending);
  if (!sigismember(&pending, SIGPIPE)) return false;
  sigset_t only;
  sigemptyset(&only);
  sigaddset(&only, SIGPIPE);
  timespec zero{0, 0};
  sigtimedwait(&only, nullptr, &zero);
  return true;
}

core::observation timed_out() {
  return core::observation{core::outcome{core::outcome::kind::timeout, 0}, 0, 0};
}

}  // namespace

timeline::timeline(const fixture::scenario& sc, double timeout_scale,
                   std::array<cases::endpoint_state, 2>& endpoints, waker& wake, wire_pump& wire)
    : sc_(sc),
      scale_(timeout_scale),
      endpoints_(endpoints),
      wake_(wake),
      wire_(wire),
      case_deadline_(clock::now() + scaled(sc.case_timeout, timeout_scale)) {
  record_.steps.resize(sc.steps.size());
}

boost::asio::awaitable<void> timeline::run_endpoint(fixture::host h) {
  for (std::size_t i = 0; i < sc_.steps.size(); ++i) {
    if (sc_.steps[i].endpoint != h) continue;
    if (!co_await wait_turn(i)) co_return;
    auto obs = co_await run_step(i);
    finish(i, obs);
  }
}

boost::asio::awaitable<bool> timeline::wait_turn(std::size_t index) {
  while (record_.aborted.empty()) {
    if (clock::now() >= case_deadline_) {
      abort("passed before step " + std::to_string(index + 1) + " could run");
      co_return false;
    }
    if (turn_ >= index) break;
    co_await wake_.wait(case_deadline_);
  }
  co_return record_.aborted.empty();
}

void timeline::abort(const std::string& when) {
  record_.aborted = "the case deadline (" + std::to_string(sc_.case_timeout.count()) + " ms) " + when;
  wake_.notify();
}

boost::asio::awaitable<core::observation> timeline::run_step(std::size_t index) {
  const auto& s = sc_.steps[index];
  auto& ep = endpoints_[static_cast<std::size_t>(s.endpoint)];
  const auto* act = cases::find(s.action);
  cases::step_state st;
  st.started = clock::now();
  auto deadline = step_deadline(s);
  core::observation obs;
  for (;;) {
    auto at = act->run(ep, s, st);
    if (at.result) {
      obs = *at.result;
      break;
    }
    if (clock::now() >= deadline) {
      obs = timed_out();
      if (clock::now() >= case_deadline_)
        abort("passed during step " + std::to_string(index + 1) + " (" + s.action + ")");
      break;
    }
    co_await wake_.wait(std::min(deadline, at.wake_at.value_or(deadline)));
  }
  obs.sigpipe = take_sigpipe();
  obs.elapsed = std::chrono::duration_cast<std::chrono::microseconds>(clock::now() - st.started);
  co_return obs;
}

timeline::time_point timeline::step_deadline(const fixture::step& s) const {
  auto own = clock::now() + scaled(s.timeout.value_or(sc_.step_timeout), scale_);
  return std::min(own, case_deadline_);
}

void timeline::finish(std::size_t index, const core::observation& obs) {
  record_.steps[index] = {true, obs};
  wire_.settle();
  turn_ = index + 1;
  wake_.notify();
}

}  // namespace rstlab::engine
