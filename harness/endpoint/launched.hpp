// One start of a program endpoint, whatever runs it: a process (process.hpp) or C++ code on a
// thread of its own (code_run.hpp). The program steps see only this.
#pragma once

#include <optional>
#include <string_view>

#include "harness/core/outcome.hpp"

namespace rstlab::endpoint {

class launched {
 public:
  virtual ~launched() = default;
  virtual int pid() const = 0;     // 0 for code in rstlab's own process
  // A descriptor that becomes readable once it has ended (and stays so).
  virtual int done_fd() const = 0;
  // How it ended (exit N, killed by a signal); nullopt while it runs.
  virtual std::optional<core::outcome> ended() = 0;
  // write(2) to its stdin; -1 with EBADF where there is none (any more).
  virtual long write_stdin(std::string_view bytes) = 0;
  virtual int close_stdin() = 0;
  // kill(2) to it; -1 with errno where it cannot be signalled.
  virtual int signal(int sig) = 0;
  // Ends it, whatever it is doing, and waits for that; idempotent. False when it could not be
  // ended (code that did not return: its thread is left running).
  virtual bool kill_group() = 0;
};

}  // namespace rstlab::endpoint
