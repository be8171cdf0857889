#include "harness/report/spool.hpp"

#include <fcntl.h>
#include <stdlib.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <stdexcept>

namespace rstlab::report {

spool::spool(std::string beside, std::string what)
    : beside_(std::move(beside)), what_(std::move(what)) {
  auto p = std::filesystem::path(beside_);
  auto name = (p.parent_path() / ("." + p.filename().string() + ".spool-XXXXXX")).string();
  fd_ = ::mkostemp(name.data(), O_CLOEXEC);
  if (fd_ < 0) fail(errno);
  ::unlink(name.c_str());
}

spool::~spool() {
  if (fd_ >= 0) ::close(fd_);
}

spool::range spool::append(std::string_view text) {
  range r{size_, text.size()};
  for (std::size_t done = 0; error_ == 0 && done < text.size();) {
    auto n =
        ::pwrite(fd_, text.data() + done, text.size() - done, static_cast<off_t>(size_ + done));
    if (n < 0 && errno != EINTR) error_ = errno;
    if (n > 0) done += static_cast<std::size_t>(n);
  }
  size_ += text.size();
  return r;
}

std::string spool::read(range r) const {
  if (error_ != 0) fail(error_);
  std::string text(r.size, '\0');
  for (std::size_t done = 0; done < r.size;) {
    auto n = ::pread(fd_, text.data() + done, r.size - done, static_cast<off_t>(r.offset + done));
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) fail(n < 0 ? errno : EIO);
    done += static_cast<std::size_t>(n);
  }
  return text;
}

void spool::fail(int err) const {
  throw std::runtime_error("cannot write " + what_ + " " + beside_ +
                           " (its scratch file): " + std::strerror(err));
}

}  // namespace rstlab::report
