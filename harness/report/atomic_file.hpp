// A report file that appears whole or not at all. It is written to a temporary file beside the
// target (same folder, so the same file system), flushed to the disk and renamed over the
// target: a killed run or a full disk leaves the previous report as it was, never a truncated
// one. What goes wrong is kept and said once, at commit, with the path and the reason.
#pragma once

#include <string>
#include <string_view>

namespace rstlab::report {

class atomic_file {
 public:
  // Makes the temporary file at once, so that a folder that cannot be written stops the run
  // before any case runs. `what` names the report in messages ("JUnit report"). Throws
  // std::runtime_error: "cannot write JUnit report PATH: REASON".
  atomic_file(std::string path, std::string what);
  ~atomic_file();  // removes the temporary file unless committed
  atomic_file(const atomic_file&) = delete;
  atomic_file& operator=(const atomic_file&) = delete;

  // Buffered; after a failure the rest is dropped and commit() says why.
  void write(std::string_view text);
  // Writes what is buffered, fsyncs, renames over the target and fsyncs its folder. Throws
  // (as above) when any of it, or an earlier write, failed; the target is then untouched and
  // the temporary file removed.
  void commit();

  const std::string& path() const { return path_; }
  const std::string& temp_path() const { return temp_; }

 private:
  void flush();
  [[noreturn]] void fail(int err, const std::string& doing = "");

  std::string path_, what_, temp_;
  int fd_ = -1;
  std::string buffer_;
  int error_ = 0;  // errno of the first write that failed
};

}  // namespace rstlab::report
