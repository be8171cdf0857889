#include "tests/support.hpp"

#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <deque>
#include <fstream>
#include <stdexcept>
#include <iostream>
#include <poll.h>

#include "cases/action.hpp"
#include "harness/engine/engine.hpp"
#include "harness/fixture/loader.hpp"
#include "harness/fixture/programs.hpp"
#include "harness/sandbox/netns.hpp"

extern char** environ;

namespace rstlab::test {
namespace {

// The bundled fixtures run the example programs by name, as the CLI finds them.
const bool programs_found = [] {
  fixture::set_program_dirs({RSTLAB_PROGRAM_DIR});
  return true;
}();

std::string drain_pipes(int out_fd, int err_fd, std::string& err) {
  std::string out;
  pollfd fds[2] = {{out_fd, POLLIN, 0}, {err_fd, POLLIN, 0}};
  int open = (out_fd >= 0) + (err_fd >= 0);
  char buf[4096];
  while (open > 0 && ::poll(fds, 2, -1) > 0) {
    for (int i = 0; i < 2; ++i) {
      if (fds[i].fd < 0 || !(fds[i].revents & (POLLIN | POLLHUP))) continue;
      ssize_t n = ::read(fds[i].fd, buf, sizeof buf);
      if (n <= 0) {
        fds[i].fd = -1;
        --open;
        continue;
      }
      (i == 0 ? out : err).append(buf, std::size_t(n));
    }
  }
  return out;
}

}  // namespace

const fixture::scenario& load(const std::string& toml, const std::string& file) {
  static std::deque<fixture::scenario> kept;
  kept.push_back(fixture::load_text(toml, file, cases::specs()));
  return kept.back();
}

expect::case_result run(const fixture::scenario& sc) { return run(sc, engine::options{}); }

expect::case_result run(const fixture::scenario& sc, const engine::options& o) {
  return expect::judge(sc, engine::run_case(sc, o));
}

engine::options all_counters() {
  engine::options o;
  o.all_counters = true;
  return o;
}

expect::case_result run(const fixture::scenario& sc, std::uint64_t seed) {
  engine::options o;
  o.seed = seed;
  return expect::judge(sc, engine::run_case(sc, o));
}

expect::case_result run_toml(const std::string& toml) { return run(load(toml)); }

std::string explain(const expect::case_result& r) {
  std::string text;
  for (const auto& m : r.mismatches) text += "line " + std::to_string(m.pos.line) + ": " + m.message + "\n";
  return text;
}

void require_sandbox() {
  auto why = sandbox::prepare_privileges();
  if (why.empty()) why = sandbox::probe({});
  if (why.empty()) return;
  std::cerr << "skipped: no sandbox can be built here: " << why << "\n";
  std::exit(77);
}

namespace {

// Spawns argv with stdout on `out_write` (-1: a pipe that is captured) and stderr captured.
process_result spawn(const std::vector<std::string>& argv, int out_write) {
  int out[2] = {-1, out_write}, err[2];
  if ((out_write < 0 && ::pipe2(out, O_CLOEXEC) < 0) || ::pipe2(err, O_CLOEXEC) < 0) return {};
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, out[1], 1);
  posix_spawn_file_actions_adddup2(&actions, err[1], 2);
  std::vector<char*> args;
  for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
  args.push_back(nullptr);
  pid_t pid = -1;
  int rc = posix_spawnp(&pid, args[0], &actions, nullptr, args.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  if (out_write < 0) ::close(out[1]);
  ::close(err[1]);
  process_result r;
  if (rc == 0) r.out = drain_pipes(out[0], err[0], r.err);
  if (out[0] >= 0) ::close(out[0]);
  ::close(err[0]);
  int status = 0;
  if (rc != 0 || ::waitpid(pid, &status, 0) < 0) return r;
  r.status = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  return r;
}

}  // namespace

process_result run_process(const std::vector<std::string>& argv) { return spawn(argv, -1); }



}  // namespace rstlab::test

namespace rstlab::test {

process_result run_with_closed_stdout(const std::vector<std::string>& argv) {
  int out[2];
  if (::pipe2(out, O_CLOEXEC) < 0) return {};
  ::close(out[0]);  // the reader is gone before the child writes a byte
  auto r = spawn(argv, out[1]);
  ::close(out[1]);
  return r;
}

temp_dir::temp_dir(const std::string& tag) {
  std::string name = "/tmp/rstlab-" + tag + "-XXXXXX";
  if (!::mkdtemp(name.data())) throw std::runtime_error("mkdtemp failed");
  path = name;
}

temp_dir::~temp_dir() {
  std::error_code ignored;
  std::filesystem::remove_all(path, ignored);
}

std::string temp_dir::write(const std::string& file, const std::string& text) const {
  std::ofstream(path / file) << text;
  return (path / file).string();
}

}  // namespace rstlab::test
