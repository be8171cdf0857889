// Which part of a suite this process runs when a CI system fans one suite out over machines:
// case i of the planned suite belongs to shard i mod total, so the shards together are the
// whole suite, each case in exactly one. From --shard I/N, or else the environment a CI
// system sets: GTEST_SHARD_INDEX / GTEST_TOTAL_SHARDS, Bazel's TEST_SHARD_INDEX /
// TEST_TOTAL_SHARDS, GitLab's CI_NODE_INDEX / CI_NODE_TOTAL (`parallel: N`, counted from 1).
#pragma once

#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <variant>

namespace rstlab::runner {

struct shard {
  std::size_t index = 0, total = 1;  // index counted from 0
  std::string source;                // where it came from, for messages ("--shard", "GTEST_...")
  bool holds(std::size_t i) const { return i % total == index; }
};

// The shard asked for, none (run everything), or why what was given makes no sense.
// `flag` is --shard's text (empty when not given); `env` reads a variable (nullopt: unset).
std::variant<std::optional<shard>, std::string> find_shard(
    const std::string& flag, const std::function<std::optional<std::string>(const char*)>& env);

}  // namespace rstlab::runner
