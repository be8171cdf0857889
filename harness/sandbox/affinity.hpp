// One CPU for a case's own threads. The engine's thread and the workers that make the
// endpoints' calls hand every step to each other: on one CPU a handoff is a switch between two
// threads, across two it is a wake-up of the other CPU, which costs more than most steps do
// (measured: a short case 13 % faster with its threads on one CPU). Only the CPU a thread runs
// on changes, never what a call does or returns. The CPU is the one the case's thread is on as
// the case starts, where the kernel's balancing put it (so cases of other processes are not
// stacked onto one CPU), unless a case running alongside in this process holds that one: then
// a CPU no case holds. Two cases of one run never share a CPU while another is free.
//
// A program under test and C++ code under test are the user's, not the case's: they start with
// the CPUs rstlab itself was given (see `unpinned`), as they would outside rstlab.
#pragma once

#include <sched.h>

namespace rstlab::sandbox {

// Keeps the calling thread, and the threads it creates meanwhile, on the CPU it runs on now;
// the thread's own CPUs again at the end of the scope. Does nothing where only one CPU is
// allowed or the kernel refuses.
class case_cpu {
 public:
  case_cpu();
  ~case_cpu();
  case_cpu(const case_cpu&) = delete;
  case_cpu& operator=(const case_cpu&) = delete;

 private:
  cpu_set_t before_{};
  int cpu_ = -1;  // held while pinned
};

// The calling thread on every CPU rstlab was given, for the scope: what a thread or process
// created meanwhile inherits.
class unpinned {
 public:
  unpinned();
  ~unpinned();
  unpinned(const unpinned&) = delete;
  unpinned& operator=(const unpinned&) = delete;

 private:
  cpu_set_t before_{};
  bool changed_ = false;
};

}  // namespace rstlab::sandbox
