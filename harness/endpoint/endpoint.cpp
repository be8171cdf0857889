#include "harness/endpoint/endpoint.hpp"

#include "harness/endpoint/signals.hpp"

namespace rstlab::endpoint {

endpoint::~endpoint() { stop(std::chrono::seconds(2)); }

worker& endpoint::idle_worker() {
  for (auto& w : workers_)
    if (!w->busy()) return *w;
  install_interrupt_handler();
  return *workers_.emplace_back(std::make_unique<worker>(netns_));
}

bool endpoint::stop(std::chrono::milliseconds bound) {
  auto until = std::chrono::steady_clock::now() + bound;
  bool all = true;
  for (auto& w : workers_) {
    // An interrupt that lands just before the call enters the kernel is lost: send it again.
    while (w->busy() && std::chrono::steady_clock::now() < until) {
      w->interrupt();
      w->wait_idle(std::chrono::milliseconds(2));
    }
    all = all && !w->busy();
  }
  return all;
}

}  // namespace rstlab::endpoint
