internal import CGDAL

/// The C allocator's settings for a process that works tile by tile: on glibc, buffers of 256 KiB or more (tiles)
/// are mapped and unmapped one by one instead of the threshold rising to the largest buffer freed (glibc's
/// default), and at most four malloc arenas are kept (each a heap that holds on to what was freed in it). Freed tiles then return to the system and the
/// peak resident memory stays near what the run holds at once (a 12-date composite of a Sentinel-2 scene: 60 MB
/// less). Nothing elsewhere.
public enum ProcessMemory {
    /// Applies the settings; call once, early, before the process's threads start. Idempotent.
    public static func returnLargeBuffersToTheSystem() {
        #if os(Linux)
            _ = mallopt(M_MMAP_THRESHOLD, 256 << 10)
            _ = mallopt(M_ARENA_MAX, 4)
        #endif
    }
}
