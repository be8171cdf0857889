// Only regular files are read: a FIFO would block or never end, /dev/zero never ends, and a
// folder or socket is no fixture; each is refused by kind, at once. A file larger than the
// limit is refused from its size before a byte is read (a sparse 50 MiB file costs nothing).
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>

#include <boost/test/unit_test.hpp>
#include <filesystem>

#include "tests/loader_support.hpp"

using namespace rstlab::test;

namespace {

std::string bounded_file(const char* what, const std::string& path) {
  return bounded(what, [&] { fx::load_file(path, rich_specs); });
}

}  // namespace

BOOST_AUTO_TEST_SUITE(loader_files)

BOOST_AUTO_TEST_CASE(fifo_is_refused_without_blocking) {
  temp_folder dir;
  auto path = (dir.path / "x.toml").string();
  BOOST_REQUIRE(::mkfifo(path.c_str(), 0600) == 0);
  BOOST_TEST(bounded_file("FIFO x.toml", path) ==
             path + ": cannot read the file (it is a FIFO, not a fixture); give a .toml file");
}

BOOST_AUTO_TEST_CASE(dev_zero_is_refused_without_reading) {
  BOOST_TEST(bounded_file("/dev/zero", "/dev/zero") ==
             "/dev/zero: cannot read the file (it is a character device, not a fixture); give a "
             ".toml file");
}

BOOST_AUTO_TEST_CASE(folder_is_refused_as_a_file) {
  temp_folder dir;
  BOOST_TEST(bounded_file("folder", dir.path.string()) ==
             dir.path.string() +
                 ": cannot read the file (it is a folder, not a fixture); give a .toml file");
}

BOOST_AUTO_TEST_CASE(unix_socket_is_refused_by_kind) {
  temp_folder dir;
  auto path = (dir.path / "s.toml").string();
  int fd = ::socket(AF_UNIX, SOCK_STREAM, 0);
  sockaddr_un addr{};
  addr.sun_family = AF_UNIX;
  path.copy(addr.sun_path, sizeof addr.sun_path - 1);
  BOOST_REQUIRE(::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0);
  BOOST_TEST(bounded_file("socket", path) ==
             path + ": cannot read the file (it is a socket, not a fixture); give a .toml file");
  ::close(fd);
}

BOOST_AUTO_TEST_CASE(sparse_50_mib_file_is_refused_before_reading) {
  temp_folder dir;
  auto path = dir.write("big.toml", "");
  std::filesystem::resize_file(path, 50u << 20);
  BOOST_TEST(bounded_file("50 MiB sparse file", path) ==
             path +
                 ": the fixture is 52428800 bytes, more than the 262144 a fixture may have; "
                 "split it into smaller ones");
}

BOOST_AUTO_TEST_CASE(file_at_the_size_limit_loads) {
  temp_folder dir;
  auto text = fixture_text("  { client = \"connect\" },\n");
  text += "#" + std::string(fx::limits::max_bytes - text.size() - 2, 'x') + "\n";
  BOOST_TEST(text.size() == fx::limits::max_bytes);
  auto sc = fx::load_file(dir.write("full.toml", text), rich_specs);
  BOOST_TEST(sc.steps.size() == 1u);
}

BOOST_AUTO_TEST_SUITE_END()
