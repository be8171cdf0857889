// How a fixture is named in the reports CI systems read: its suite (the folder, relative to the
// suite root), a classname Jenkins and GitLab both read as meant, and a relative file. None of
// it may change when the checkout moves or when a suite is run from a folder further down.
#include <boost/test/unit_test.hpp>

#include "harness/report/placement.hpp"
#include "tests/report_support.hpp"

using namespace rstlab;
using report::suite_layout;

namespace {

std::string summary(const report::place& p) {
  return p.suite + " | " + p.classname + " | " + p.file;
}

const char* bundled =
    "unread-data | unread-data.close-with-unread-data | "
    "fixtures/unread-data/close-with-unread-data.toml";

}  // namespace

BOOST_AUTO_TEST_CASE(a_folder_given_relative_to_the_checkout_names_its_subfolders_as_suites) {
  suite_layout layout({"fixtures"}, "/home/ci/checkout");
  BOOST_TEST(summary(layout.of("fixtures/unread-data/close-with-unread-data.toml")) == bundled);
}

BOOST_AUTO_TEST_CASE(names_do_not_change_when_the_checkout_moves) {
  for (std::string top : {"/home/ci/checkout", "/builds/group/project", "/tmp/x"}) {
    suite_layout layout({top + "/fixtures"}, top);
    BOOST_TEST(summary(layout.of(top + "/fixtures/unread-data/close-with-unread-data.toml")) ==
               bundled);
  }
}

// The bundled fixtures of an installed rstlab, or ctest running in the build folder: the file
// is named from the root folder's own name.
BOOST_AUTO_TEST_CASE(a_root_outside_the_working_directory_names_files_from_its_own_name) {
  suite_layout layout({"/usr/share/rstlab/fixtures"}, "/home/me/build");
  BOOST_TEST(summary(layout.of("/usr/share/rstlab/fixtures/unread-data/"
                               "close-with-unread-data.toml")) == bundled);
}

BOOST_AUTO_TEST_CASE(a_suite_folder_or_a_file_given_by_itself_names_its_cases_alike) {
  const std::string file = "fixtures/unread-data/close-with-unread-data.toml";
  for (std::string root : {"fixtures", "fixtures/", "./fixtures", "fixtures/unread-data",
                           "fixtures/unread-data/", file.c_str()}) {
    suite_layout layout({root}, "/src");
    BOOST_TEST(summary(layout.of(file)) == bundled, root);
  }
}

BOOST_AUTO_TEST_CASE(nested_folders_make_a_dotted_package_and_dots_in_names_are_underscores) {
  suite_layout layout({"suite"}, "/src");
  auto p = layout.of("suite/tcp/v1.2/close.twice.toml");
  BOOST_TEST(summary(p) == "tcp/v1.2 | tcp.v1_2.close_twice | suite/tcp/v1.2/close.twice.toml");
}

BOOST_AUTO_TEST_CASE(the_deepest_root_a_file_is_under_is_its_suite_root) {
  suite_layout layout({"/s", "/s/a", "/other"}, "/");
  BOOST_TEST(layout.of("/s/a/b/x.toml").suite == "b");
  BOOST_TEST(layout.of("/s/c/x.toml").suite == "c");
}

BOOST_AUTO_TEST_CASE(a_file_under_no_root_counts_from_its_own_folder) {
  suite_layout layout({}, "/work");
  BOOST_TEST(summary(layout.of("/tmp/demo/reset-read.toml")) ==
             "demo | demo.reset-read | demo/reset-read.toml");
  BOOST_TEST(summary(layout.of("reset-read.toml")) == "work | work.reset-read | reset-read.toml");
}

BOOST_AUTO_TEST_CASE(the_line_is_the_first_mismatch_then_its_step_then_the_first_line) {
  auto sc = test::scenario();
  BOOST_TEST(report::report_line(test::passed(sc)) == 1);
  auto r = test::failed(sc);
  BOOST_TEST(report::report_line(r) == 9);
  r.mismatches.insert(r.mismatches.begin(), expect::mismatch({}, 1, "step 2 did not run"));
  BOOST_TEST(report::report_line(r) == 10);  // no line of its own: its step's
  r.mismatches.insert(r.mismatches.begin(), expect::mismatch({}, {}, "the deadline passed"));
  BOOST_TEST(report::report_line(r) == 10);  // nothing to point at: the next one
  r.mismatches = {expect::mismatch({20, 1}, {}, "counter TCPAbortOnData: expected 1, got 0")};
  BOOST_TEST(report::report_line(r) == 20);  // a line of the fixture that is no step
}
