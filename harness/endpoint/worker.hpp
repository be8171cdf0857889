// A thread that lives in one host's network namespace and makes an endpoint's system calls
// for real, blocking as the kernel blocks, while the engine's thread keeps the wire moving.
// It waits for one job at a time; its state can be read from outside (asleep in the kernel,
// busy) and its blocked call can be interrupted.
#pragma once

#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>
#include <string_view>
#include <thread>

namespace rstlab::endpoint {

class worker {
 public:
  // Starts the thread, which enters `netns_fd` (kept open by the caller for the worker's
  // lifetime) on its own before it takes the first job. Throws std::system_error when there
  // is no thread.
  explicit worker(int netns_fd);
  // Stops the thread. Its job must have returned; when it has not (it could not be
  // interrupted), the thread is left to finish on its own and its state with it.
  ~worker();
  worker(const worker&) = delete;
  worker& operator=(const worker&) = delete;

  // What runs after a job, on the worker's thread: `not_run` is empty when the call ran, else
  // why it did not (the thread could not enter its host).
  using then_fn = std::function<void(std::string_view not_run)>;
  // Runs `call` on the thread and then `then`, after the worker counts as idle again (so
  // `then` may hand it the next job at once). The worker must be idle.
  void run(std::function<void()> call, then_fn then);
  bool busy() const;
  // True while a job runs and the thread sleeps in the kernel (a blocking call waiting).
  bool asleep() const;
  // Sends the interrupt signal. Harmless between calls: the thread takes it at once, so it
  // can never cut a later call short.
  void interrupt();
  // Waits until the job has returned, at most `bound`; false when it has not.
  bool wait_idle(std::chrono::milliseconds bound) const;

 private:
  struct state;
  static void loop(std::shared_ptr<state> s, int netns_fd);

  std::shared_ptr<state> s_;
  std::thread thread_;
};

}  // namespace rstlab::endpoint
