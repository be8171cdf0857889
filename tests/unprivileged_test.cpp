// The bundled suite run by an unprivileged user (nobody), who enters a user namespace first.
// With the TUN node at its mode here (0600, no udev) every two-host case must be reported
// SKIPPED with the reason and the fix, never passed (loopback cases need no TUN and run); with a
// node the user may open, every case must pass.
// Skipped (exit 77, with the reason) where user namespaces are unavailable.
#include <boost/test/unit_test.hpp>

#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <unistd.h>

#include <filesystem>
#include <iostream>
#include <stdexcept>

#include "tests/support.hpp"

namespace t = rstlab::test;

namespace {

std::vector<std::string> as_nobody(std::vector<std::string> argv) {
  if (::geteuid() != 0) return argv;  // already unprivileged
  std::vector<std::string> cmd{"setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", "--"};
  cmd.insert(cmd.end(), argv.begin(), argv.end());
  return cmd;
}

struct user_namespaces_required {
  user_namespaces_required() {
    auto probe = t::run_process(as_nobody({"unshare", "--user", "--net", "true"}));
    if (probe.status == 0) return;
    std::cerr << "skipped: an unprivileged user cannot create user namespaces here: "
              << probe.err << "\n";
    std::exit(77);
  }
};

bool has(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

// The binary and the bundled fixtures copied where nobody can reach them: the checkout itself
// may sit under a directory only root may enter.
struct staged {
  std::filesystem::path dir;
  std::string binary, fixtures, programs;

  staged() {
    char name[] = "/tmp/rstlab-unprivileged-XXXXXX";
    if (!::mkdtemp(name)) throw std::runtime_error("mkdtemp failed");
    dir = name;
    ::chmod(name, 0755);
    binary = (dir / "rstlab").string();
    fixtures = (dir / "fixtures").string();
    namespace fs = std::filesystem;
    fs::copy_file(RSTLAB_BINARY, binary);
    fs::copy(RSTLAB_FIXTURE_DIR, fixtures, fs::copy_options::recursive);
    programs = (dir / "programs").string();  // the example programs the fixtures run
    fs::create_directory(programs);
    for (const auto& e : fs::directory_iterator(RSTLAB_PROGRAM_DIR))
      if (e.is_regular_file() && ::access(e.path().c_str(), X_OK) == 0)
        fs::copy_file(e.path(), fs::path(programs) / e.path().filename());
    for (const auto& e : fs::recursive_directory_iterator(dir))
      fs::permissions(e.path(), e.is_directory() || e.path() == binary ||
                                        e.path().parent_path() == programs
                                    ? fs::perms(0755)
                                    : fs::perms(0644));
  }
  ~staged() { std::filesystem::remove_all(dir); }
};

bool open_to_others(const char* node) {
  struct stat st{};
  return ::stat(node, &st) == 0 && (st.st_mode & S_IROTH) && (st.st_mode & S_IWOTH);
}

}  // namespace

BOOST_TEST_GLOBAL_FIXTURE(user_namespaces_required);

BOOST_AUTO_TEST_CASE(suite_as_nobody_with_the_default_tun_node) {
  staged s;
  auto r = t::run_process(as_nobody({s.binary, "run", "--program-path", s.programs, s.fixtures}));
  if (open_to_others("/dev/net/tun")) {
    BOOST_TEST(r.status == 0, r.out << r.err);
    BOOST_TEST(has(r.out, " 0 failed, 0 errors, 0 skipped\n"), r.out);
    return;
  }
  // Two hosts need the TUN node; the loopback topology does not, so those cases still run.
  BOOST_TEST(r.status == 77, r.out << r.err);
  BOOST_TEST(has(r.out, " passed, 0 failed, 0 errors, "), r.out);
  BOOST_TEST(has(r.out, "SKIP  close-with-unread-data[v4]"), r.out);
  BOOST_TEST(has(r.out, "/dev/net/tun"), r.out);
  BOOST_TEST(has(r.out, "chmod 0666"), r.out);
  BOOST_TEST(has(r.out, "PASS  rst-inside-close[lo-v4]"), r.out);
  BOOST_TEST(!has(r.out, "PASS  close-with-unread-data"), r.out);
}

bool is_root(boost::unit_test::test_unit_id) { return ::geteuid() == 0; }

// Only root can make the node; for another user the test above is the whole story.
BOOST_AUTO_TEST_CASE(suite_as_nobody_with_an_open_tun_node_passes,
                     *boost::unit_test::precondition(is_root)) {
  staged s;
  std::string node = (s.dir / "tun").string();
  BOOST_TEST_REQUIRE(::mknod(node.c_str(), S_IFCHR | 0666, makedev(10, 200)) == 0);
  ::chmod(node.c_str(), 0666);
  auto r = t::run_process(
      as_nobody({s.binary, "run", "--tun-device", node, "--program-path", s.programs, s.fixtures}));
  BOOST_TEST(r.status == 0, r.out << r.err);
  BOOST_TEST(has(r.out, " passed, 0 failed, 0 errors, 0 skipped\n"), r.out);
  BOOST_TEST(!has(r.out, "SKIP"), r.out);
}
