import Foundation
import GDALKit
import Testing
import TestSupport
import Verdant

/// Addresses on object storage and the web, and the GDAL paths that read them.
@Suite struct RemotePathTests {
    @Test func addressesMapToGDALPaths() throws {
        #expect(RemotePath("s3://bucket/a/b.tif")?.gdalPath == "/vsis3/bucket/a/b.tif")
        #expect(RemotePath("https://host/x.tif")?.gdalPath == "/vsicurl/https://host/x.tif")
        #expect(RemotePath("http://127.0.0.1:9000/b/x.tif")?.gdalPath == "/vsicurl/http://127.0.0.1:9000/b/x.tif")
        #expect(RemotePath("gs://bucket/x.tif")?.gdalPath == "/vsigs/bucket/x.tif")
        #expect(RemotePath("/vsis3/bucket/x.tif")?.gdalPath == "/vsis3/bucket/x.tif")
        #expect(RemotePath("s3://bucket/a.tif")?.address == "s3://bucket/a.tif")
        #expect(RemotePath("s3://bucket/a.tif")?.description == "s3://bucket/a.tif")
        for local in ["/data/a.tif", "a.tif", "s3.tif", "/vsizip//data/S2.zip/x.jp2", "/vsimem/x.tif", "C:/a.tif"] {
            #expect(RemotePath(local) == nil, "\(local)")
            #expect(RemotePath.gdalPath(local) == local)
            #expect(!RemotePath.isRemote(local))
        }
        #expect(RemotePath.gdalPath("s3://b/k") == "/vsis3/b/k" && RemotePath.isRemote("https://h/k"))
    }

    @Test func aBandSourceKeepsTheAddressAndTakesABand() throws {
        #expect(try BandSource(parsing: "s3://bucket/a.tif") == BandSource(path: "s3://bucket/a.tif", band: .index(1)))
        #expect(
            try BandSource(parsing: "s3://bucket/a.tif:B04")
                == BandSource(path: "s3://bucket/a.tif", band: .description("B04")))
        #expect(
            try BandSource(parsing: "https://host:8443/a.tif:2")
                == BandSource(path: "https://host:8443/a.tif", band: .index(2)))
    }

    @Test func theHTTPSettingsAreOnesGDALKnowsAndYieldToTheUsers() {
        let keys = RemotePath.httpDefaults.map(\.key)
        #expect(Set(keys).count == keys.count)
        #expect(
            Set(keys)
                == [
                    "GDAL_HTTP_MERGE_CONSECUTIVE_RANGES", "GDAL_HTTP_MULTIPLEX",
                    "VSI_CACHE", "VSI_CACHE_SIZE", "CPL_VSIL_CURL_CACHE_SIZE", "GDAL_HTTP_MAX_RETRY",
                    "GDAL_HTTP_RETRY_DELAY"
                ])
        // Seeing an address applies them, except those already set (the CLI test runs with a user's
        // GDAL_HTTP_MAX_RETRY=0 and fails on the first 503).
        GDAL.setConfigOption("GDAL_HTTP_RETRY_DELAY", "7")
        defer { GDAL.setConfigOption("GDAL_HTTP_RETRY_DELAY", nil) }
        _ = RemotePath("s3://bucket/x.tif")
        #expect(GDAL.configOption("GDAL_HTTP_MERGE_CONSECUTIVE_RANGES") == "YES")
        // Not listing folders on open holds for remote paths only: local files keep their side-car files.
        #expect(RemotePath.pathDefaults.map(\.key) == ["GDAL_DISABLE_READDIR_ON_OPEN"])
        #expect(VirtualFiles.pathOption("/vsis3/bucket/x.tif", "GDAL_DISABLE_READDIR_ON_OPEN") == "EMPTY_DIR")
        #expect(VirtualFiles.pathOption("/vsicurl/https://h/x.tif", "GDAL_DISABLE_READDIR_ON_OPEN") == "EMPTY_DIR")
        #expect(GDAL.configOption("GDAL_DISABLE_READDIR_ON_OPEN") == nil)
        #expect(VirtualFiles.pathOption("/data/x.tif", "GDAL_DISABLE_READDIR_ON_OPEN") == nil)
        #expect(GDAL.configOption("GDAL_HTTP_RETRY_DELAY") == "7")
    }

    @Test func aLocalRastersSideCarFileIsStillReadOnceAnAddressIsSeen() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let tif = try RasterFixture.write(folder.file("a.tif"), width: 2, height: 2, type: .byte, bands: [[1, 2, 3, 4]])
        try "<PAMDataset><Metadata><MDI key=\"SIDECAR\">yes</MDI></Metadata></PAMDataset>".write(
            toFile: tif + ".aux.xml", atomically: true, encoding: .utf8)
        _ = RemotePath("s3://bucket/x.tif")
        #expect(try Dataset.open(tif).metadataItem("SIDECAR") == "yes")
    }

    @Test func aLocalChecksumIsASHA256AndAnUnreachableObjectSaysSo() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        try "abc".write(toFile: folder.file("a.txt"), atomically: true, encoding: .utf8)
        // Port 9 on loopback (discard) has no server: the object cannot be reached, and nothing is hashed.
        let remote = "http://127.0.0.1:9/bucket/a.tif"
        let digests = FileDigests([folder.file("a.txt"), remote], unreadable: "unreadable").wait()
        #expect(digests[folder.file("a.txt")] == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(digests[remote] == "unreadable")
        #expect(throws: VerdantError.self) { try RemotePath(remote)!.checkExists() }
    }
}
