// A JSON object or array built as text, for the JSON reporter: keys in the order added, every
// string through json_quoted (escape.hpp). Pure.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "harness/report/escape.hpp"

namespace rstlab::report::json_text {

class object {
 public:
  object& raw(std::string_view key, const std::string& json) {
    body_ += (body_.empty() ? "" : ",") + json_quoted(key) + ":" + json;
    return *this;
  }
  object& text(std::string_view key, std::string_view value) {
    return raw(key, json_quoted(value));
  }
  // null for an empty text
  object& text_or_null(std::string_view key, std::string_view value) {
    return raw(key, value.empty() ? "null" : json_quoted(value));
  }
  object& number(std::string_view key, std::int64_t value) {
    return raw(key, std::to_string(value));
  }
  object& number_or_null(std::string_view key, std::optional<std::int64_t> value) {
    return raw(key, value ? std::to_string(*value) : "null");
  }
  object& flag(std::string_view key, bool value) { return raw(key, value ? "true" : "false"); }
  std::string str() const { return "{" + body_ + "}"; }

 private:
  std::string body_;
};

inline std::string array(const std::vector<std::string>& items) {
  std::string out = "[";
  for (const auto& item : items)
    out += (out.size() > 1 ? "," : "") + item;
  return out + "]";
}

}  // namespace rstlab::report::json_text
