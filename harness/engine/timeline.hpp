// The steps of one case, run in file order: each endpoint is a coroutine that takes its own
// steps when their turn comes. A blocked step waits for the wire or a timer, never sleeps.
// After every step the wire settles, so the next step sees every immediate consequence.
#pragma once

#include <boost/asio/awaitable.hpp>

#include <array>
#include <chrono>
#include <cstddef>
#include <string>

#include "cases/action.hpp"
#include "harness/engine/waker.hpp"
#include "harness/engine/wire_pump.hpp"
#include "harness/expect/record.hpp"
#include "harness/fixture/model.hpp"

namespace rstlab::engine {

class timeline {
 public:
  timeline(const fixture::scenario& sc, double timeout_scale,
           std::array<cases::endpoint_state, 2>& endpoints, waker& wake, wire_pump& wire);

  boost::asio::awaitable<void> run_endpoint(fixture::host h);
  expect::run_record take_record() { return std::move(record_); }

 private:
  using time_point = std::chrono::steady_clock::time_point;

  boost::asio::awaitable<bool> wait_turn(std::size_t index);
  boost::asio::awaitable<core::observation> run_step(std::size_t index);
  void abort(const std::string& when);
  time_point step_deadline(const fixture::step& s) const;
  void finish(std::size_t index, const core::observation& obs);

  const fixture::scenario& sc_;
  double scale_;
  std::array<cases::endpoint_state, 2>& endpoints_;
  waker& wake_;
  wire_pump& wire_;
  time_point case_deadline_;
  std::size_t turn_ = 0;  // index of the step whose turn it is
  expect::run_record record_;
};

}  // namespace rstlab::engine
