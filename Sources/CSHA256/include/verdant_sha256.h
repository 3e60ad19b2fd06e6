#ifndef VERDANT_SHA256_H
#define VERDANT_SHA256_H

#include <stddef.h>
#include <stdint.h>

/// The 64 round constants of SHA-256 (FIPS 180-4, 4.2.2).
const uint32_t *verdant_sha256_constants(void);

/// 1 when this processor has the SHA extensions (x86-64 SHA-NI with SSE4.1), else 0.
int verdant_sha256_hardware(void);

/// Compresses `blocks` 64-byte blocks of `data` into `state` (8 words, FIPS 180-4 order) with the SHA extensions.
/// Call only when verdant_sha256_hardware() is 1.
void verdant_sha256_blocks(uint32_t state[8], const uint8_t *data, size_t blocks);

#endif
