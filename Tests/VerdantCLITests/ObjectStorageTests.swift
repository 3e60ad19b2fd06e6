import Foundation
import GDALKit
import Testing
import TestSupport

/// Inputs on object storage: `s3://` and `http://` addresses read through GDAL from a real S3 API server on
/// loopback (moto, behind a counting proxy), compared with the same runs on local files.
@Suite(
    .serialized,
    .enabled(if: S3Server.isAvailable, "needs python3-venv and moto[server]: \(S3Server.unavailableReason)"))
struct ObjectStorageTests {
    static let bucket = "scenes"

    /// `estimate` over the sample stack and parcels, `raster` and `parcels` given as paths or addresses.
    static func estimate(raster: String, parcels: String, out: String, extra: [String] = []) -> [String] {
        [
            "estimate", "--raster", raster, "--red", "B04", "--nir", "B08", "--scale", "0.0001", "--offset", "-0.1",
            "--parcels", parcels, "--id-field", "parcel_id", "--model", "linear:-30,250", "--out", out
        ] + extra
    }

    /// A server holding the sample stack and parcels as `scenes/s2/stack.tif` and `scenes/s2/parcels.geojson`.
    static func serverWithSamples() throws -> S3Server {
        let server = try S3Server()
        do {
            try server.createBucket(bucket)
            try server.upload(ProjectRoot.sample("sentinel2_l2a_stack.tif"), bucket: bucket, key: "s2/stack.tif")
            try server.upload(
                ProjectRoot.sample("sentinel2_parcels.geojson"), bucket: bucket, key: "s2/parcels.geojson",
                publicRead: true)
            try server.upload(
                ProjectRoot.sample("sentinel2_l2a_stack.tif"), bucket: bucket, key: "s2/public.tif", publicRead: true)
        } catch {
            server.stop()
            throw error
        }
        return server
    }

    /// A 4000 × 4000 two-band UInt16 COG (256-cell DEFLATE tiles, with overviews), noisy enough that its tiles do
    /// not compress to nothing, and three 200 m parcels in its north-west corner.
    static func writeBigCOG(in folder: TemporaryFolder) throws -> (cog: String, parcels: String) {
        let size = 4000
        let plain = folder.file("big-plain.tif")
        let ds = try Driver(named: "GTiff").create(
            path: plain, width: size, height: size, bandCount: 2, dataType: .uInt16,
            options: ["TILED=YES", "COMPRESS=DEFLATE"])
        try ds.setGeoTransform(
            GeoTransform(originX: 600_000, originY: 1_600_000, cellWidth: 10, cellHeight: 10))
        try ds.setSpatialReference(try SpatialReference(epsg: 32647))
        var random = SplitMix64(seed: 16)
        let rows = 250
        for band in 1...2 {
            for top in stride(from: 0, to: size, by: rows) {
                var values = [UInt16](repeating: 0, count: size * rows)
                for r in 0..<rows {
                    let y = Double(top + r)
                    for c in 0..<size {
                        let x = Double(c)
                        let base =
                            band == 1 ? 600 + 300 * sin(x / 90) * cos(y / 70) : 3000 + 800 * cos(x / 120 + y / 150)
                        values[r * size + c] = UInt16(base) &+ UInt16(random.next() & 0x3F)
                    }
                }
                try ds.band(band).write(
                    window: try Window(columnOffset: 0, rowOffset: top, width: size, height: rows), values: values)
            }
        }
        let cog = folder.file("big.tif")
        try Driver(named: "COG").createCopy(
            of: ds, path: cog, options: ["COMPRESS=DEFLATE", "PREDICTOR=YES", "BLOCKSIZE=256"]
        ).close()
        try ds.close()
        var features: [VectorFixture.Feature] = []
        for p in 0..<3 {
            let x = 600_100 + Double(p) * 300, y = 1_599_900.0
            features.append(
                VectorFixture.Feature(
                    properties: [("parcel_id", "\"C\(p)\"")], polygons: [[VectorFixture.rect(x, y - 200, x + 200, y)]]))
        }
        let parcels = try VectorFixture.geojson(folder.file("corner.geojson"), crs: "EPSG:32647", features: features)
        return (cog, parcels)
    }

    @Test("estimate on s3:// inputs writes the CSV the local run writes, reading a small part of a big COG")
    func s3EstimateMatchesLocalAndReadsLittle() throws {
        let f = try TemporaryFolder()
        defer { f.remove() }
        let (cog, parcels) = try Self.writeBigCOG(in: f)
        let server = try S3Server()
        defer { server.stop() }
        try server.createBucket(Self.bucket)
        try server.upload(cog, bucket: Self.bucket, key: "big/big.tif")
        try server.upload(parcels, bucket: Self.bucket, key: "big/corner.geojson")
        func job(_ raster: String, _ parcels: String, _ out: String) -> [String] {
            [
                "estimate", "--raster", raster, "--red", "1", "--nir", "2", "--scale", "0.0001", "--parcels", parcels,
                "--id-field", "parcel_id", "--model", "linear:-30,250", "--out", out
            ]
        }
        let local = try VerdantBinary.run(job(cog, parcels, f.file("local.csv")))
        #expect(local.status == 0, "\(local.stderr)")
        try server.resetCounts()
        let remote = try VerdantBinary.run(
            job("s3://scenes/big/big.tif", "s3://scenes/big/corner.geojson", f.file("remote.csv")),
            environment: server.environment)
        #expect(remote.status == 0, "\(remote.stderr)")
        // The CSV holds no input path or checksum: the two runs must write the same bytes.
        let a = try String(contentsOfFile: f.file("local.csv"), encoding: .utf8)
        let b = try String(contentsOfFile: f.file("remote.csv"), encoding: .utf8)
        #expect(a.split(separator: "\n").count == 4)
        #expect(a == b)
        let cogSize = try FileManager.default.attributesOfItem(atPath: cog)[.size] as! Int
        let counts = try server.counts()
        let read = counts.paths["/scenes/big/big.tif"]?.bytes ?? 0
        let fraction = Double(read) / Double(cogSize)
        print(
            "object storage: read \(read) of \(cogSize) bytes of the COG (\(fraction * 100) %), \(counts.requests) requests"
        )
        #expect(read > 0 && fraction < 0.05, "read \(read) of \(cogSize) bytes")
    }

    @Test("transient 503s and a dropped connection are retried, and the run succeeds")
    func transientFailuresAreRetried() throws {
        let f = try TemporaryFolder()
        defer { f.remove() }
        let server = try Self.serverWithSamples()
        defer { server.stop() }
        let job = Self.estimate(
            raster: "s3://scenes/s2/stack.tif", parcels: "s3://scenes/s2/parcels.geojson", out: f.file("a.csv"),
            extra: ["--report", f.file("a.html")])
        try server.failNext(3, status: 503)
        let first = try VerdantBinary.run(job, environment: server.environment)
        #expect(first.status == 0, "\(first.stderr)")
        // The report names the addresses as given, with each object's ETag and size instead of a SHA-256.
        let html = try String(contentsOfFile: f.file("a.html"), encoding: .utf8)
        let size =
            try FileManager.default.attributesOfItem(atPath: ProjectRoot.sample("sentinel2_l2a_stack.tif"))[
                .size] as! Int
        #expect(html.contains("s3://scenes/s2/stack.tif") && html.contains("s3://scenes/s2/parcels.geojson"))
        #expect(html.contains(";size:\(size)") && html.contains("etag:"))
        // The three 503s were answered and counted before the run's own requests.
        #expect(try server.counts().requests > 3)
        try server.dropNext(1)
        let second = try VerdantBinary.run(
            Self.estimate(
                raster: "s3://scenes/s2/stack.tif", parcels: "s3://scenes/s2/parcels.geojson", out: f.file("b.csv")),
            environment: server.environment)
        #expect(second.status == 0, "\(second.stderr)")
        let local = try VerdantBinary.run(
            Self.estimate(
                raster: ProjectRoot.sample("sentinel2_l2a_stack.tif"),
                parcels: ProjectRoot.sample("sentinel2_parcels.geojson"), out: f.file("local.csv")))
        #expect(local.status == 0)
        let expected = try String(contentsOfFile: f.file("local.csv"), encoding: .utf8)
        #expect(try String(contentsOfFile: f.file("a.csv"), encoding: .utf8) == expected)
        #expect(try String(contentsOfFile: f.file("b.csv"), encoding: .utf8) == expected)
        // A retry count the user set wins over Verdant's: with none, the first 503 fails the run.
        try server.failNext(50, status: 503)
        var environment = server.environment
        environment["GDAL_HTTP_MAX_RETRY"] = "0"
        let unretried = try VerdantBinary.run(
            Self.estimate(
                raster: "s3://scenes/s2/stack.tif", parcels: "s3://scenes/s2/parcels.geojson", out: f.file("c.csv")),
            environment: environment)
        #expect(unretried.status == 2)
        #expect(!FileManager.default.fileExists(atPath: f.file("c.csv")))
    }

    @Test("a missing object and a refused one are one line naming the s3:// address, exit 2, nothing written")
    func missingAndForbiddenObjects() throws {
        let f = try TemporaryFolder()
        defer { f.remove() }
        let server = try Self.serverWithSamples()
        defer { server.stop() }
        let cases: [(raster: String, parcels: String, failing: String, mentions: String)] = [
            ("s3://scenes/s2/absent.tif", "s3://scenes/s2/parcels.geojson", "s3://scenes/s2/absent.tif", "no such"),
            ("s3://scenes/s2/stack.tif", "s3://scenes/s2/absent.geojson", "s3://scenes/s2/absent.geojson", "no such"),
            ("s3://nobucket/stack.tif", "s3://scenes/s2/parcels.geojson", "s3://nobucket/stack.tif", "no such")
        ]
        for c in cases {
            let out = f.file("o.csv")
            let run = try VerdantBinary.run(
                Self.estimate(raster: c.raster, parcels: c.parcels, out: out, extra: ["--report", f.file("o.html")]),
                environment: server.environment)
            let lines = run.stderr.split(separator: "\n").filter { $0.hasPrefix("verdant: error") }
            #expect(run.status == 2, "\(c.failing): \(run.stderr)")
            #expect(lines.count == 1 && lines[0].contains(c.failing + ":"), "\(run.stderr)")
            #expect(lines.first?.lowercased().contains(c.mentions) == true, "\(run.stderr)")
            #expect(!lines.contains { $0.contains("/vsis3/") })
            #expect(f.contents().isEmpty, "\(f.contents())")
        }
        try server.failNext(1000, status: 403)
        let denied = try VerdantBinary.run(
            Self.estimate(
                raster: "s3://scenes/s2/stack.tif", parcels: "s3://scenes/s2/parcels.geojson", out: f.file("o.csv")),
            environment: server.environment)
        try server.failNext(0, status: 403)
        #expect(denied.status == 2, "\(denied.stderr)")
        let lines = denied.stderr.split(separator: "\n").filter { $0.hasPrefix("verdant: error") }
        #expect(lines.count == 1, "\(denied.stderr)")
        #expect(
            lines.first?.contains("s3://scenes/s2/") == true && lines.first?.contains("access denied") == true,
            "\(denied.stderr)")
        #expect(f.contents().isEmpty)
    }

    @Test("an http:// raster is read with ranged GETs and gives the local result")
    func httpRasterMatchesLocal() throws {
        let f = try TemporaryFolder()
        defer { f.remove() }
        let server = try Self.serverWithSamples()
        defer { server.stop() }
        let address = server.httpAddress(bucket: Self.bucket, key: "s2/public.tif")
        let parcels = server.httpAddress(bucket: Self.bucket, key: "s2/parcels.geojson")
        let remote = try VerdantBinary.run(
            Self.estimate(
                raster: address, parcels: parcels, out: f.file("r.csv"), extra: ["--report", f.file("r.html")]),
            environment: server.environment)
        #expect(remote.status == 0, "\(remote.stderr)")
        let local = try VerdantBinary.run(
            Self.estimate(
                raster: ProjectRoot.sample("sentinel2_l2a_stack.tif"),
                parcels: ProjectRoot.sample("sentinel2_parcels.geojson"), out: f.file("l.csv")))
        #expect(local.status == 0)
        #expect(
            try String(contentsOfFile: f.file("r.csv"), encoding: .utf8)
                == String(contentsOfFile: f.file("l.csv"), encoding: .utf8))
        let html = try String(contentsOfFile: f.file("r.html"), encoding: .utf8)
        #expect(html.contains(address) && html.contains("etag:"))
        let missing = try VerdantBinary.run(
            Self.estimate(
                raster: server.httpAddress(bucket: Self.bucket, key: "s2/absent.tif"), parcels: parcels,
                out: f.file("m.csv")),
            environment: server.environment)
        #expect(missing.status == 2)
        #expect(missing.stderr.contains(server.httpAddress(bucket: Self.bucket, key: "s2/absent.tif") + ":"))
    }

    @Test("series reads a dates table on s3:// whose relative rows are objects beside it")
    func seriesFromRemoteDatesTable() throws {
        let s = try SeriesFixture(dateCount: 14)
        defer { s.folder.remove() }
        let server = try S3Server()
        defer { server.stop() }
        try server.createBucket(Self.bucket)
        try server.upload(folder: s.folder.path, bucket: Self.bucket, prefix: "series")
        let local = try VerdantBinary.run(s.series(["--out", s.folder.file("local.csv")]))
        #expect(local.status == 0, "\(local.stderr)")
        let remote = try VerdantBinary.run(
            [
                "series", "--dates", "s3://scenes/series/dates.csv", "--scale", "1", "--parcels",
                "s3://scenes/series/parcels.geojson", "--id-field", "name", "--out", s.folder.file("remote.csv")
            ], environment: server.environment)
        #expect(remote.status == 0, "\(remote.stderr)")
        #expect(
            try String(contentsOfFile: s.folder.file("remote.csv"), encoding: .utf8)
                == String(contentsOfFile: s.folder.file("local.csv"), encoding: .utf8))
    }
}
