#include "harness/sandbox/sysctl.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <filesystem>

#include "harness/sandbox/netns.hpp"
#include "harness/sandbox/unique_fd.hpp"

namespace rstlab::sandbox {
namespace {

std::string read_setting(const std::string& path) {
  unique_fd fd{::open(path.c_str(), O_RDONLY | O_CLOEXEC)};
  if (!fd) return "(unreadable)";
  auto text = read_whole(fd.get());
  while (!text.empty() && text.back() == '\n') text.pop_back();
  return text;
}

}  // namespace

bool write_setting(const std::string& path, const std::string& value) {
  unique_fd fd{::open(path.c_str(), O_WRONLY | O_CLOEXEC)};
  if (!fd) return false;
  return ::write(fd.get(), value.data(), value.size()) == static_cast<ssize_t>(value.size());
}

std::map<std::string, std::string> read_tcp_settings() {
  std::map<std::string, std::string> out;
  std::error_code ec;
  for (const auto& e : std::filesystem::directory_iterator("/proc/sys/net/ipv4", ec)) {
    auto name = e.path().filename().string();
    if (name.starts_with("tcp_")) out[name] = read_setting(e.path().string());
  }
  out["somaxconn"] = read_setting("/proc/sys/net/core/somaxconn");
  return out;
}

}  // namespace rstlab::sandbox
