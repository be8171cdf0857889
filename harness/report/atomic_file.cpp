#include "harness/report/atomic_file.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <stdexcept>
#include <utility>

namespace rstlab::report {
namespace {

namespace fs = std::filesystem;

constexpr std::size_t flush_at = 64 * 1024;

std::string folder_of(const std::string& path) {
  auto dir = fs::path(path).parent_path();
  return dir.empty() ? "." : dir.string();
}

// ".report.xml.tmp-PID-N" beside the target: hidden, and never a name a report is given.
std::string temp_name(const std::string& path, unsigned n) {
  auto p = fs::path(path);
  return (p.parent_path() / ("." + p.filename().string() + ".tmp-" + std::to_string(::getpid()) +
                             "-" + std::to_string(n)))
      .string();
}

// O_EXCL: never another run's file; mode 0666 less the umask, as for any file the user makes.
int create_beside(const std::string& path, std::string& temp) {
  static unsigned counter = 0;
  for (int tries = 0; tries < 100; ++tries) {
    temp = temp_name(path, counter++);
    int fd = ::open(temp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
    if (fd >= 0 || errno != EEXIST) return fd;
  }
  return -1;
}

bool write_all(int fd, std::string_view text) {
  while (!text.empty()) {
    auto n = ::write(fd, text.data(), text.size());
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return false;
    text.remove_prefix(static_cast<std::size_t>(n));
  }
  return true;
}

// The rename is only durable once the folder's entry is on the disk too.
int sync_folder(const std::string& path) {
  int fd = ::open(folder_of(path).c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) return errno;
  int err = ::fsync(fd) == 0 ? 0 : errno;
  ::close(fd);
  return err == EINVAL ? 0 : err;  // a file system that cannot sync folders has nothing to do
}

}  // namespace

atomic_file::atomic_file(std::string path, std::string what)
    : path_(std::move(path)), what_(std::move(what)) {
  struct stat st {};
  if (fs::path(path_).filename().empty() ||
      (::stat(path_.c_str(), &st) == 0 && S_ISDIR(st.st_mode)))
    fail(EISDIR);
  fd_ = create_beside(path_, temp_);
  if (fd_ < 0) {
    int err = errno;
    temp_.clear();  // nothing was made
    fail(err, "making a file in " + folder_of(path_));
  }
}

atomic_file::~atomic_file() {
  if (fd_ >= 0) ::close(fd_);
  if (!temp_.empty()) ::unlink(temp_.c_str());
}

void atomic_file::write(std::string_view text) {
  if (error_ != 0) return;
  buffer_ += text;
  if (buffer_.size() >= flush_at) flush();
}

void atomic_file::flush() {
  if (error_ == 0 && !write_all(fd_, buffer_)) error_ = errno;
  buffer_.clear();
}

void atomic_file::commit() {
  flush();
  if (error_ != 0) fail(error_);
  if (::fsync(fd_) != 0) fail(errno, "fsync");
  int fd = std::exchange(fd_, -1);
  if (::close(fd) != 0) fail(errno, "close");
  if (::rename(temp_.c_str(), path_.c_str()) != 0) {
    int err = errno;
    fail(err, "renaming " + temp_ + " over it");
  }
  temp_.clear();
  if (int err = sync_folder(path_); err != 0) fail(err, "fsync of its folder");
}

void atomic_file::fail(int err, const std::string& doing) {
  if (fd_ >= 0) ::close(fd_);
  fd_ = -1;
  if (!temp_.empty()) ::unlink(temp_.c_str());
  temp_.clear();
  auto why = doing.empty() ? "" : " (" + doing + ")";
  throw std::runtime_error("cannot write " + what_ + " " + path_ + why + ": " + std::strerror(err));
}

}  // namespace rstlab::report
