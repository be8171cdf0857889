// The wire's view of each connection and the segments it forges from it: sequence numbers
// advanced by payload, SYN and FIN, a new SYN on the same ports starting a new connection, and
// forged RSTs exactly at, inside or far outside what the receiver expects.
#include <boost/test/unit_test.hpp>

#include "harness/wire/flows.hpp"
#include "harness/wire/sides.hpp"

namespace w = rstlab::wire;
using rstlab::core::host;
namespace flag = w::flag;

namespace {

const auto client_ip = rstlab::core::ip_address::v4(0xC6120001u);
const auto server_ip = rstlab::core::ip_address::v4(0xC6120002u);

w::segment from(host h, std::uint8_t flags, std::uint32_t seq, std::uint32_t ack,
                std::uint32_t payload = 0, std::uint16_t cport = 40000) {
  w::segment s;
  bool up = h == host::client;
  s.dir = up ? w::direction::to_server : w::direction::to_client;
  s.src = up ? client_ip : server_ip;
  s.dst = up ? server_ip : client_ip;
  s.sport = up ? cport : 8000;
  s.dport = up ? 8000 : cport;
  s.seq = seq;
  s.ack = ack;
  s.flags = flags;
  s.payload = payload;
  s.window = 501;
  return s;
}

// A handshake (client ISN 1000, server 5000) and 100 bytes from the client.
w::flow_table connected() {
  w::flow_table t;
  t.see(from(host::client, flag::syn, 1000, 0));
  t.see(from(host::server, flag::syn | flag::ack, 5000, 1001));
  t.see(from(host::client, flag::ack, 1001, 5001));
  t.see(from(host::client, flag::psh | flag::ack, 1001, 5001, 100));
  t.see(from(host::server, flag::ack, 5001, 1101));
  return t;
}

}  // namespace

BOOST_AUTO_TEST_CASE(each_side_will_send_next_what_it_sent_plus_its_length) {
  auto t = connected();
  const auto* f = t.latest();
  BOOST_TEST_REQUIRE(f);
  BOOST_TEST(f->from[0].next_seq == 1101u);
  BOOST_TEST(f->from[1].next_seq == 5001u);
  BOOST_TEST(f->from[1].acked == 1101u);
  BOOST_TEST(f->client_port == 40000);
}

BOOST_AUTO_TEST_CASE(an_exact_rst_to_the_client_carries_the_servers_next_sequence_number) {
  auto t = connected();
  auto rst = w::forged(*t.latest(), host::client, flag::rst, w::seq_choice::exact);
  BOOST_TEST_REQUIRE(rst.has_value());
  BOOST_TEST(rst->src.text() == server_ip.text());
  BOOST_TEST(rst->dst.text() == client_ip.text());
  BOOST_TEST(rst->sport == 8000);
  BOOST_TEST(rst->dport == 40000);
  BOOST_TEST(rst->seq == 5001u);
  BOOST_TEST(rst->ack == 0u);
  auto with_ack = w::forged(*t.latest(), host::server, flag::rst | flag::ack, w::seq_choice::exact);
  BOOST_TEST(with_ack->seq == 1101u);  // the client's next, to the server
  BOOST_TEST(with_ack->ack == 5001u);
}

BOOST_AUTO_TEST_CASE(in_window_and_out_of_window_rsts_miss_the_exact_number) {
  auto t = connected();
  auto in = w::forged(*t.latest(), host::client, flag::rst, w::seq_choice::in_window);
  auto out = w::forged(*t.latest(), host::client, flag::rst, w::seq_choice::out_of_window);
  BOOST_TEST(in->seq == 5002u);
  BOOST_TEST(out->seq == 5001u + (1u << 30));
}

BOOST_AUTO_TEST_CASE(a_new_syn_on_the_same_ports_is_a_new_connection) {
  auto t = connected();
  t.see(from(host::client, flag::fin | flag::ack, 1101, 5001));
  BOOST_TEST(t.latest()->from[0].next_seq == 1102u);  // FIN counts one
  t.see(from(host::client, flag::syn, 90000, 0));
  BOOST_TEST(t.latest()->from[0].next_seq == 90001u);
  BOOST_TEST(!t.latest()->from[1].seen);
  BOOST_TEST(!w::forged(*t.latest(), host::client, flag::rst, w::seq_choice::exact));  // server silent
}

BOOST_AUTO_TEST_CASE(connections_are_found_by_client_port_and_forgeries_teach_nothing) {
  auto t = connected();
  t.see(from(host::client, flag::syn, 7000, 0, 0, 40001));
  BOOST_TEST(t.latest()->client_port == 40001);
  BOOST_TEST(t.by_client_port(40000)->from[0].next_seq == 1101u);
  BOOST_TEST(!t.by_client_port(1234));
  auto forged = from(host::server, flag::rst, 999999, 0, 0, 40001);
  forged.what = rstlab::core::fate::injected;
  t.see(forged);
  BOOST_TEST(!t.latest()->from[1].seen);
}

// An exact RST must meet the receiver's rcv_nxt: data the wire dropped or still holds never
// reached it, so it moves nothing; once released, it does.
BOOST_AUTO_TEST_CASE(only_what_reached_the_receiver_moves_its_expected_sequence_number) {
  using rstlab::core::fate;
  auto t = connected();
  auto lost = from(host::client, flag::psh | flag::ack, 1101, 5001, 50);
  lost.what = fate::dropped;
  t.see(lost);
  BOOST_TEST(t.latest()->from[0].next_seq == 1101u);
  auto held = from(host::client, flag::psh | flag::ack, 1101, 5001, 70);
  held.what = fate::held;
  t.see(held);
  BOOST_TEST(t.latest()->from[0].next_seq == 1101u);
  auto rst = w::forged(*t.latest(), host::server, flag::rst, w::seq_choice::exact);
  BOOST_TEST(rst->seq == 1101u);
  held.what = fate::released;
  t.see(held);
  BOOST_TEST(t.latest()->from[0].next_seq == 1171u);
  auto late_synack = from(host::server, flag::syn | flag::ack, 5000, 1001);
  late_synack.what = fate::released;
  t.see(late_synack);  // a late delivery starts no new connection
  BOOST_TEST(t.latest()->from[0].next_seq == 1171u);
}

BOOST_AUTO_TEST_CASE(a_held_syn_released_later_is_still_one_connection) {
  using rstlab::core::fate;
  w::flow_table t;
  auto syn = from(host::client, flag::syn, 1000, 0);
  syn.what = fate::held;
  t.see(syn);
  BOOST_TEST(!t.latest()->from[0].seen);
  syn.what = fate::released;
  t.see(syn);
  BOOST_TEST(t.latest()->from[0].next_seq == 1001u);
  t.see(from(host::server, flag::syn | flag::ack, 5000, 1001));
  BOOST_TEST(t.latest()->from[0].next_seq == 1001u);  // the same flow
}

// On lo both hosts share an address: the connection's SYN tells who is the client.
BOOST_AUTO_TEST_CASE(on_loopback_the_syns_sender_is_the_client) {
  w::loopback_sides sides{8000};
  auto syn = from(host::client, flag::syn, 1000, 0, 0, 40000);
  BOOST_TEST((sides.of(syn) == w::direction::to_server));
  auto synack = from(host::server, flag::syn | flag::ack, 5000, 1001, 0, 40000);
  BOOST_TEST((sides.of(synack) == w::direction::to_client));
  // A connection to another port: still its SYN that decides.
  auto other = from(host::client, flag::syn, 1, 0, 0, 40001);
  other.dport = 9999;
  BOOST_TEST((sides.of(other) == w::direction::to_server));
  auto refused = other;
  std::swap(refused.sport, refused.dport);
  refused.flags = flag::rst | flag::ack;
  BOOST_TEST((sides.of(refused) == w::direction::to_client));
  // No SYN seen: whoever sends from the service port is the server.
  auto stray = from(host::server, flag::ack, 1, 1, 0, 41000);
  BOOST_TEST((sides.of(stray) == w::direction::to_client));
  std::swap(stray.sport, stray.dport);
  BOOST_TEST((sides.of(stray) == w::direction::to_server));
}
