// Wakes every coroutine waiting for "something may have changed": a packet crossed the wire or
// a step finished. Waiters re-check their own condition, so a spurious wake costs one check.
#pragma once

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/awaitable.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>

#include <algorithm>
#include <chrono>
#include <vector>

namespace rstlab::engine {

class waker {
 public:
  void notify() {
    for (auto* t : waiting_) t->cancel();
  }

  // Returns when notified or at `deadline`, whichever comes first.
  boost::asio::awaitable<void> wait(std::chrono::steady_clock::time_point deadline) {
    boost::asio::steady_timer timer{co_await boost::asio::this_coro::executor, deadline};
    waiting_.push_back(&timer);
    auto done = timer.async_wait(boost::asio::as_tuple(boost::asio::use_awaitable));
    co_await std::move(done);
    waiting_.erase(std::find(waiting_.begin(), waiting_.end(), &timer));
  }

 private:
  std::vector<boost::asio::steady_timer*> waiting_;
};

}  // namespace rstlab::engine
