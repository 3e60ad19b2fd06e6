import Synchronization

/// How parameters are named in messages: by their library names unless a front end installs its own naming
/// (the command-line tool installs its flags once, at start). Process-wide; safe from any thread.
public enum ParameterNaming {
    private static let naming = Mutex<(@Sendable (Parameter) -> String)?>(nil)
    private static let origin = Mutex("given by the caller")

    /// Names parameters with `naming` from now on (for the whole process), and says values were `givenBy` so
    /// (as sources in the outputs: "given on the command line").
    public static func install(givenBy: String, _ naming: @escaping @Sendable (Parameter) -> String) {
        self.naming.withLock { $0 = naming }
        origin.withLock { $0 = givenBy }
    }

    /// How values the user gave are said to be given ("given by the caller" in the library).
    public static var givenBy: String { origin.withLock { $0 } }

    /// The name of `parameter` under the current naming.
    public static func name(of parameter: Parameter) -> String {
        naming.withLock { $0 }?(parameter) ?? parameter.name
    }
}
