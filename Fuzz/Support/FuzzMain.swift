import Foundation
import FuzzDriver

/// Runs libFuzzer on a fuzz target, from the fuzzer executable's `main` (with libFuzzer's usual command line).
public enum FuzzMain {
    /// Fuzzes `target` (the function also exported as `LLVMFuzzerTestOneInput`) and exits with libFuzzer's status.
    public static func run(_ target: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt) -> Never {
        var argc = CommandLine.argc
        var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
        let status = LLVMFuzzerRunDriver(&argc, &argv, target)
        exit(status)
    }
}
