#include "harness/core/names.hpp"

#include <netinet/tcp.h>
#include <poll.h>
#include <signal.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <cerrno>
#include <cstddef>
#include <cstdio>
#include <vector>

namespace rstlab::core {
namespace {

struct named {
  std::string_view name;
  int value;
};

// EWOULDBLOCK comes after EAGAIN (the same number on Linux), so the number prints as EAGAIN.
// clang-format off
constexpr named errnos[] = {
    {"EPERM", EPERM}, {"ENOENT", ENOENT}, {"EINTR", EINTR}, {"EIO", EIO}, {"EBADF", EBADF},
    {"EAGAIN", EAGAIN}, {"EWOULDBLOCK", EWOULDBLOCK}, {"ENOMEM", ENOMEM}, {"EACCES", EACCES},
    {"EFAULT", EFAULT}, {"EBUSY", EBUSY}, {"EEXIST", EEXIST}, {"EINVAL", EINVAL},
    {"ENFILE", ENFILE}, {"EMFILE", EMFILE}, {"ENOSPC", ENOSPC}, {"EPIPE", EPIPE},
    {"ENOTSOCK", ENOTSOCK}, {"EDESTADDRREQ", EDESTADDRREQ}, {"EMSGSIZE", EMSGSIZE},
    {"EPROTOTYPE", EPROTOTYPE}, {"ENOPROTOOPT", ENOPROTOOPT}, {"EPROTONOSUPPORT", EPROTONOSUPPORT},
    {"EOPNOTSUPP", EOPNOTSUPP}, {"EAFNOSUPPORT", EAFNOSUPPORT}, {"EADDRINUSE", EADDRINUSE},
    {"EADDRNOTAVAIL", EADDRNOTAVAIL}, {"ENETDOWN", ENETDOWN}, {"ENETUNREACH", ENETUNREACH},
    {"ENETRESET", ENETRESET}, {"ECONNABORTED", ECONNABORTED}, {"ECONNRESET", ECONNRESET},
    {"ENOBUFS", ENOBUFS}, {"EISCONN", EISCONN}, {"ENOTCONN", ENOTCONN}, {"ESHUTDOWN", ESHUTDOWN},
    {"ETIMEDOUT", ETIMEDOUT}, {"ECONNREFUSED", ECONNREFUSED}, {"EHOSTDOWN", EHOSTDOWN},
    {"EHOSTUNREACH", EHOSTUNREACH}, {"EALREADY", EALREADY}, {"EINPROGRESS", EINPROGRESS},
};
// clang-format on

// The signals a program can be sent or die of (signal(7)); SIGIOT and SIGPOLL are other names
// of SIGABRT and SIGIO and are left out.
constexpr named signals_table[] = {
    {"SIGHUP", SIGHUP},     {"SIGINT", SIGINT},       {"SIGQUIT", SIGQUIT}, {"SIGILL", SIGILL},
    {"SIGTRAP", SIGTRAP},   {"SIGABRT", SIGABRT},     {"SIGBUS", SIGBUS},   {"SIGFPE", SIGFPE},
    {"SIGKILL", SIGKILL},   {"SIGUSR1", SIGUSR1},     {"SIGSEGV", SIGSEGV}, {"SIGUSR2", SIGUSR2},
    {"SIGPIPE", SIGPIPE},   {"SIGALRM", SIGALRM},     {"SIGTERM", SIGTERM}, {"SIGCHLD", SIGCHLD},
    {"SIGCONT", SIGCONT},   {"SIGSTOP", SIGSTOP},     {"SIGTSTP", SIGTSTP}, {"SIGTTIN", SIGTTIN},
    {"SIGTTOU", SIGTTOU},   {"SIGURG", SIGURG},       {"SIGXCPU", SIGXCPU}, {"SIGXFSZ", SIGXFSZ},
    {"SIGVTALRM", SIGVTALRM}, {"SIGPROF", SIGPROF},   {"SIGWINCH", SIGWINCH}, {"SIGIO", SIGIO},
    {"SIGPWR", SIGPWR},     {"SIGSYS", SIGSYS},
};

// Index + 1 is the state's number (include/net/tcp_states.h).
constexpr std::string_view tcp_states[] = {
    "ESTABLISHED", "SYN_SENT",   "SYN_RECV", "FIN_WAIT1", "FIN_WAIT2", "TIME_WAIT",
    "CLOSE",       "CLOSE_WAIT", "LAST_ACK", "LISTEN",    "CLOSING",
};

// The order in which poll_bits_name() prints them.
constexpr named poll_bits[] = {
    {"IN", POLLIN},       {"OUT", POLLOUT}, {"ERR", POLLERR},   {"HUP", POLLHUP},
    {"RDHUP", POLLRDHUP}, {"PRI", POLLPRI}, {"NVAL", POLLNVAL},
};

// The Tcp: fields of /proc/net/snmp (the first snmp_counters of them), then the TcpExt: fields
// of /proc/net/netstat (Linux 6.18).
constexpr std::size_t snmp_counters = 15;
// clang-format off
constexpr std::string_view counters[] = {
    "RtoAlgorithm", "RtoMin", "RtoMax", "MaxConn", "ActiveOpens", "PassiveOpens", "AttemptFails",
    "EstabResets", "CurrEstab", "InSegs", "OutSegs", "RetransSegs", "InErrs", "OutRsts",
    "InCsumErrors", "SyncookiesSent", "SyncookiesRecv", "SyncookiesFailed", "EmbryonicRsts",
    "PruneCalled", "RcvPruned", "OfoPruned", "OutOfWindowIcmps", "LockDroppedIcmps", "ArpFilter",
    "TW", "TWRecycled", "TWKilled", "PAWSActive", "PAWSEstab", "BeyondWindow", "TSEcrRejected",
    "PAWSOldAck", "PAWSTimewait", "DelayedACKs", "DelayedACKLocked", "DelayedACKLost",
    "ListenOverflows", "ListenDrops", "TCPHPHits", "TCPPureAcks", "TCPHPAcks", "TCPRenoRecovery",
    "TCPSackRecovery", "TCPSACKReneging", "TCPSACKReorder", "TCPRenoReorder", "TCPTSReorder",
    "TCPFullUndo", "TCPPartialUndo", "TCPDSACKUndo", "TCPLossUndo", "TCPLostRetransmit",
    "TCPRenoFailures", "TCPSackFailures", "TCPLossFailures", "TCPFastRetrans",
    "TCPSlowStartRetrans", "TCPTimeouts", "TCPLossProbes", "TCPLossProbeRecovery",
    "TCPRenoRecoveryFail", "TCPSackRecoveryFail", "TCPRcvCollapsed", "TCPBacklogCoalesce",
    "TCPDSACKOldSent", "TCPDSACKOfoSent", "TCPDSACKRecv", "TCPDSACKOfoRecv", "TCPAbortOnData",
    "TCPAbortOnClose", "TCPAbortOnMemory", "TCPAbortOnTimeout", "TCPAbortOnLinger",
    "TCPAbortFailed", "TCPMemoryPressures", "TCPMemoryPressuresChrono", "TCPSACKDiscard",
    "TCPDSACKIgnoredOld", "TCPDSACKIgnoredNoUndo", "TCPSpuriousRTOs", "TCPMD5NotFound",
    "TCPMD5Unexpected", "TCPMD5Failure", "TCPSackShifted", "TCPSackMerged", "TCPSackShiftFallback",
    "TCPBacklogDrop", "PFMemallocDrop", "TCPMinTTLDrop", "TCPDeferAcceptDrop",
    "IPReversePathFilter", "TCPTimeWaitOverflow", "TCPReqQFullDoCookies", "TCPReqQFullDrop",
    "TCPRetransFail", "TCPRcvCoalesce", "TCPOFOQueue", "TCPOFODrop", "TCPOFOMerge",
    "TCPChallengeACK", "TCPSYNChallenge", "TCPFastOpenActive", "TCPFastOpenActiveFail",
    "TCPFastOpenPassive", "TCPFastOpenPassiveFail", "TCPFastOpenListenOverflow",
    "TCPFastOpenCookieReqd", "TCPFastOpenBlackhole", "TCPSpuriousRtxHostQueues",
    "BusyPollRxPackets", "TCPAutoCorking", "TCPFromZeroWindowAdv", "TCPToZeroWindowAdv",
    "TCPWantZeroWindowAdv", "TCPSynRetrans", "TCPOrigDataSent", "TCPHystartTrainDetect",
    "TCPHystartTrainCwnd", "TCPHystartDelayDetect", "TCPHystartDelayCwnd", "TCPACKSkippedSynRecv",
    "TCPACKSkippedPAWS", "TCPACKSkippedSeq", "TCPACKSkippedFinWait2", "TCPACKSkippedTimeWait",
    "TCPACKSkippedChallenge", "TCPWinProbe", "TCPKeepAlive", "TCPMTUPFail", "TCPMTUPSuccess",
    "TCPDelivered", "TCPDeliveredCE", "TCPAckCompressed", "TCPZeroWindowDrop", "TCPRcvQDrop",
    "TCPWqueueTooBig", "TCPFastOpenPassiveAltKey", "TcpTimeoutRehash", "TcpDuplicateDataRehash",
    "TCPDSACKRecvSegs", "TCPDSACKIgnoredDubious", "TCPMigrateReqSuccess", "TCPMigrateReqFailure",
    "TCPPLBRehash", "TCPAORequired", "TCPAOBad", "TCPAOKeyNotFound", "TCPAOGood",
    "TCPAODroppedIcmps",
};
// clang-format on

template <std::size_t N>
constexpr std::array<std::string_view, N> names_of(const named (&table)[N]) {
  std::array<std::string_view, N> out{};
  for (std::size_t i = 0; i < N; ++i)
    out[i] = table[i].name;
  return out;
}

constexpr auto errno_list = names_of(errnos);
constexpr auto poll_list = names_of(poll_bits);

template <std::size_t N>
std::optional<int> value_of(const named (&table)[N], std::string_view name) {
  for (const auto& entry : table)
    if (entry.name == name) return entry.value;
  return std::nullopt;
}

std::string_view trimmed(std::string_view text) {
  auto first = text.find_first_not_of(' ');
  if (first == std::string_view::npos) return {};
  return text.substr(first, text.find_last_not_of(' ') - first + 1);
}

std::string hex(int bits) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "0x%x", static_cast<unsigned>(bits));
  return buf;
}

char lower(char c) {
  return static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
}

// Edit distance, ignoring case, where swapping two neighbouring letters counts as one edit
// (the optimal string alignment distance): "SIGTREM" is one edit from SIGTERM, two from
// SIGTRAP. Three rows of the table are kept.
std::size_t distance(std::string_view a, std::string_view b) {
  std::vector<std::size_t> before(b.size() + 1), prev(b.size() + 1), row(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j)
    prev[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    row[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      std::size_t substitute = prev[j - 1] + (lower(a[i - 1]) == lower(b[j - 1]) ? 0 : 1);
      row[j] = std::min({prev[j] + 1, row[j - 1] + 1, substitute});
      if (i > 1 && j > 1 && lower(a[i - 1]) == lower(b[j - 2]) && lower(a[i - 2]) == lower(b[j - 1]))
        row[j] = std::min(row[j], before[j - 2] + 1);
    }
    std::swap(before, prev);
    std::swap(prev, row);
  }
  return prev[b.size()];
}

}  // namespace

std::optional<int> errno_from_name(std::string_view name) {
  return value_of(errnos, name);
}

std::string_view errno_name(int err) {
  for (const auto& entry : errnos)
    if (entry.value == err) return entry.name;
  return {};
}

std::span<const std::string_view> errno_names() {
  return errno_list;
}

std::optional<int> signal_from_name(std::string_view name) {
  return value_of(signals_table, name);
}

std::string_view signal_name(int sig) {
  for (const auto& entry : signals_table)
    if (entry.value == sig) return entry.name;
  return {};
}

std::span<const std::string_view> signal_names() {
  static const auto list = [] {
    std::vector<std::string_view> out;
    for (const auto& entry : signals_table) out.push_back(entry.name);
    return out;
  }();
  return list;
}

std::optional<int> tcp_state_from_name(std::string_view name) {
  auto it = std::find(std::begin(tcp_states), std::end(tcp_states), name);
  if (it == std::end(tcp_states)) return std::nullopt;
  return static_cast<int>(it - std::begin(tcp_states)) + 1;
}

std::string_view tcp_state_name(int state) {
  if (state < 1 || state > static_cast<int>(std::size(tcp_states))) return {};
  return tcp_states[state - 1];
}

std::span<const std::string_view> tcp_state_names() {
  return tcp_states;
}

std::optional<int> poll_bits_from_names(std::string_view text, std::string* bad_part) {
  if (trimmed(text) == "0") return 0;
  int bits = 0;
  while (true) {
    auto bar = text.find('|');
    auto part = trimmed(text.substr(0, bar));
    auto bit = value_of(poll_bits, part);
    if (!bit) {
      if (bad_part) *bad_part = std::string(part);
      return std::nullopt;
    }
    bits |= *bit;
    if (bar == std::string_view::npos) return bits;
    text.remove_prefix(bar + 1);
  }
}

// Bits outside the table (POLLWRNORM and friends) print in hex rather than vanish.
std::string poll_bits_name(int bits) {
  std::string out;
  for (const auto& entry : poll_bits) {
    if (!(bits & entry.value)) continue;
    out += (out.empty() ? "" : "|") + std::string(entry.name);
    bits &= ~entry.value;
  }
  if (bits) out += (out.empty() ? "" : "|") + hex(bits);
  return out.empty() ? "0" : out;
}

std::span<const std::string_view> poll_bit_names() {
  return poll_list;
}

bool is_counter_name(std::string_view name) {
  return std::find(std::begin(counters), std::end(counters), name) != std::end(counters);
}

std::optional<std::uint8_t> tcp_flags_from_letters(std::string_view letters) {
  constexpr std::string_view order = "FSRP.UEW";  // bit i is 1 << i
  std::uint8_t out = 0;
  for (char c : letters) {
    auto at = order.find(c);
    if (at == std::string_view::npos || (out & (1u << at))) return std::nullopt;
    out = static_cast<std::uint8_t>(out | (1u << at));
  }
  if (letters.empty()) return std::nullopt;
  return out;
}

std::string tcp_flags_mistake(std::string_view letters) {
  constexpr std::string_view order = "FSRP.UEW";
  if (letters.empty()) return "no flag letters";
  for (std::size_t i = 0; i < letters.size(); ++i) {
    auto c = letters[i];
    if (c == 'A') return "'A' is no flag letter (tcpdump writes the ACK as '.')";
    if (static_cast<unsigned char>(c) >= 0x80) return "a non-ASCII character is no flag letter";
    if (order.find(c) == std::string_view::npos)
      return "'" + std::string(1, c) + "' is no flag letter";
    if (letters.find(c, i + 1) != std::string_view::npos)
      return "'" + std::string(1, c) + "' is written twice";
  }
  return "";
}

std::span<const std::string_view> counter_names() {
  return counters;
}

bool is_snmp_counter(std::string_view name) {
  auto tcp = std::span<const std::string_view>(counters).first(snmp_counters);
  return std::find(tcp.begin(), tcp.end(), name) != tcp.end();
}

// An empty word is no typo of anything: without the guard every two-letter name would match it.
// The distance is at least the difference in length, so a candidate that differs in length by
// the current bound is skipped unmeasured: a megabyte-long word costs one pass over the list,
// not a megabyte times each candidate.
std::optional<std::string_view> closest(std::string_view word,
                                        std::span<const std::string_view> candidates) {
  if (word.empty()) return std::nullopt;
  std::optional<std::string_view> best;
  std::size_t best_distance = std::max<std::size_t>(2, word.size() / 3) + 1;
  for (auto candidate : candidates) {
    auto gap = word.size() > candidate.size() ? word.size() - candidate.size()
                                              : candidate.size() - word.size();
    if (gap >= best_distance) continue;
    auto d = distance(word, candidate);
    if (d >= best_distance) continue;
    best = candidate;
    best_distance = d;
  }
  return best;
}

}  // namespace rstlab::core
