#include "harness/report/progress.hpp"

#include <algorithm>
#include <cstdio>
#include <string_view>

#include "harness/report/escape.hpp"

namespace rstlab::report {

bool progress_wanted(bool terminal, const char* term) {
  return terminal && !(term && std::string_view(term) == "dumb");
}

void progress::start(std::size_t total) {
  std::lock_guard lock{mutex_};
  total_ = total;
  done_ = 0;
  running_.clear();
}

void progress::began(std::size_t index, std::string name, clock::time_point at) {
  std::lock_guard lock{mutex_};
  running_[index] = {std::move(name), at};
}

void progress::ended(std::size_t index) {
  std::lock_guard lock{mutex_};
  done_ += running_.erase(index);
}

std::string progress::line(clock::time_point now, std::size_t width) const {
  std::lock_guard lock{mutex_};
  if (running_.empty()) return "";
  auto longest = std::min_element(running_.begin(), running_.end(),
                                  [](auto& a, auto& b) { return a.second.since < b.second.since; });
  const auto& [name, since] = longest->second;
  return cut_to_width(progress_text(done_, total_, name, now - since, running_.size() - 1), width);
}

std::string progress_text(std::size_t done, std::size_t total, const std::string& name,
                          std::chrono::nanoseconds for_how_long, std::size_t others) {
  char counts[64], time[32];
  std::snprintf(counts, sizeof counts, "[%zu/%zu] running ", done, total);
  std::snprintf(time, sizeof time, " %.1f s", std::chrono::duration<double>(for_how_long).count());
  std::string text = counts + printable(name) + time;
  if (others > 0) text += " (and " + std::to_string(others) + " more)";
  return text;
}

std::string cut_to_width(const std::string& text, std::size_t width) {
  std::size_t columns = 0, i = 0;
  for (; i < text.size(); ++i) {
    bool starts_character = (static_cast<unsigned char>(text[i]) & 0xC0) != 0x80;
    if (starts_character && columns++ == width) break;
  }
  return text.substr(0, i);
}

}  // namespace rstlab::report
