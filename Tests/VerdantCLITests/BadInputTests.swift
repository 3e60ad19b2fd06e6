import Foundation
import GDALKit
import Testing
import TestSupport

/// Bad input: one clear error naming the file and the problem, a non-zero exit, no output file left behind.
@Suite struct BadInputTests {
    static let stack = ProjectRoot.sample("sentinel2_l2a_stack.tif")

    static let cases: [CLICase] = [
        CLICase(
            name: "missing file",
            arguments: { _ in ["--raster", "/nonexistent/scene.tif", "--red", "1", "--nir", "2", "--scale", "1"] },
            status: 2, mentions: ["/nonexistent/scene.tif", "no such file"]),
        CLICase(
            name: "not a raster",
            arguments: { f in
                try "hello".write(toFile: f.file("notes.txt"), atomically: true, encoding: .utf8)
                return ["--raster", f.file("notes.txt"), "--red", "1", "--nir", "2", "--scale", "1"]
            }, status: 2, mentions: ["notes.txt", "not a raster"]),
        CLICase(
            name: "band index out of range",
            arguments: { _ in ["--raster", stack, "--red", "9", "--nir", "4", "--scale", "1"] },
            status: 2, mentions: ["sentinel2_l2a_stack.tif", "there is no band 9"]),
        CLICase(
            name: "band description not found",
            arguments: { _ in ["--raster", stack, "--red", "B04", "--nir", "B99", "--scale", "1"] },
            status: 2, mentions: ["sentinel2_l2a_stack.tif", "no band described 'B99'", "B02, B03, B04, B08"]),
        CLICase(
            name: "mask on a grid that cannot be aligned",
            arguments: { f in
                let far = try RasterFixture.write(
                    f.file("mask.tif"), width: 4, height: 4, type: .byte, bands: [[Double](repeating: 1, count: 16)],
                    transform: GeoTransform(originX: 100_000, originY: 1_000_000, cellWidth: 10, cellHeight: 10))
                return ["--raster", stack, "--red", "B04", "--nir", "B08", "--scale", "1", "--band", "mask=\(far)"]
            }, status: 2, mentions: ["mask.tif", "does not overlap"]),
        CLICase(
            name: "unknown preset", arguments: { _ in ["--sensor", "sentinel3", "--raster", stack] },
            status: 1, mentions: ["unknown sensor preset 'sentinel3'", "sentinel2-l2a"]),
        CLICase(
            name: "index needs a band the input lacks",
            arguments: { _ in
                ["--raster", stack, "--red", "B04", "--nir", "B08", "--scale", "1", "--index", "ndre"]
            }, status: 1, mentions: ["ndre", "rededge"]),
        CLICase(
            name: "Sentinel-2 baseline unknown",
            arguments: { _ in
                [
                    "--sensor", "sentinel2-l2a", "--band", "red=\(ProjectRoot.sample("sentinel2_l2a_B04.tif"))",
                    "--band", "nir=\(ProjectRoot.sample("sentinel2_l2a_B08.tif"))"
                ]
            }, status: 2, mentions: ["sentinel2_l2a_B04.tif", "processing baseline", "--baseline", "--offset"]),
        CLICase(
            name: "output folder missing",
            arguments: { _ in
                [
                    "--raster", stack, "--red", "3", "--nir", "4", "--scale", "1", "--ndvi-out",
                    "/nonexistent/dir/ndvi.tif"
                ]
            }, status: 2, mentions: ["/nonexistent/dir/ndvi.tif", "does not exist"]),
        CLICase(
            name: "output is a folder",
            arguments: { f in
                ["--raster", stack, "--red", "3", "--nir", "4", "--scale", "1", "--agb-out", f.path]
            }, status: 2, mentions: ["is a directory"]),
        CLICase(
            name: "output is the input",
            arguments: { f in
                try FileManager.default.copyItem(atPath: stack, toPath: f.file("in.tif"))
                return [
                    "--raster", f.file("in.tif"), "--red", "3", "--nir", "4", "--scale", "1", "--ndvi-out",
                    f.file("in.tif")
                ]
            }, status: 2, mentions: ["in.tif", "also an input"]),
        CLICase(
            name: "model overflows",
            arguments: { f in
                [
                    "--raster", stack, "--red", "3", "--nir", "4", "--scale", "1", "--model", "exp:1,5000",
                    "--ndvi-out", f.file("ndvi.tif")
                ]
            }, status: 1, mentions: ["exp:1.0,5000.0", "non-finite"]),
        CLICase(name: "no input", arguments: { _ in [] }, status: 1, mentions: ["no input"]),
        CLICase(
            name: "red without raster", arguments: { _ in ["--red", "3", "--nir", "4", "--scale", "1"] }, status: 1,
            mentions: ["--band"]),
        CLICase(
            name: "bad model",
            arguments: { _ in ["--raster", stack, "--red", "3", "--nir", "4", "--scale", "1", "--model", "cubic:1,2"] },
            status: 1, mentions: ["cubic:1,2"]),
        CLICase(
            name: "zero threads",
            arguments: { _ in ["--raster", stack, "--red", "3", "--nir", "4", "--scale", "1", "--threads", "0"] },
            status: 1, mentions: ["--threads"]),
        CLICase(
            name: "unknown flag", arguments: { _ in ["--raster", stack, "--bogus"] }, status: 1, mentions: ["--bogus"])
    ]

    @Test(arguments: cases)
    func failsClearly(_ c: CLICase) throws {
        try c.check(prefix: ["map"]) { Issue.record(Comment(rawValue: $0)) }
    }
}
