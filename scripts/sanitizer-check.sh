#!/usr/bin/env bash
# Sanitizer build: AddressSanitizer, UndefinedBehaviorSanitizer and libstdc++'s assertions
# (_GLIBCXX_ASSERTIONS: bounds of operator[], empty optional dereference). Leak detection is off:
# Open MPI's own allocations at exit would be reported.
# GCC 12 reports spurious (maybe-)uninitialized warnings under -fsanitize (inside std::regex's
# std::function, and inside avx512fintrin.h for Eigen's ptranspose), which -Werror turns fatal:
# those two warnings are off here and the build is generic x86-64.
# Not in .ci/run at the moment: on the merged tree of 2026-12-01 every sanitizer check passed,
# but check_learn failed in this (generic, RelWithDebInfo) build: the 1- and 2-rank runs chose
# different hyperparameters after the initial design (issue 7/9 notes). By hand:
#   bash scripts/sanitizer-check.sh
# Tests: the 1- and 2-rank runs (labels RANK_1|RANK_2: every Catch2 test, the bad-input and
# settings shell checks). Left out, to keep CI well inside its time: the 4-rank runs, the
# unlabelled end-to-end shell checks (install, SLURM job scripts, command line, info, cluster,
# kernel reuse: they drive the same stages as the Catch2 tests through the program), and
# test_bo_benchmarks (hundreds of optimiser steps over 10 seeds, over 10x slower here; the
# optimiser's code paths run in test_bo_components and test_batch_evaluation).
# check_learn_resume (kills and resumes the loop that check_learn runs whole) and
# check_gap_bad_input (error paths of fit/predict before any fit) are left out too.
# Cost measured on the 2-core CI machine type (busy, 2026-12-01): the build 41 CPU minutes
# without ccache (≈ 21 min on 2 cores), the tests 5 CPU minutes and under 9 min wall (longest
# check_bad_input); with the Release step's 11 min, .ci/run ≈ 40 min of its 90.
set -euo pipefail
cd "$(dirname "$0")/.."
export OPENBLAS_NUM_THREADS=1
sanitize="-fsanitize=address,undefined -fno-sanitize-recover=undefined -fno-omit-frame-pointer -D_GLIBCXX_ASSERTIONS -Wno-maybe-uninitialized -Wno-uninitialized"
cmake -S . -B build-sanitize -DCMAKE_BUILD_TYPE=RelWithDebInfo -DHYKAL_SIMD=generic -DHYKAL_WERROR=ON -DHYKAL_BUILD_BENCH=OFF \
      $(command -v ccache >/dev/null && echo -DCMAKE_CXX_COMPILER_LAUNCHER=ccache) \
      -DCMAKE_CXX_FLAGS="$sanitize" -DCMAKE_EXE_LINKER_FLAGS="-fsanitize=address,undefined"
cmake --build build-sanitize -j2
ASAN_OPTIONS=detect_leaks=0 UBSAN_OPTIONS=print_stacktrace=1 \
  ctest --test-dir build-sanitize --output-on-failure -j2 -L 'RANK_1|RANK_2' -E '^(test_bo_benchmarks_np1|check_learn_resume|check_gap_bad_input)$'
