// Work done on several threads, its results taken in order: work(i) runs for every i in
// [0, n) on `jobs` threads, and take(i, result) runs on the calling thread in the order of i,
// as soon as result i and all before it are ready. A worker does not start item i while item
// i - window is still untaken, so a slow item holds back at most `window` results in memory
// (they wait in `window` slots, whatever n is).
// The first exception thrown by work or take stops the handing out of items; it is rethrown
// once every thread is done.
#pragma once

#include <algorithm>
#include <condition_variable>
#include <cstddef>
#include <exception>
#include <mutex>
#include <optional>
#include <thread>
#include <vector>

namespace rstlab::runner {

template <class Result, class Work, class Take>
void run_ordered(std::size_t n, unsigned jobs, std::size_t window, Work work, Take take) {
  std::mutex mutex;
  std::condition_variable ready, room;
  window = std::max<std::size_t>(window, 1);
  std::vector<std::optional<Result>> results(std::min(n, window));  // item i in slot i % size
  auto slot = [&](std::size_t i) -> std::optional<Result>& { return results[i % results.size()]; };
  std::size_t next = 0, taken = 0;
  std::exception_ptr failure;
  auto worker = [&] {
    std::unique_lock lock{mutex};
    for (;;) {
      room.wait(lock, [&] { return next >= n || next < taken + window || failure; });
      if (next >= n || failure) return;
      auto i = next++;
      lock.unlock();
      std::optional<Result> r;
      std::exception_ptr e;
      try {
        r.emplace(work(i));
      } catch (...) {
        e = std::current_exception();
      }
      lock.lock();
      if (e && !failure) failure = e;
      slot(i) = std::move(r);
      ready.notify_all();
    }
  };
  std::vector<std::thread> threads;
  for (unsigned t = 0; t < jobs; ++t) threads.emplace_back(worker);
  std::unique_lock lock{mutex};
  while (taken < n && !failure) {
    ready.wait(lock, [&] { return slot(taken).has_value() || failure; });
    if (failure) break;
    auto r = std::move(*slot(taken));
    slot(taken).reset();
    ++taken;
    room.notify_all();
    lock.unlock();
    try {
      take(taken - 1, r);
    } catch (...) {
      lock.lock();
      failure = std::current_exception();
      break;
    }
    lock.lock();
  }
  lock.unlock();
  room.notify_all();
  for (auto& t : threads) t.join();
  if (failure) std::rethrow_exception(failure);
}

}  // namespace rstlab::runner
