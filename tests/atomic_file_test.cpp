// Report files appear whole or not at all: until commit the previous report stands, a commit
// replaces it in one rename, and whatever fails (a folder that cannot be written, a write the
// kernel refuses, a folder that went away) says the path and the reason and leaves the
// previous report and no temporary file behind. The full-disk and killed-run cases, on the
// real binary, are in reports_cli_test.
#include <boost/test/unit_test.hpp>

#include <sys/resource.h>
#include <sys/stat.h>

#include <csignal>
#include <filesystem>

#include "harness/report/atomic_file.hpp"
#include "harness/report/spool.hpp"
#include "tests/report_support.hpp"

using namespace rstlab;
namespace t = rstlab::test;
namespace fs = std::filesystem;

namespace {

// The message of the error `make` throws, or "" when it throws none.
template <class Make>
std::string error_of(Make make) {
  try {
    make();
  } catch (const std::runtime_error& e) {
    return e.what();
  }
  return "";
}

// While alive, no file of this process may grow past `bytes`: a write past it fails with
// EFBIG, as one on a full disk fails with ENOSPC (SIGXFSZ, which would kill the process, is
// ignored meanwhile).
struct file_size_limit {
  rlimit before{};
  void (*handler)(int);
  explicit file_size_limit(rlim_t bytes) {
    ::getrlimit(RLIMIT_FSIZE, &before);
    handler = std::signal(SIGXFSZ, SIG_IGN);
    rlimit now{bytes, before.rlim_max};
    ::setrlimit(RLIMIT_FSIZE, &now);
  }
  ~file_size_limit() {
    ::setrlimit(RLIMIT_FSIZE, &before);
    std::signal(SIGXFSZ, handler);
  }
};

}  // namespace

BOOST_AUTO_TEST_CASE(the_previous_report_stands_until_the_commit_replaces_it) {
  t::scratch_dir dir;
  auto path = dir.file("r.xml");
  t::write_file(path, "previous");
  report::atomic_file f(path, "JUnit report");
  f.write("new ");
  f.write(std::string(200000, 'x'));  // past the buffer: some of it is on the disk already
  BOOST_TEST(t::read_file(path) == "previous");
  BOOST_TEST(dir.listing() == "." + std::string("r.xml.tmp-") + std::to_string(::getpid()) +
                                  f.temp_path().substr(f.temp_path().rfind('-')) + " r.xml");
  f.commit();
  BOOST_TEST(t::read_file(path).size() == 200004u);
  BOOST_TEST(dir.listing() == "r.xml");
}

BOOST_AUTO_TEST_CASE(a_report_never_committed_leaves_the_previous_one_and_no_temporary) {
  t::scratch_dir dir;
  auto path = dir.file("r.xml");
  t::write_file(path, "previous");
  {
    report::atomic_file f(path, "JUnit report");
    f.write("half a report");
  }
  BOOST_TEST(t::read_file(path) == "previous");
  BOOST_TEST(dir.listing() == "r.xml");
}

BOOST_AUTO_TEST_CASE(a_new_report_gets_the_mode_of_any_new_file) {
  t::scratch_dir dir;
  auto old = ::umask(022);
  {
    report::atomic_file f(dir.file("r.json"), "JSON report");
    f.commit();
  }
  ::umask(old);
  BOOST_TEST((fs::status(dir.file("r.json")).permissions() == fs::perms(0644)));
}

BOOST_AUTO_TEST_CASE(a_folder_that_cannot_be_written_is_refused_with_path_and_reason) {
  t::scratch_dir dir;
  auto plain = dir.file("plain");
  t::write_file(plain, "");
  fs::create_directory(dir.file("folder"));
  BOOST_TEST(error_of([&] { report::atomic_file(plain + "/r.tap", "TAP report"); }) ==
             "cannot write TAP report " + plain + "/r.tap (making a file in " + plain +
                 "): Not a directory");
  BOOST_TEST(error_of([&] { report::atomic_file(dir.file("no/r.tap"), "TAP report"); }) ==
             "cannot write TAP report " + dir.file("no/r.tap") + " (making a file in " +
                 dir.file("no") + "): No such file or directory");
  BOOST_TEST(error_of([&] { report::atomic_file(dir.file("folder"), "TAP report"); }) ==
             "cannot write TAP report " + dir.file("folder") + ": Is a directory");
  BOOST_TEST(error_of([&] { report::atomic_file("/proc/r.tap", "TAP report"); }) != "");
  BOOST_TEST(dir.listing() == "folder plain");
}

BOOST_AUTO_TEST_CASE(a_write_the_kernel_refuses_fails_the_commit_and_keeps_the_previous_report) {
  t::scratch_dir dir;
  auto path = dir.file("r.json");
  t::write_file(path, "previous");
  report::atomic_file f(path, "JSON report");
  std::string why;
  {
    file_size_limit limit(4096);
    f.write(std::string(100000, 'x'));
    why = error_of([&] { f.commit(); });
  }
  BOOST_TEST(why == "cannot write JSON report " + path + ": File too large");
  BOOST_TEST(t::read_file(path) == "previous");
  BOOST_TEST(dir.listing() == "r.json");
}

// The folder moved away during the run and a file took its name: the rename cannot happen.
BOOST_AUTO_TEST_CASE(a_folder_replaced_during_the_run_fails_the_commit) {
  t::scratch_dir dir;
  fs::create_directory(dir.file("out"));
  auto path = dir.file("out/r.xml");
  t::write_file(path, "previous");
  report::atomic_file f(path, "JUnit report");
  f.write("new");
  fs::rename(dir.file("out"), dir.file("moved"));
  t::write_file(dir.file("out"), "");
  auto why = error_of([&] { f.commit(); });
  BOOST_TEST(t::has(why, "cannot write JUnit report " + path + " (renaming "), why);
  BOOST_TEST(why.ends_with(" over it): Not a directory"), why);
  BOOST_TEST(t::read_file(dir.file("moved/r.xml")) == "previous");
}

BOOST_AUTO_TEST_CASE(a_spool_reads_back_what_was_appended_and_leaves_nothing_behind) {
  t::scratch_dir dir;
  {
    report::spool s(dir.file("r.xml"), "JUnit report");
    BOOST_TEST(dir.listing() == "");  // unlinked as soon as made
    auto a = s.append("first");
    auto b = s.append(std::string(70000, 'y'));
    auto c = s.append("third");
    BOOST_TEST(s.read(c) == "third");
    BOOST_TEST(s.read(a) == "first");
    BOOST_TEST(s.read(b).size() == 70000u);
  }
  BOOST_TEST(dir.listing() == "");
}

BOOST_AUTO_TEST_CASE(a_spool_whose_write_failed_says_so_when_read) {
  t::scratch_dir dir;
  report::spool s(dir.file("r.xml"), "JUnit report");
  report::spool::range r;
  {
    file_size_limit limit(4096);
    r = s.append(std::string(10000, 'z'));
  }
  BOOST_TEST(error_of([&] { s.read(r); }) == "cannot write JUnit report " + dir.file("r.xml") +
                                                 " (its scratch file): File too "
                                                 "large");
}
