import Verdant

/// The command line's names for the library's parameters: `--` and the library name in kebab case
/// (`minObserved` → `--min-observed`, `assumedParcelsCRS` → `--assume-parcels-crs`), with the flags whose names
/// differ. Installed once at start, so that every error, warning and source text names flags.
enum FlagNames {
    /// Flags that are not the kebab case of their parameter's name.
    static let exceptions: [Parameter: String] = [
        .assumedCRS: "--assume-crs", .assumedParcelsCRS: "--assume-parcels-crs", .gridBand: "--grid",
        .qaExcludeBits: "--qa-bits", .factorClass: "--class", .overwrite: "--force", .ndviOutput: "--ndvi-out",
        .seriesBaseline: "--baseline", .greenOutput: "--green-out", .factorsByClassBand: "--class-raster",
        .forestModel: "--model", .trainingClassField: "--class-field", .sampleOutput: "--sample-out"
    ]

    /// The flag of `parameter`.
    static func flag(_ parameter: Parameter) -> String {
        if let f = exceptions[parameter] { return f }
        var out = "--"
        var previousLower = false
        for c in parameter.name {
            if c.isUppercase && previousLower { out.append("-") }
            out.append(contentsOf: c.lowercased())
            previousLower = c.isLowercase || c.isNumber
        }
        return out
    }

    /// Makes messages name flags.
    static func install() {
        ParameterNaming.install(givenBy: "given on the command line") { flag($0) }
    }
}
