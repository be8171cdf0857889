// Watches a running rstlab from outside for ci/soak: every INTERVAL ms one line of what the
// process holds (descriptors, threads, resident memory, child processes, TUN devices, network
// namespaces), each namespace seen given an id of ours (nsid.hpp); once the process is gone,
// how many of those namespaces the kernel has not freed yet, looked at again every 100 ms
// until none is left or WAIT_S (default 120) seconds have passed.
//
//   rstlab_soak_probe PID INTERVAL_MS [WAIT_S]
//   sample <ms> <fds> <threads> <rss kB> <children> <tun> <netns held> <netns seen, still listed>
//   end <namespaces tagged> <still listed> <seconds waited> <slab net_namespace before> <after>
#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <functional>
#include <set>
#include <sstream>
#include <string>
#include <thread>
#include <utility>

#include "tests/soak/nsid.hpp"

namespace {

using clock_type = std::chrono::steady_clock;

void each_entry(const std::string& dir, const std::function<void(const std::string&)>& f) {
  DIR* d = ::opendir(dir.c_str());
  if (!d) return;
  while (auto* e = ::readdir(d))
    if (e->d_name[0] != '.') f(e->d_name);
  ::closedir(d);
}

// A field of /proc/PID/status ("VmRSS", "Threads", "State"), as text; empty if absent.
std::string status_field(const std::string& pid, const std::string& name) {
  std::ifstream in("/proc/" + pid + "/status");
  for (std::string line; std::getline(in, line);)
    if (line.rfind(name + ":", 0) == 0) {
      std::istringstream value(line.substr(name.size() + 1));
      std::string word;
      value >> word;
      return word;
    }
  return "";
}

bool gone(const std::string& pid) {
  auto state = status_field(pid, "State");
  return state.empty() || state == "Z" || state == "X";
}

// Processes whose parent is `pid` (the field after the command's closing parenthesis).
long children_of(const std::string& pid) {
  long n = 0;
  each_entry("/proc", [&](const std::string& p) {
    if (p.find_first_not_of("0123456789") != std::string::npos) return;
    std::ifstream in("/proc/" + p + "/stat");
    std::string text((std::istreambuf_iterator<char>(in)), {});
    auto close = text.rfind(')');
    if (close == std::string::npos) return;
    std::istringstream rest(text.substr(close + 1));
    std::string state, ppid;
    rest >> state >> ppid;
    n += ppid == pid;
  });
  return n;
}

ino_t inode_of(const std::string& path) {
  struct stat st {};
  return ::stat(path.c_str(), &st) == 0 ? st.st_ino : 0;
}

struct sampler {
  explicit sampler(std::string p) : pid(std::move(p)) {}
  std::string pid;
  ino_t own_ns = inode_of("/proc/self/ns/net");
  rstlab::soak::nsid_tags tags;
  std::set<ino_t> held;  // this sample's
  long fds = 0, tun = 0;

  // A namespace the process holds (a thread in it, or a descriptor of it), tagged.
  void saw_namespace(const std::string& path) {
    auto ino = inode_of(path);
    if (ino == 0 || ino == own_ns || !held.insert(ino).second) return;
    int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) return;
    tags.tag(fd);  // refused when it has its id already
    ::close(fd);
  }

  void descriptors() {
    each_entry("/proc/" + pid + "/fd", [&](const std::string& fd) {
      ++fds;
      char target[256];
      auto path = "/proc/" + pid + "/fd/" + fd;
      auto n = ::readlink(path.c_str(), target, sizeof target - 1);
      std::string link(target, n > 0 ? std::size_t(n) : 0);
      tun += link == "/dev/net/tun";
      if (link.rfind("net:[", 0) == 0) saw_namespace(path);
    });
  }

  void sample(clock_type::time_point began) {
    held.clear();
    fds = tun = 0;
    descriptors();
    each_entry("/proc/" + pid + "/task", [&](const std::string& tid) {
      saw_namespace("/proc/" + pid + "/task/" + tid + "/ns/net");
    });
    auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(clock_type::now() - began);
    std::printf("sample %lld %ld %s %s %ld %ld %zu %ld\n", static_cast<long long>(ms.count()), fds,
                status_field(pid, "Threads").c_str(), status_field(pid, "VmRSS").c_str(),
                children_of(pid), tun, held.size(), tags.listed());
    std::fflush(stdout);
  }
};

// Active objects of the kernel's net_namespace slab cache: a rough count of every namespace,
// freed ones still cached included.
std::string slab_namespaces() {
  std::ifstream in("/proc/slabinfo");
  for (std::string line; std::getline(in, line);)
    if (line.rfind("net_namespace ", 0) == 0) {
      std::istringstream fields(line);
      std::string name, active;
      fields >> name >> active;
      return active;
    }
  return "-";
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 3 && argc != 4) {
    std::fprintf(stderr, "usage: rstlab_soak_probe PID INTERVAL_MS [WAIT_S]\n");
    return 2;
  }
  auto slab_before = slab_namespaces();
  sampler s{argv[1]};
  auto interval = std::chrono::milliseconds(std::atoi(argv[2]));
  auto began = clock_type::now();
  while (!gone(s.pid)) {
    s.sample(began);
    std::this_thread::sleep_for(interval);  // the sampling period, not a wait for an event
  }
  // The kernel frees dead namespaces in a worker of its own, with no event to wait on.
  auto ended = clock_type::now();
  auto deadline = ended + std::chrono::seconds(argc == 4 ? std::atoi(argv[3]) : 120);
  while (s.tags.listed() != 0 && clock_type::now() < deadline)
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  std::printf("end %zu %ld %.1f %s %s\n", s.tags.tagged(), s.tags.listed(),
              std::chrono::duration<double>(clock_type::now() - ended).count(), slab_before.c_str(),
              slab_namespaces().c_str());
  return 0;
}
