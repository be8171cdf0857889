#include "harness/endpoint/endpoint.hpp"

namespace rstlab::endpoint {

endpoint::~endpoint() { stop(std::chrono::seconds(2)); }

worker& endpoint::acquire() {
  for (auto& s : workers_)
    if (!s.taken) {
      s.taken = true;
      return *s.w;
    }
  return *workers_.emplace_back(slot{std::make_unique<worker>(netns_), true}).w;
}

void endpoint::release(worker& w) {
  for (auto& s : workers_)
    if (s.w.get() == &w) s.taken = false;
}

bool endpoint::stop(std::chrono::milliseconds bound) {
  auto until = std::chrono::steady_clock::now() + bound;
  bool all = true;
  for (auto& s : workers_) {
    // An interrupt that lands just before the call enters the kernel is lost: send it again.
    while (s.w->busy() && std::chrono::steady_clock::now() < until) {
      s.w->interrupt();
      s.w->wait_idle(std::chrono::milliseconds(2));
    }
    all = all && !s.w->busy();
  }
  return all;
}

}  // namespace rstlab::endpoint
