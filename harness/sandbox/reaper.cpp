#include "harness/sandbox/reaper.hpp"

#include <condition_variable>
#include <deque>
#include <mutex>
#include <thread>

#include "harness/sandbox/affinity.hpp"

namespace rstlab::sandbox {
namespace {

class reaper {
 public:
  ~reaper() { finish(); }

  void add(unique_fd fd) {
    {
      std::lock_guard lock{mutex_};
      queue_.push_back(std::move(fd));
      if (!thread_.joinable()) {
        unpinned everywhere;  // it outlives the case that started it
        thread_ = std::thread([this] { drain(); });
      }
    }
    wake_.notify_one();
  }

  void finish() {
    std::unique_lock lock{mutex_};
    if (!thread_.joinable()) return;
    stopping_ = true;
    auto t = std::move(thread_);
    lock.unlock();
    wake_.notify_one();
    t.join();
    lock.lock();
    stopping_ = false;
  }

 private:
  // Closes what is queued; ends once asked to and nothing is left.
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
  std::thread thread_;
};

reaper& the_reaper() {
  static reaper r;
  return r;
}

}  // namespace

void close_later(unique_fd fd) { the_reaper().add(std::move(fd)); }

void finish_closing() { the_reaper().finish(); }

}  // namespace rstlab::sandbox
