// What the reporters' test files share: a hand-built two-step scenario and its runs (no
// sockets), a folder of their own, and reading a file whole.
#pragma once

#include <stdlib.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <stdexcept>
#include <string>
#include <vector>

#include "harness/expect/matcher.hpp"
#include "harness/report/placement.hpp"

namespace rstlab::test {

using k = core::outcome::kind;

// The client reads (expects ECONNRESET, line 9), then writes (expects EPIPE and SIGPIPE,
// line 10).
inline fixture::scenario scenario() {
  fixture::scenario sc;
  sc.file = "fx/reset.toml";
  sc.name = "reset-read";
  fixture::step read;
  read.pos = {9, 3};
  read.expect_pos = {9, 30};
  read.action = "read";
  read.expect = {{k::error, ECONNRESET}};
  fixture::step write = read;
  write.pos = {10, 3};
  write.expect_pos = {10, 40};
  write.action = "write";
  write.expect = {{k::error, EPIPE}};
  write.expect_sigpipe = true;
  sc.steps = {read, write};
  return sc;
}

// Both steps ran, the first with `first`; one RST from the server crossed the wire.
inline expect::run_record run(core::outcome first) {
  expect::run_record rec;
  rec.steps = {{true, {first, -1, static_cast<int>(first.value), false, {}}},
               {true, {{k::error, EPIPE}, -1, EPIPE, true, {}}}};
  wire::segment rst;
  rst.dir = wire::direction::to_client;
  rst.sport = 8000;
  rst.dport = 40000;
  rst.flags = wire::flag::rst | wire::flag::ack;
  rst.at = std::chrono::microseconds(250);
  rec.trace = {rst};
  rec.elapsed = std::chrono::microseconds(1234);
  return rec;
}

inline expect::case_result passed(const fixture::scenario& sc) {
  return expect::judge(sc, run({k::error, ECONNRESET}));
}
inline expect::case_result failed(const fixture::scenario& sc) {
  return expect::judge(sc, run({k::error, EPIPE}));
}
inline expect::case_result skipped(const fixture::scenario& sc, std::string why) {
  expect::case_result r;
  r.sc = &sc;
  r.note = std::move(why);
  return r;
}
inline expect::case_result harness_error(const fixture::scenario& sc) {
  auto rec = run({k::error, ECONNRESET});
  rec.error = "a call could not be interrupted";
  return expect::judge(sc, rec);
}

// Where the hand-built scenario's file sits: fx/reset.toml under the working directory /src.
inline report::suite_layout layout() {
  return report::suite_layout({"fx"}, "/src");
}

// A fresh folder under /tmp, removed with everything in it.
struct scratch_dir {
  std::filesystem::path path;
  scratch_dir() {
    std::string name = "/tmp/rstlab-report-XXXXXX";
    if (!::mkdtemp(name.data())) throw std::runtime_error("mkdtemp failed");
    path = name;
  }
  ~scratch_dir() {
    std::error_code ignored;
    std::filesystem::remove_all(path, ignored);
  }
  scratch_dir(const scratch_dir&) = delete;
  scratch_dir& operator=(const scratch_dir&) = delete;
  std::string file(const std::string& name) const { return (path / name).string(); }
  // The names in the folder, sorted, "a b c".
  std::string listing() const {
    std::vector<std::string> names;
    for (const auto& e : std::filesystem::directory_iterator(path))
      names.push_back(e.path().filename().string());
    std::sort(names.begin(), names.end());
    std::string out;
    for (const auto& n : names)
      out += (out.empty() ? "" : " ") + n;
    return out;
  }
};

inline std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

inline void write_file(const std::string& path, const std::string& text) {
  std::ofstream(path, std::ios::binary) << text;
}

inline bool has(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

}  // namespace rstlab::test
