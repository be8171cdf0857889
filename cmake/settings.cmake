# One place for the compile settings every rstlab target shares.
option(RSTLAB_SANITIZE "Build with AddressSanitizer and UndefinedBehaviorSanitizer" OFF)

function(rstlab_settings target)
  target_compile_features(${target} PUBLIC cxx_std_20)
  target_compile_options(${target} PRIVATE -Wall -Wextra -Wpedantic -Wshadow -Wconversion
                                           -Wno-sign-conversion)
  # The default build keeps line tables only (enough for sanitizer reports, perf and gdb's
  # backtraces): full debug information was a quarter of each file's compile time.
  target_compile_options(${target} PRIVATE $<$<CONFIG:RelWithDebInfo>:-g1>)
  if(RSTLAB_SANITIZE)
    # -O1, as the sanitizers' authors advise: the reports stay exact, and it compiles a quarter
    # faster than -O2 (22.8 s against 16.7 s for engine/driver.cpp here).
    target_compile_options(${target} PRIVATE -O1)
    target_compile_options(${target} PUBLIC -fsanitize=address,undefined -fno-omit-frame-pointer
                                            -fno-sanitize-recover=all)
    target_link_options(${target} PUBLIC -fsanitize=address,undefined)
  endif()
endfunction()

# Test programs are compiled, not run for speed: they build without optimisation (-O0 after the
# build type's -O2 wins) and with line tables only, the code under test keeps the build type.
function(rstlab_test_optimization target)
  target_compile_options(${target} PRIVATE -O0 -g1)
endfunction()
