import GDALKit

/// What a process that runs Verdant's jobs sets once, at its start, before its threads: the allocator returns
/// freed tile buffers to the system (`ProcessMemory`), so that peak memory follows what a run holds at once.
/// The `verdant` command calls it; a program linking the library may.
public enum ProcessSetup {
    /// Applies the settings (idempotent).
    public static func forTileWork() { ProcessMemory.returnLargeBuffersToTheSystem() }
}
