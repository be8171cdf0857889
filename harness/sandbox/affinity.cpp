#include "harness/sandbox/affinity.hpp"

#include <pthread.h>

#include <bitset>
#include <mutex>

namespace rstlab::sandbox {
namespace {

bool mask_of_this_thread(cpu_set_t& set) {
  CPU_ZERO(&set);
  return ::pthread_getaffinity_np(::pthread_self(), sizeof set, &set) == 0;
}

bool set_this_thread(const cpu_set_t& set) {
  return ::pthread_setaffinity_np(::pthread_self(), sizeof set, &set) == 0;
}

// The CPUs rstlab was given: those of the first thread that asks, before any case pinned it.
const cpu_set_t& given() {
  static const cpu_set_t set = [] {
    cpu_set_t s;
    if (!mask_of_this_thread(s)) CPU_ZERO(&s);
    return s;
  }();
  return set;
}

// The CPUs the cases of this process hold now.
std::mutex held_mutex;
std::bitset<CPU_SETSIZE> held;

// `here` when no case holds it, else the first allowed CPU none holds; -1 when all are held.
int free_cpu(int here, const cpu_set_t& allowed) {
  if (here >= 0 && here < CPU_SETSIZE && CPU_ISSET(here, &allowed) && !held[here]) return here;
  for (int c = 0; c < CPU_SETSIZE; ++c)
    if (CPU_ISSET(c, &allowed) && !held[c]) return c;
  return -1;
}

}  // namespace

case_cpu::case_cpu() {
  given();
  if (!mask_of_this_thread(before_) || CPU_COUNT(&before_) < 2) return;
  std::lock_guard lock{held_mutex};
  int cpu = free_cpu(::sched_getcpu(), before_);
  if (cpu < 0) return;
  cpu_set_t one;
  CPU_ZERO(&one);
  CPU_SET(cpu, &one);
  if (!set_this_thread(one)) return;
  held[cpu] = true;
  cpu_ = cpu;
}

case_cpu::~case_cpu() {
  if (cpu_ < 0) return;
  set_this_thread(before_);
  std::lock_guard lock{held_mutex};
  held[cpu_] = false;
}

unpinned::unpinned() {
  const auto& all = given();
  if (CPU_COUNT(&all) == 0 || !mask_of_this_thread(before_) || CPU_EQUAL(&before_, &all)) return;
  changed_ = set_this_thread(all);
}

unpinned::~unpinned() {
  if (changed_) set_this_thread(before_);
}

}  // namespace rstlab::sandbox
