// Compiles Boost.Test's precompiled header, which every test program reuses (tests/CMakeLists.txt).
