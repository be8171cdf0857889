#include "harness/endpoint/signals.hpp"

#include <pthread.h>
#include <unistd.h>

#include <ctime>
#include <mutex>

namespace rstlab::endpoint {
namespace {

void ignore_signal(int) {}

}  // namespace

// glibc keeps the first real-time signals for itself and moves SIGRTMIN past them; a few
// further on stays clear of what libraries commonly take.
int interrupt_signal() { return SIGRTMIN + 3; }

void install_interrupt_handler() {
  static std::once_flag once;
  std::call_once(once, [] {
    struct sigaction sa {};
    sa.sa_handler = ignore_signal;
    sigemptyset(&sa.sa_mask);
    sa.sa_flags = 0;  // no SA_RESTART: the blocked call must return
    ::sigaction(interrupt_signal(), &sa, nullptr);
  });
}

sigset_t only(int sig) {
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, sig);
  return set;
}

sigset_t every_signal() {
  sigset_t set;
  sigfillset(&set);
  return set;
}

bool take_own(int sig) {
  auto set = only(sig);
  timespec zero{0, 0};
  siginfo_t info{};
  bool own = false;
  while (::sigtimedwait(&set, &info, &zero) == sig)
    own = own || info.si_pid == ::getpid();
  return own;
}

scoped_mask::scoped_mask(int how, const sigset_t& set) { ::pthread_sigmask(how, &set, &old_); }
scoped_mask::~scoped_mask() { ::pthread_sigmask(SIG_SETMASK, &old_, nullptr); }

}  // namespace rstlab::endpoint
