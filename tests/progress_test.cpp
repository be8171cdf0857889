// The progress line's text: done and total, the case running longest and for how long, how
// many run beside it, cut to the terminal's width; and when it is drawn at all.
#include <boost/test/unit_test.hpp>

#include "harness/report/progress.hpp"

using namespace rstlab;
using namespace std::chrono_literals;
using report::progress;

BOOST_AUTO_TEST_CASE(the_text_says_done_total_name_and_seconds) {
  BOOST_TEST(report::progress_text(36, 86, "write-after-rst[v6]", 1234ms, 0) ==
             "[36/86] running write-after-rst[v6] 1.2 s");
  BOOST_TEST(report::progress_text(0, 2, "a", 50ms, 1) == "[0/2] running a 0.1 s (and 1 more)");
  BOOST_TEST(report::progress_text(0, 1, "a\nb", 0ms, 0) == "[0/1] running a\\x0Ab 0.0 s");
}

BOOST_AUTO_TEST_CASE(the_line_shows_the_case_running_longest_and_counts_those_done) {
  progress p;
  p.start(3);
  auto t0 = progress::clock::now();
  BOOST_TEST(p.line(t0, 80) == "");  // nothing runs yet
  p.began(1, "second", t0 + 100ms);
  p.began(0, "first", t0);
  BOOST_TEST(p.line(t0 + 1500ms, 80) == "[0/3] running first 1.5 s (and 1 more)");
  p.ended(0);
  BOOST_TEST(p.line(t0 + 1500ms, 80) == "[1/3] running second 1.4 s");
  p.ended(7);  // never began: not counted
  p.ended(1);
  BOOST_TEST(p.line(t0 + 1500ms, 80) == "");
  p.began(2, "third", t0);
  BOOST_TEST(p.line(t0, 80) == "[2/3] running third 0.0 s");
}

BOOST_AUTO_TEST_CASE(the_line_is_cut_to_the_width_keeping_characters_whole) {
  BOOST_TEST(report::cut_to_width("abcdef", 4) == "abcd");
  BOOST_TEST(report::cut_to_width("ab", 4) == "ab");
  BOOST_TEST(report::cut_to_width("a\xc3\xa9\xc3\xa9z", 2) == "a\xc3\xa9");
  progress p;
  p.start(1);
  auto t0 = progress::clock::now();
  p.began(0, "a-long-name", t0);
  BOOST_TEST(p.line(t0, 12) == "[0/1] runnin");
}

BOOST_AUTO_TEST_CASE(progress_is_drawn_on_a_terminal_unless_it_is_dumb) {
  BOOST_TEST(report::progress_wanted(true, "xterm"));
  BOOST_TEST(report::progress_wanted(true, nullptr));
  BOOST_TEST(!report::progress_wanted(true, "dumb"));
  BOOST_TEST(!report::progress_wanted(false, "xterm"));
}
