// The example fixtures that fail on purpose (examples/failing/, outside the default suite):
// each must fail, never pass or error, and say why the way a user needs it said: the step and
// line, the program's exit status or signal, its last lines of output, and the ladder.
#include <boost/test/unit_test.hpp>

#include <filesystem>

#include "tests/support.hpp"

namespace t = rstlab::test;

namespace {

std::string failing(const std::string& name) {
  return (std::filesystem::path(RSTLAB_FIXTURE_DIR).parent_path() / "examples" / "failing" /
          (name + ".toml"))
      .string();
}

bool has(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

t::process_result run(const std::string& name) {
  return t::cli({"run", "--family", "4", failing(name)});
}

}  // namespace

using rstlab::test::sandbox_required;
BOOST_TEST_GLOBAL_FIXTURE(sandbox_required);

BOOST_AUTO_TEST_CASE(a_naive_server_killed_by_sigpipe_fails_with_the_signal_and_its_output) {
  auto r = run("naive-server-survives-a-hang-up");
  BOOST_TEST(r.status == 1, r.out << r.err);
  BOOST_TEST(has(r.out, "FAIL  naive-server-survives-a-hang-up[v4]"), r.out);
  BOOST_TEST(has(r.out, "naive-server-survives-a-hang-up.toml:15:3: step 5 (server expect-output): "
                        "expected ok, got killed by SIGPIPE"), r.out);
  BOOST_TEST(has(r.out, "server program: naive-server 198.18.0.2 8000 (pid "), r.out);
  BOOST_TEST(has(r.out, "): killed by SIGPIPE\n"), r.out);
  BOOST_TEST(has(r.out, "last lines of stdout:\n          listening on 198.18.0.2 port 8000\n"), r.out);
  BOOST_TEST(has(r.out, "<- RST from client"), r.out);
  BOOST_TEST(has(r.out, "0 passed, 1 failed, 0 errors, 0 skipped"), r.out);
}

BOOST_AUTO_TEST_CASE(a_client_without_retries_fails_with_its_exit_status_and_its_error) {
  auto r = run("once-client-reconnects-after-refusal");
  BOOST_TEST(r.status == 1, r.out << r.err);
  BOOST_TEST(has(r.out, "once-client-reconnects-after-refusal.toml:13:3: step 3 (client "
                        "await-reconnect): expected ok, got exit 1"), r.out);
  BOOST_TEST(has(r.out, "client program: once-client 198.18.0.2 8000 (pid "), r.out);
  BOOST_TEST(has(r.out, "): exit 1\n"), r.out);
  BOOST_TEST(has(r.out, "last lines of stderr:\n          connect: ECONNREFUSED (Connection refused)\n"),
             r.out);
  BOOST_TEST(has(r.out, "<- RST from server"), r.out);
}

// The same fixtures pass with the programs they were written for (fixtures/examples/): what
// fails is the program, not the fixture.
BOOST_AUTO_TEST_CASE(the_bundled_examples_pass) {
  auto r = t::cli({"run", std::string(RSTLAB_FIXTURE_DIR) + "/examples"});
  BOOST_TEST(r.status == 0, r.out << r.err);
  BOOST_TEST(has(r.out, " 0 failed, 0 errors, 0 skipped"), r.out);
}
