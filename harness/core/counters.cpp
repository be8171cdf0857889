#include "harness/core/counters.hpp"

#include <charconv>
#include <stdexcept>
#include <vector>

namespace rstlab::core {
namespace {

std::vector<std::string_view> words(std::string_view line) {
  std::vector<std::string_view> out;
  std::size_t i = 0;
  while (i < line.size()) {
    while (i < line.size() && line[i] == ' ') ++i;
    std::size_t start = i;
    while (i < line.size() && line[i] != ' ') ++i;
    if (i > start) out.push_back(line.substr(start, i - start));
  }
  return out;
}

std::vector<std::string_view> lines(std::string_view text) {
  std::vector<std::string_view> out;
  while (!text.empty()) {
    auto nl = text.find('\n');
    auto line = text.substr(0, nl);
    if (!line.empty()) out.push_back(line);
    if (nl == std::string_view::npos) break;
    text.remove_prefix(nl + 1);
  }
  return out;
}

std::int64_t number(std::string_view w, std::string_view section) {
  std::int64_t v = 0;
  auto [end, ec] = std::from_chars(w.data(), w.data() + w.size(), v);
  if (ec != std::errc{} || end != w.data() + w.size())
    throw std::runtime_error("counters: '" + std::string(w) + "' in section " +
                             std::string(section) + " is not a number");
  return v;
}

// One "Name: a b c" header line and its "Name: 1 2 3" value line.
void read_pair(std::string_view head, std::string_view values, counter_map& out) {
  auto names = words(head), nums = words(values);
  if (names.empty() || names[0].back() != ':' || nums.empty() || nums[0] != names[0])
    throw std::runtime_error("counters: expected a header line and a value line for '" +
                             std::string(names.empty() ? head : names[0]) + "'");
  if (names.size() != nums.size())
    throw std::runtime_error("counters: section " + std::string(names[0]) + " has " +
                             std::to_string(names.size() - 1) + " names but " +
                             std::to_string(nums.size() - 1) + " values");
  if (names[0] != "Tcp:" && names[0] != "TcpExt:") return;
  for (std::size_t i = 1; i < names.size(); ++i)
    out[std::string(names[i])] = number(nums[i], names[0]);
}

}  // namespace

counter_map parse_counters(std::string_view text) {
  auto all = lines(text);
  if (all.size() % 2 != 0)
    throw std::runtime_error("counters: odd number of lines; expected header/value pairs");
  counter_map out;
  for (std::size_t i = 0; i < all.size(); i += 2) read_pair(all[i], all[i + 1], out);
  return out;
}

namespace {

// Tokens of one line, one at a time, without building a list of them.
struct word_cursor {
  std::string_view line;
  std::string_view next() {
    auto start = line.find_first_not_of(' ');
    if (start == std::string_view::npos) return {};
    line.remove_prefix(start);
    auto word = line.substr(0, line.find(' '));
    line.remove_prefix(word.size());
    return word;
  }
};

// Both texts, pair of lines by pair of lines, into `out`; false when their shapes differ.
bool delta_in_step(const std::vector<std::string_view>& a, const std::vector<std::string_view>& b,
                   const counter_filter& still, counter_map& out) {
  if (a.size() != b.size() || a.size() % 2 != 0) return false;
  for (std::size_t i = 0; i < a.size(); i += 2) {
    if (a[i] != b[i]) return false;
    word_cursor names{a[i]}, was{a[i + 1]}, now{b[i + 1]};
    auto section = names.next();
    if (was.next() != section || now.next() != section) return false;
    bool wanted = section == "Tcp:" || section == "TcpExt:";
    for (auto name = names.next(); !name.empty(); name = names.next()) {
      auto x = was.next(), y = now.next();
      if (x.empty() || y.empty()) return false;
      if (!wanted) continue;
      auto moved = number(y, section) - number(x, section);
      if (moved != 0 || !still || still(name)) out.emplace(std::string(name), moved);
    }
  }
  return true;
}

}  // namespace

counter_map delta(std::string_view before, std::string_view after, const counter_filter& still) {
  counter_map out;
  if (delta_in_step(lines(before), lines(after), still, out)) return out;
  out = delta(parse_counters(before), parse_counters(after));
  if (still) std::erase_if(out, [&](const auto& kv) { return kv.second == 0 && !still(kv.first); });
  return out;
}

counter_map delta(const counter_map& before, const counter_map& after) {
  counter_map out;
  for (const auto& [name, value] : after) {
    auto it = before.find(name);
    out[name] = value - (it == before.end() ? 0 : it->second);
  }
  return out;
}

}  // namespace rstlab::core
