#include "harness/runner/shard.hpp"

#include <charconv>

namespace rstlab::runner {
namespace {

std::optional<std::size_t> number(std::string_view text) {
  std::size_t n = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), n);
  if (text.empty() || ec != std::errc{} || end != text.data() + text.size()) return std::nullopt;
  return n;
}

// index/total as given, `first` the number the first shard has (0, or 1 for GitLab).
std::variant<std::optional<shard>, std::string> make(std::string_view index,
                                                     std::string_view total, std::size_t first,
                                                     const std::string& source) {
  auto i = number(index), n = number(total);
  if (!i || !n || *n == 0 || *i < first || *i - first >= *n)
    return source + ": expected a shard index " + (first == 0 ? "from 0 to N-1" : "from 1 to N") +
           " of a total N of at least 1, got index '" + std::string(index) + "' of total '" +
           std::string(total) + "'";
  return shard{*i - first, *n, source};
}

}  // namespace

std::variant<std::optional<shard>, std::string> find_shard(
    const std::string& flag, const std::function<std::optional<std::string>(const char*)>& env) {
  if (!flag.empty()) {
    auto slash = flag.find('/');
    if (slash == std::string::npos)
      return "--shard: expected I/N (shard I of N, from 0), e.g. --shard 0/4, got '" + flag + "'";
    return make(std::string_view(flag).substr(0, slash), std::string_view(flag).substr(slash + 1),
                0, "--shard");
  }
  struct pair { const char *index, *total; std::size_t first; };
  for (auto [index, total, first] : {pair{"GTEST_SHARD_INDEX", "GTEST_TOTAL_SHARDS", 0},
                                     pair{"TEST_SHARD_INDEX", "TEST_TOTAL_SHARDS", 0},
                                     pair{"CI_NODE_INDEX", "CI_NODE_TOTAL", 1}}) {
    auto i = env(index), n = env(total);
    if (!i && (!n || *n == "1")) continue;  // GitLab sets CI_NODE_TOTAL=1 without `parallel`
    if (!i || !n)
      return std::string(i ? total : index) + " is not set, though " + (i ? index : total) +
             " is: a CI system sets both";
    return make(*i, *n, first, std::string(index) + "/" + total);
  }
  return std::optional<shard>{};
}

}  // namespace rstlab::runner
