#pragma once
#include <stddef.h>
#include <stdint.h>

/// libFuzzer's driver (linked by `-sanitize=fuzzer`): parses libFuzzer's flags from argv and runs `callback` on
/// every input. The harnesses call it from their own `main`, which SwiftPM gives every executable.
int LLVMFuzzerRunDriver(int *argc, char ***argv, int (*callback)(const uint8_t *data, size_t size));
