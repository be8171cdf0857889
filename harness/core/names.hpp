// Names the fixtures speak in: errno values, TCP states, poll bits and kernel counters, each
// with the list used to suggest the closest spelling when a fixture has a typo.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace rstlab::core {

std::optional<int> errno_from_name(std::string_view name);
std::string_view errno_name(int err);  // "errno 123" style names are not produced: "" if unknown
std::span<const std::string_view> errno_names();

// Signals by their names with the SIG prefix ("SIGPIPE", "SIGTERM"), numbered as Linux does.
std::optional<int> signal_from_name(std::string_view name);
std::string_view signal_name(int sig);  // "" if unknown
std::span<const std::string_view> signal_names();

// TCP states as Linux numbers them (TCP_ESTABLISHED == 1 ... TCP_CLOSING == 11).
std::optional<int> tcp_state_from_name(std::string_view name);
std::string_view tcp_state_name(int state);
std::span<const std::string_view> tcp_state_names();

// poll(2) bits: "IN|OUT|ERR|HUP|RDHUP|PRI|NVAL".
std::optional<int> poll_bits_from_names(std::string_view text, std::string* bad_part = nullptr);
std::string poll_bits_name(int bits);
std::span<const std::string_view> poll_bit_names();

// TCP flags in tcpdump's letters ("S.", "FP.", "R"): F S R P . U E W, each at most once; the
// header's bit values (FIN 0x01 ... CWR 0x80). nullopt for another letter or a repeat.
std::optional<std::uint8_t> tcp_flags_from_letters(std::string_view letters);
// What is wrong with `letters` as TCP flags, for a message ("'X' is no flag letter", "'S' is
// written twice"); empty when nothing is.
std::string tcp_flags_mistake(std::string_view letters);

// Counters of /proc/net/snmp (Tcp:) and /proc/net/netstat (TcpExt:) that fixtures may assert.
bool is_counter_name(std::string_view name);
std::span<const std::string_view> counter_names();
// True for a Tcp: counter, printed in /proc/net/snmp; the others are in /proc/net/netstat.
bool is_snmp_counter(std::string_view name);

// The candidate closest to `word` by edit distance, if it is close enough to be a likely typo.
std::optional<std::string_view> closest(std::string_view word,
                                        std::span<const std::string_view> candidates);

}  // namespace rstlab::core
