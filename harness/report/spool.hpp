// A scratch file beside a report, gone as soon as it is made (unlinked at once, so nothing is
// left behind even by a killed run): text is appended while a run goes on and read back by
// offset at its end, so a reporter that must reorder what it heard (JUnit groups cases by
// suite) holds a few numbers per case in memory rather than every case's text.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace rstlab::report {

class spool {
 public:
  struct range {
    std::uint64_t offset = 0, size = 0;
  };
  // `beside`: the report's path; `what` names the report in messages ("JUnit report"). Throws
  // std::runtime_error: "cannot write JUnit report PATH (its scratch file): REASON".
  spool(std::string beside, std::string what);
  ~spool();
  spool(const spool&) = delete;
  spool& operator=(const spool&) = delete;

  range append(std::string_view text);  // after a failure, dropped: read() throws
  std::string read(range r) const;

 private:
  [[noreturn]] void fail(int err) const;

  std::string beside_, what_;
  int fd_ = -1;
  std::uint64_t size_ = 0;
  int error_ = 0;  // errno of the first append that failed
};

}  // namespace rstlab::report
