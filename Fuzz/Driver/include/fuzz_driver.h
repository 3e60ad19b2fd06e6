#ifndef VERDANT_FUZZ_DRIVER_H
#define VERDANT_FUZZ_DRIVER_H
#include <stddef.h>
#include <stdint.h>

/// libFuzzer's driver (in the runtime that -sanitize=fuzzer links): parses the command line and fuzzes
/// `callback`. The fuzzers call it from their own `main`, because SwiftPM names every executable's entry point.
int LLVMFuzzerRunDriver(int *argc, char ***argv, int (*callback)(const uint8_t *data, size_t size));

#endif
