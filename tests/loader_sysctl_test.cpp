// [sysctl.client] and [sysctl.server]: known per-namespace settings only, integers (or, for the
// settings that hold several, a string of them), kept in file order as the text to write.
#include <boost/test/unit_test.hpp>

#include "harness/core/sysctls.hpp"
#include "tests/loader_support.hpp"

using namespace rstlab::test;

namespace {

// The tables given follow [client] and [server]: they start on line 9.
std::string with_tables(std::string_view tables) {
  return fixture_text("  { client = \"connect\" },\n",
                      "[client]\n[server]\n" + std::string(tables));
}

}  // namespace

BOOST_AUTO_TEST_SUITE(loader_sysctl)

BOOST_AUTO_TEST_CASE(sysctls_load_per_host_in_file_order) {
  auto sc = load_rich(with_tables(
      "[sysctl.server]\ntcp_rmem = \"4096  131072\t6291456\"\ntcp_abort_on_overflow = 1\n"
      "[sysctl.client]\nip_local_port_range = \"40000 40010\"\n"));
  const auto& server = sc.sysctls[static_cast<int>(fx::host::server)];
  BOOST_TEST(server.size() == 2u);
  BOOST_TEST((server.at(0).name == "tcp_rmem" && server.at(0).value == "4096 131072 6291456"));
  BOOST_TEST((server.at(1).name == "tcp_abort_on_overflow" && server.at(1).value == "1"));
  BOOST_TEST((server.at(1).pos.line == 11 && server.at(1).pos.column == 25));
  const auto& client = sc.sysctls[static_cast<int>(fx::host::client)];
  BOOST_TEST((client.size() == 1u && client.at(0).value == "40000 40010"));
}

BOOST_AUTO_TEST_CASE(sysctl_unknown_name_suggests_closest) {
  BOOST_TEST(error_text(with_tables("[sysctl.server]\ntcp_abort_on_overflw = 1\n")) ==
             "f.toml:10:1: unknown sysctl 'tcp_abort_on_overflw'; did you mean "
             "'tcp_abort_on_overflow'?");
}

BOOST_AUTO_TEST_CASE(sysctl_unknown_name_without_match_lists_them) {
  BOOST_TEST(error_text(with_tables("[sysctl.server]\nvm_swappiness = 1\n"))
                 .starts_with("f.toml:10:1: unknown sysctl 'vm_swappiness'; known per-namespace "
                              "settings: tcp_abort_on_overflow, tcp_rfc1337, tcp_syncookies,"));
}

BOOST_AUTO_TEST_CASE(sysctl_list_with_too_few_integers_gives_an_example) {
  BOOST_TEST(error_text(with_tables("[sysctl.server]\ntcp_rmem = \"4096 131072\"\n")) ==
             "f.toml:10:12: 'tcp_rmem' takes 3 integers separated by spaces, such as \"4096 131072 "
             "6291456\", got '4096 131072'");
  BOOST_TEST(error_text(with_tables("[sysctl.server]\nip_local_port_range = \"1 x\"\n")) ==
             "f.toml:10:23: 'ip_local_port_range' takes 2 integers separated by spaces, such as "
             "\"32768 60999\", got '1 x'");
}

BOOST_AUTO_TEST_CASE(sysctl_list_as_an_integer_is_refused) {
  BOOST_TEST(error_text(with_tables("[sysctl.client]\ntcp_wmem = 4096\n")) ==
             "f.toml:10:12: expected a string of 3 integers for 'tcp_wmem', got integer");
}

BOOST_AUTO_TEST_CASE(sysctl_integer_out_of_range_is_refused) {
  BOOST_TEST(error_text(with_tables("[sysctl.client]\ntcp_fin_timeout = -1\n")) ==
             "f.toml:10:19: 'tcp_fin_timeout' must be between 0 and 2147483647, got -1");
}

BOOST_AUTO_TEST_CASE(sysctl_of_wrong_type_is_refused) {
  BOOST_TEST(error_text(with_tables("[sysctl.client]\nsomaxconn = \"128\"\n")) ==
             "f.toml:10:13: expected an integer for 'somaxconn', got string");
}

BOOST_AUTO_TEST_CASE(sysctl_unknown_host_suggests_closest) {
  BOOST_TEST(error_text(with_tables("[sysctl.clinet]\nsomaxconn = 1\n")) ==
             "f.toml:9:9: unknown key 'clinet' in [sysctl]; did you mean 'client'?");
}

BOOST_AUTO_TEST_CASE(sysctl_every_bad_entry_is_reported) {
  BOOST_TEST(error_text(with_tables("[sysctl.server]\ntcp_sack = \"1\"\ntcp_ecn = 1\n"
                                    "tcp_tw_reuse = 3000000000\n")) ==
             "f.toml:10:12: expected an integer for 'tcp_sack', got string\n"
             "f.toml:12:16: 'tcp_tw_reuse' must be between 0 and 2147483647, got 3000000000");
}

BOOST_AUTO_TEST_CASE(sysctl_table_names_each_proc_sys_file) {
  BOOST_TEST(rstlab::core::sysctl_names().size() == 34u);
  BOOST_TEST(rstlab::core::find_sysctl("somaxconn")->path == "/proc/sys/net/core/somaxconn");
  BOOST_TEST(rstlab::core::find_sysctl("tcp_rmem")->path == "/proc/sys/net/ipv4/tcp_rmem");
  BOOST_TEST(rstlab::core::find_sysctl("tcp_rmem")->values == 3);
  BOOST_TEST(rstlab::core::find_sysctl("ip_local_port_range")->path ==
             "/proc/sys/net/ipv4/ip_local_port_range");
  BOOST_TEST(rstlab::core::find_sysctl("ip_local_port_range")->values == 2);
  BOOST_TEST(!rstlab::core::find_sysctl("vm_swappiness").has_value());
  for (auto name : rstlab::core::sysctl_names())
    BOOST_TEST(rstlab::core::find_sysctl(name)->path.ends_with("/" + std::string(name)));
}

BOOST_AUTO_TEST_SUITE_END()
