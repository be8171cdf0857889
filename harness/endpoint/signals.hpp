// The signals a worker thread deals with. A worker blocks every signal; SIGPIPE stays blocked,
// so a write that raises it leaves it pending on that thread (the kernel directs it at the
// thread that wrote) and the step can report it; the interrupt signal is never blocked, so a
// blocked call that outlives its deadline returns with EINTR, and one sent between calls is
// taken at once by a handler that does nothing.
#pragma once

#include <csignal>

namespace rstlab::endpoint {

// The signal that interrupts a worker's blocked call. Its handler does nothing and is
// installed without SA_RESTART, so the interrupted call returns instead of resuming.
int interrupt_signal();
void install_interrupt_handler();  // idempotent, process-wide

// Consumes one pending `sig` raised by this process (the kernel names the process as its
// sender); a signal another process sent is consumed and not counted.
bool take_own(int sig);

// The calling thread's mask, set for the duration of a scope.
class scoped_mask {
 public:
  scoped_mask(int how, const sigset_t& set);
  ~scoped_mask();
  scoped_mask(const scoped_mask&) = delete;
  scoped_mask& operator=(const scoped_mask&) = delete;

 private:
  sigset_t old_;
};

sigset_t only(int sig);
sigset_t every_signal();

}  // namespace rstlab::endpoint
