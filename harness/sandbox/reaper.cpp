#include "harness/sandbox/reaper.hpp"

#include <condition_variable>
#include <deque>
#include <mutex>
#include <thread>

namespace rstlab::sandbox {
namespace {

class reaper {
 public:
  reaper() : thread_([this] { drain(); }) {}
  ~reaper() {
    {
      std::lock_guard lock{mutex_};
      stopping_ = true;
    }
    wake_.notify_one();
    thread_.join();
  }

  void add(unique_fd fd) {
    {
      std::lock_guard lock{mutex_};
      queue_.push_back(std::move(fd));
    }
    wake_.notify_one();
  }

 private:
  void drain() {
    std::unique_lock lock{mutex_};
    for (;;) {
      wake_.wait(lock, [this] { return stopping_ || !queue_.empty(); });
      if (queue_.empty()) return;
      auto fd = std::move(queue_.front());
      queue_.pop_front();
      lock.unlock();
      fd.reset();
      lock.lock();
    }
  }

  std::mutex mutex_;
  std::condition_variable wake_;
  std::deque<unique_fd> queue_;
  bool stopping_ = false;
  std::thread thread_;  // last: it starts once the rest is ready
};

}  // namespace

void close_later(unique_fd fd) {
  static reaper r;
  r.add(std::move(fd));
}

}  // namespace rstlab::sandbox
