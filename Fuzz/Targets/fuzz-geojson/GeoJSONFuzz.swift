import FuzzSupport
import GDALKit
@testable import Verdant
@testable import VerdantCore

/// The fuzzer's entry point: libFuzzer's driver on `fuzzGeoJSON`.
@main enum GeoJSONFuzzer {
    static func main() { FuzzMain.run(fuzzGeoJSON) }
}

/// Fuzzes the fast GeoJSON reader against OGR: on any bytes it either throws (the file is then left to OGR) or
/// gives exactly what OGR's GeoJSON driver gives (layer name, fields and types, ids, attributes, WKB, CRS).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzGeoJSON(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let path = FuzzScratch.write(data, size, name: "input.geojson")
    guard let fast = try? GeoJSONReader.read(path: path, threads: 2) else { return 0 }
    let slow: FeatureTable
    do { slow = try FeatureTable(layer: try VectorDataset.open(path).layer(at: 0)) } catch {
        FuzzCheck.fail("the fast reader took a file OGR does not read: \(error)")
    }
    FuzzCheck.require(fast.layerName == slow.layerName, "layer name \(fast.layerName) vs OGR \(slow.layerName)")
    FuzzCheck.require(fast.fields == slow.fields, "fields \(fast.fields) vs OGR \(slow.fields)")
    FuzzCheck.require(fast.labels == slow.labels, "ids \(fast.labels) vs OGR \(slow.labels)")
    FuzzCheck.require(fast.attributes == slow.attributes, "attributes \(fast.attributes) vs OGR \(slow.attributes)")
    FuzzCheck.require(fast.wkbs == slow.wkbs, "WKB \(fast.wkbs) vs OGR \(slow.wkbs)")
    switch (fast.crs, slow.crs) {
    case let (a?, b?): FuzzCheck.require(a.isSame(as: b) && a.name == b.name, "CRS \(a.name) vs OGR \(b.name)")
    case (nil, nil): break
    default: FuzzCheck.fail("CRS \(fast.crs?.name ?? "none") vs OGR \(slow.crs?.name ?? "none")")
    }
    return 0
}
