import Foundation
import Testing
import TestSupport

/// `--parcels -` reads GeoJSON from standard input, everywhere `--parcels` is taken (and in job files), with the
/// same result as the file; empty or non-GeoJSON input is one error naming standard input; the private copy is
/// removed at exit.
@Suite struct ParcelsFromStandardInputTests {
    static let raster = ProjectRoot.sample("sentinel2_l2a_stack.tif")
    static let parcels = ProjectRoot.sample("sentinel2_parcels.geojson")

    /// Runs `verdant arguments < input` through the shell.
    static func run(
        _ arguments: [String], stdin input: String, in folder: TemporaryFolder
    ) throws
        -> VerdantBinary.Result
    {
        let command = ([VerdantBinary.path] + arguments).map { "'\($0)'" }.joined(separator: " ")
        return try VerdantBinary.run(executable: "/bin/sh", ["-c", command + " < '\(input)'"], in: folder.path)
    }

    static func estimate(_ parcels: String, out: String) -> [String] {
        [
            "estimate", "--raster", raster, "--sensor", "sentinel2-l2a", "--parcels", parcels, "--id-field",
            "parcel_id",
            "-q", "-o", out
        ]
    }

    /// The private copies of standard input there are now.
    static func copies() -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: NSTemporaryDirectory())) ?? []).filter {
            $0.hasPrefix("verdant-stdin-")
        }
    }

    @Test func estimateSeriesOfTheSameParcelsAsTheFile() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let before = Self.copies()
        let piped = try Self.run(Self.estimate("-", out: "piped.csv"), stdin: Self.parcels, in: folder)
        #expect(piped.status == 0, "\(piped.stderr)")
        let file = try VerdantBinary.run(Self.estimate(Self.parcels, out: "file.csv"), in: folder.path)
        #expect(file.status == 0, "\(file.stderr)")
        let a = try String(contentsOfFile: folder.file("piped.csv"), encoding: .utf8)
        let b = try String(contentsOfFile: folder.file("file.csv"), encoding: .utf8)
        #expect(a == b)
        #expect(a.split(separator: "\n").count == 10)
        #expect(Self.copies() == before, "the copy of standard input is removed")
    }

    @Test func creditsAndJobFilesReadStandardInput() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let credits = try Self.run(
            [
                "credits", "--t0-raster", Self.raster, "--t1-raster", Self.raster, "--red", "B04", "--nir", "B08",
                "--scale", "0.0001", "--offset", "-0.1", "--parcels", "-", "--id-field", "parcel_id",
                "--model", "linear:-30,250", "-o", "credits.csv"
            ], stdin: Self.parcels, in: folder)
        #expect(credits.status == 0, "\(credits.stderr)")
        #expect(try String(contentsOfFile: folder.file("credits.csv"), encoding: .utf8).contains("P01"))
        try """
        jobs:
          - command: estimate
            raster: \(Self.raster)
            sensor: sentinel2-l2a
            parcels: "-"
            id-field: parcel_id
            out: job.csv
        """.write(toFile: folder.file("job.yaml"), atomically: true, encoding: .utf8)
        let job = try Self.run(["run", "job.yaml"], stdin: Self.parcels, in: folder)
        #expect(job.status == 0, "\(job.stderr)")
        #expect(try String(contentsOfFile: folder.file("job.csv"), encoding: .utf8).split(separator: "\n").count == 10)
    }

    @Test func emptyOrNotGeoJSONIsOneErrorNamingStandardInput() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        try "".write(toFile: folder.file("empty"), atomically: true, encoding: .utf8)
        try "parcel_id,x\nP1,3\n".write(toFile: folder.file("table.csv"), atomically: true, encoding: .utf8)
        try
            #"{"type":"FeatureCollection","features":[{"type":"Feature","properties":{},"geometry":{"type":"Point","coordinates":[99.1,14.2]}}]}"#
            .write(toFile: folder.file("points.geojson"), atomically: true, encoding: .utf8)
        for (input, words) in [
            ("empty", "standard input: is empty"), ("table.csv", "standard input: is not GeoJSON"),
            ("points.geojson", "standard input: layer")
        ] {
            let r = try Self.run(Self.estimate("-", out: "out.csv"), stdin: folder.file(input), in: folder)
            #expect(r.status == 2, "\(input): \(r.stderr)")
            let errors = r.stderr.split(separator: "\n").filter { $0.hasPrefix("verdant: error:") }
            #expect(errors.count == 1 && errors[0].contains(words), "\(input): \(r.stderr)")
            #expect(!r.stderr.contains("verdant-stdin-"), "the private copy is not named: \(r.stderr)")
            #expect(!FileManager.default.fileExists(atPath: folder.file("out.csv")))
        }
    }
}
