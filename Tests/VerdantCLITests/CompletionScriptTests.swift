import Foundation
import Testing
import TestSupport

/// The shell completion scripts complete file names for path options (by the extensions each reads or writes)
/// and the values of `--sensor`, `--index`, `--method`, `--compress`, `--resampling` and `--log-level`.
@Suite struct CompletionScriptTests {
    static func script(_ shell: String) throws -> String {
        let r = try VerdantBinary.run(["--generate-completion-script", shell])
        #expect(r.status == 0, "\(r.stderr)")
        return r.stdout
    }

    static let sensors = ["sentinel2-l2a", "landsat-c2-l2", "micasense-rededge", "dji-p4m", "generic"]
    static let indices = ["ndvi", "evi", "savi", "msavi2", "ndre", "gndvi"]

    /// The bash case of `option` (its lines up to `;;`), in the first command that has one.
    static func bashCase(_ script: String, _ option: String) -> String {
        guard let start = script.range(of: "    '\(option)')\n") else { return "" }
        let rest = script[start.upperBound...]
        return String(rest[..<(rest.range(of: ";;")?.lowerBound ?? rest.endIndex)])
    }

    @Test func bashCompletesFilesAndValues() throws {
        let bash = try Self.script("bash")
        #expect(Self.bashCase(bash, "--raster").contains("-fX '!*.@(tif|tiff|vrt|jp2|zip)'"))
        #expect(Self.bashCase(bash, "--parcels").contains("-fX '!*.@(geojson|json|gpkg|shp|fgb|zip)'"))
        #expect(Self.bashCase(bash, "-o'|'--out").contains("-fX '!*.@(csv|json|geojson|gpkg|vpart)'"))
        #expect(Self.bashCase(bash, "--ndvi-out").contains("-fX '!*.@(tif|tiff)'"))
        #expect(Self.bashCase(bash, "--report").contains("html"))
        #expect(Self.bashCase(bash, "--dates").contains("csv"))
        #expect(Self.bashCase(bash, "--stac").contains("json"))
        for s in Self.sensors { #expect(Self.bashCase(bash, "--sensor").contains("'\(s)'"), "\(s)") }
        for i in Self.indices { #expect(Self.bashCase(bash, "--index").contains("'\(i)'"), "\(i)") }
        for m in ["median", "mean", "max-ndvi"] { #expect(Self.bashCase(bash, "--method").contains("'\(m)'")) }
        for c in ["deflate", "zstd"] { #expect(Self.bashCase(bash, "--compress").contains("'\(c)'")) }
        for r in ["average", "bilinear", "cubic", "near"] {
            #expect(Self.bashCase(bash, "--resampling").contains("'\(r)'"))
        }
        for l in ["error", "warning", "info", "debug"] {
            #expect(Self.bashCase(bash, "--log-level").contains("'\(l)'"))
        }
        // Every sub-command's path options complete files (the script has one case per command and option).
        #expect(bash.components(separatedBy: "    '--parcels')\n").count - 1 >= 4)
    }

    @Test func zshAndFishCompleteFilesAndValues() throws {
        let zsh = try Self.script("zsh")
        #expect(zsh.contains(":FILE:_files -g '\\''*.tif *.tiff *.vrt *.jp2 *.zip'\\''"))
        #expect(zsh.contains(":FILE:_files -g '\\''*.geojson *.json *.gpkg *.shp *.fgb *.zip'\\''"))
        #expect(zsh.contains("___sensor=('sentinel2-l2a' 'landsat-c2-l2' 'landsat-tm-c2-l2'"))
        #expect(zsh.contains("=('ndvi' 'evi' 'savi' 'msavi2' 'ndre' 'gndvi')"))
        let fish = try Self.script("fish").split(separator: "\n")
        let raster = fish.first { $0.contains("-l 'raster'") } ?? ""
        #expect(raster.contains(#"set -l exts \'tif\' \'tiff\' \'vrt\' \'jp2\' \'zip\'"#))
        let sensor = fish.first { $0.contains("-l 'sensor'") } ?? ""
        #expect(sensor.contains("-rfka 'sentinel2-l2a landsat-c2-l2 landsat-tm-c2-l2"))
        let index = fish.first { $0.contains("-l 'index'") } ?? ""
        #expect(index.contains("-rfka 'ndvi evi savi msavi2 ndre gndvi'"))
    }
}
