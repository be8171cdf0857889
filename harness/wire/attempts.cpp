#include "harness/wire/attempts.hpp"

#include <algorithm>

#include "harness/core/host.hpp"

namespace rstlab::wire {

void attempt_log::see(const segment& s) {
  if (!s.sent() || !s.has(flag::syn) || s.has(flag::ack)) return;
  std::lock_guard lock(m_);
  auto& list = by_host_[core::index(sender(s.dir))];
  bool again = std::any_of(list.begin(), list.end(), [&](const attempt& a) {
    return a.port == s.sport && a.isn == s.seq;
  });
  if (!again) list.push_back({s.at, s.sport, s.seq});
}

std::optional<attempt> attempt_log::nth(core::host from, std::size_t n) const {
  std::lock_guard lock(m_);
  const auto& list = by_host_[core::index(from)];
  if (n >= list.size()) return std::nullopt;
  return list[n];
}

std::size_t attempt_log::count(core::host from) const {
  std::lock_guard lock(m_);
  return by_host_[core::index(from)].size();
}

}  // namespace rstlab::wire
