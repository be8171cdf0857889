#include "harness/endpoint/worker.hpp"

#include <fcntl.h>
#include <pthread.h>
#include <sched.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <string>

#include "harness/endpoint/signals.hpp"
#include "harness/sandbox/unique_fd.hpp"

namespace rstlab::endpoint {

struct worker::state {
  mutable std::mutex mutex;
  mutable std::condition_variable changed;
  std::function<void()> call;
  worker::then_fn then;
  bool busy = false;     // a job was handed over and has not returned
  bool calling = false;  // the thread is inside the job's call
  bool stop = false;
  bool abandoned = false;  // the worker went away while the call still ran: skip `then`
  pid_t tid = 0;
  // The thread's stat file, opened the first time someone asks whether it sleeps (most
  // workers are never asked: opening it costs more than a step).
  sandbox::unique_fd stat;
};

namespace {

// The scheduler state letter of a task's stat line ("tid (comm) S ..."); comm may hold
// spaces and parentheses, so the state follows the last ')'.
char task_state(int stat_fd) {
  char buf[512];
  ssize_t n = ::pread(stat_fd, buf, sizeof buf - 1, 0);
  if (n <= 0) return '?';
  buf[n] = '\0';
  const char* close = std::strrchr(buf, ')');
  return close && close[1] == ' ' ? close[2] : '?';
}

}  // namespace

// The thread is not waited for: it enters its host on its own before it takes the first job,
// and one that could not says so to each job's `then` instead of running the call.
worker::worker(int netns_fd) : s_(std::make_shared<state>()) {
  install_interrupt_handler();
  // The thread starts with every signal blocked, so nothing is delivered to it before it has
  // set up; the creating thread's own mask is restored at once.
  scoped_mask quiet{SIG_SETMASK, every_signal()};
  thread_ = std::thread(loop, s_, netns_fd);
}

worker::~worker() {
  bool stuck = false;
  {
    std::lock_guard lock{s_->mutex};
    s_->stop = true;
    stuck = s_->abandoned = s_->busy;
  }
  s_->changed.notify_all();
  if (stuck)
    thread_.detach();  // in a call it would not leave: it ends on its own, with its state
  else
    thread_.join();
}

void worker::loop(std::shared_ptr<state> s, int netns_fd) {
  int err = ::setns(netns_fd, CLONE_NEWNET) < 0 ? errno : 0;
  // From here on the interrupt is taken whenever it comes: inside a call it cuts the call
  // short; between calls its handler, which does nothing, runs at once, so none is left over
  // to cut a later call short. Every other signal stays blocked (SIGPIPE: see perform()).
  auto interrupt = only(interrupt_signal());
  if (!err) ::pthread_sigmask(SIG_UNBLOCK, &interrupt, nullptr);
  std::string not_run;
  if (err) not_run = std::string("the worker thread cannot enter its host: ") + std::strerror(err);
  std::unique_lock lock{s->mutex};
  s->tid = ::gettid();
  for (;;) {
    s->changed.wait(lock, [&] { return s->stop || s->call; });
    if (!s->call) return;
    auto call = std::move(s->call);
    auto then = std::move(s->then);
    s->call = nullptr;
    s->calling = !err;
    lock.unlock();
    if (!err) call();
    lock.lock();
    s->calling = s->busy = false;
    s->changed.notify_all();
    if (s->abandoned) continue;
    lock.unlock();
    then(not_run);
    lock.lock();
  }
}

void worker::run(std::function<void()> call, then_fn then) {
  {
    std::lock_guard lock{s_->mutex};
    s_->call = std::move(call);
    s_->then = std::move(then);
    s_->busy = true;
  }
  s_->changed.notify_all();
}

bool worker::busy() const {
  std::lock_guard lock{s_->mutex};
  return s_->busy;
}

bool worker::asleep() const {
  int stat = -1;
  {
    std::lock_guard lock{s_->mutex};
    if (!s_->calling) return false;
    if (!s_->stat) {
      auto path = "/proc/self/task/" + std::to_string(s_->tid) + "/stat";
      s_->stat.reset(::open(path.c_str(), O_RDONLY | O_CLOEXEC));
    }
    stat = s_->stat.get();
  }
  return stat >= 0 && task_state(stat) == 'S';
}

void worker::interrupt() { ::pthread_kill(thread_.native_handle(), interrupt_signal()); }

bool worker::wait_idle(std::chrono::milliseconds bound) const {
  std::unique_lock lock{s_->mutex};
  return s_->changed.wait_for(lock, bound, [&] { return !s_->busy; });
}

}  // namespace rstlab::endpoint
