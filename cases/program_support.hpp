// What the program steps share: waiting, interruptibly, for something about a program to
// change, and its end as an outcome.
#pragma once

#include <chrono>
#include <optional>

#include "cases/action.hpp"
#include "harness/endpoint/program.hpp"
#include "harness/sandbox/unique_fd.hpp"

namespace rstlab::cases {

// Wakes when the program wrote something or ended, when the wire forwarded packets, or after
// a while: one epoll set, built before the first look so no change falls between a look and
// the sleep.
class program_watch {
 public:
  explicit program_watch(context& ctx);
  // False when the step's deadline interrupted the wait (or epoll failed: errno says).
  bool wait(std::optional<std::chrono::milliseconds> at_most = std::nullopt);
  bool ok() const { return static_cast<bool>(ep_); }

 private:
  sandbox::unique_fd ep_;
};

endpoint::program& program_of(context& ctx);  // throws std::logic_error when there is none

// The program's end as an observation (exited 3, killed by SIGPIPE); nullopt while it runs.
std::optional<core::observation> end_of(context& ctx);

// The observation of a wait the step's deadline cut short (the engine reports it as timeout).
core::observation interrupted();
// A wait that ran out of a limit of its own (await-reconnect's max_ms): timeout.
core::observation timed_out();

}  // namespace rstlab::cases
