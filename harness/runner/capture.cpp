#include "harness/runner/capture.hpp"

#include <stdlib.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <stdexcept>

#include "harness/wire/pcap.hpp"

namespace rstlab::runner {
namespace {

namespace fs = std::filesystem;

bool plain(char c, bool first) {
  bool alnum = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
  return alnum || c == '-' || c == '_' || (c == '.' && !first);
}

std::string escaped(const std::string& text) {
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (plain(text[i], i == 0)) {
      out += text[i];
      continue;
    }
    char hex[4];
    std::snprintf(hex, sizeof hex, "%%%02X", static_cast<unsigned char>(text[i]));
    out += hex;
  }
  return out;
}

}  // namespace

std::string capture_dir_problem(const std::string& dir) {
  std::error_code ec;
  fs::create_directories(dir, ec);
  if (ec) return "cannot create " + dir + ": " + ec.message();
  if (!fs::is_directory(dir, ec)) return dir + " is not a directory";
  auto probe = (fs::path(dir) / ".rstlab-probe-XXXXXX").string();
  int fd = ::mkstemp(probe.data());
  if (fd < 0) return "cannot write in " + dir + ": " + std::strerror(errno);
  ::close(fd);
  ::unlink(probe.c_str());
  return "";
}

std::string capture_file_name(const std::string& name, const std::string& tag) {
  return escaped(name) + "-" + escaped(tag) + ".pcap";
}

void write_capture(const std::string& path, const fixture::scenario& sc,
                   const expect::run_record& run) {
  std::vector<std::string> rules;
  for (const auto& r : sc.wire_rules) rules.push_back(r.id);
  auto file =
      wire::pcap::serialize(wire::pcap::from_trace(run.trace, run.packets, run.started, rules));
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(reinterpret_cast<const char*>(file.data()), static_cast<std::streamsize>(file.size()));
  out.close();
  if (!out) throw std::runtime_error("cannot write capture " + path + ": " + std::strerror(errno));
}

}  // namespace rstlab::runner
