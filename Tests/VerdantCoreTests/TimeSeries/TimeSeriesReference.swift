import Foundation

/// The numpy, scipy and pymannkendall reference values (Tests/Fixtures/timeseries/make_fixtures.py), every number
/// read from its float.hex text so the tests see exactly the numbers Python used.
struct TimeSeriesReference: Decodable {
    struct Composite: Decodable {
        var name: String
        /// Dates × cells.
        var stack: [[String]]
        /// By method text (`median`, `p2.5`): one value per cell.
        var results: [String: [String]]
        /// np.nanargmax per cell, −1 when the cell has no value.
        var argmax: [Int]
    }

    struct TheilSenCase: Decodable {
        var x: [String]
        var y: [String]
        var slope: String
    }

    struct MannKendallCase: Decodable {
        var values: [String]
        var s: Int
        var var_s: String
        var z: String
        var p: String
        var p_erfc: String
    }

    struct HarmonicCase: Decodable {
        var t: [String]
        var y: [String]
        var harmonics: Int
        var coefficients: [String]
        var rmse: String
    }

    var source: String
    var percentiles: [Double]
    var composites: [Composite]
    var theil_sen: [TheilSenCase]
    var mann_kendall: [MannKendallCase]
    var harmonic: [HarmonicCase]

    static func load() throws -> TimeSeriesReference {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }  // the file, TimeSeries, VerdantCoreTests
        url.appendPathComponent("Fixtures/timeseries/stats.json")
        return try JSONDecoder().decode(TimeSeriesReference.self, from: Data(contentsOf: url))
    }

    /// The number written by float.hex (`0x1.8p+1`, `nan`).
    static func number(_ text: String) -> Double {
        guard let value = Double(text) else { fatalError("not a float.hex number: \(text)") }
        return value
    }

    static func numbers(_ texts: [String]) -> [Double] { texts.map(number) }

    /// |got − want| ≤ tolerance·|want|.
    static func relativelyClose(_ got: Double, _ want: Double, _ tolerance: Double) -> Bool {
        abs(got - want) <= tolerance * abs(want)
    }

    /// The same double: the same bits, or both NaN, or both zero (numpy's sums can turn −0 into +0).
    static func identical(_ got: Double, _ want: Double) -> Bool {
        got.bitPattern == want.bitPattern || (got.isNaN && want.isNaN) || (got == 0 && want == 0)
    }
}
