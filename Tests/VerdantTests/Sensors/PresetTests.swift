import Foundation
import GDALKit
import Testing
import TestSupport
@testable import Verdant
@testable import VerdantCore

/// Every built-in preset: a tiny stacked file with known DN gives the known reflectance and NDVI.
@Suite struct PresetTests {
    static let catalog = PresetCatalog.builtIn()

    /// Reads the reflectance of every role of a 1 × 1 file through the preset.
    static func reflectance(
        preset name: String, dn: [BandRole: Double], baseline: String? = nil,
        type: DataType = .uInt16
    ) throws -> [BandRole: Double] {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let preset = try catalog.preset(named: name)
        let roles = try preset.roles().filter { $0.kind == .reflectance }
        // Stack in the order of the preset's band numbers when it has them, else by description.
        let ordered = roles.sorted {
            (Int(preset.names(for: $0).first ?? "") ?? 0) < (Int(preset.names(for: $1).first ?? "") ?? 0)
        }
        let descriptions = ordered.map { preset.names(for: $0).first { Int($0) == nil } ?? $0.name }
        let path = try RasterFixture.write(
            folder.file("stack.tif"), width: 1, height: 1, type: type,
            bands: ordered.map { [dn[$0] ?? 1000] }, descriptions: descriptions)
        var setup = SensorSetup(preset: preset)
        setup.rasters = [path]
        setup.baseline = baseline
        let (inputs, _) = try setup.resolve(needing: [.red, .nir])
        let resolved = try ResolvedInputs.resolve(inputs, roles: [.red, .nir])
        let reader = try TileReader(inputs: resolved)
        try reader.read(try Window(columnOffset: 0, rowOffset: 0, width: 1, height: 1))
        var out: [BandRole: Double] = [:]
        for role in ordered { if let slot = reader.slot(of: role) { out[role] = reader.value(slot: slot, cell: 0) } }
        return out
    }

    @Test func sentinel2L2ABaselineOffset() throws {
        let before = try Self.reflectance(preset: "sentinel2-l2a", dn: [.red: 1500, .nir: 4500], baseline: "03.01")
        let after = try Self.reflectance(preset: "sentinel2-l2a", dn: [.red: 1500, .nir: 4500], baseline: "04.00")
        #expect(before[.red] == 1500 * 0.0001 && before[.nir] == 4500 * 0.0001)
        #expect(after[.red] == 1500 * 0.0001 - 0.1 && after[.nir] == 4500 * 0.0001 - 0.1)
        #expect(abs(NDVI.value(red: after[.red]!, nir: after[.nir]!) - (0.35 - 0.05) / 0.4) < 1e-12)
        #expect(try Self.reflectance(preset: "sentinel2-l2a", dn: [.red: 1500], baseline: "05.11")[.red] == after[.red])
    }

    @Test func landsatC2L2() throws {
        for name in ["landsat-c2-l2", "landsat-tm-c2-l2"] {
            let r = try Self.reflectance(preset: name, dn: [.red: 10_000, .nir: 20_000])
            #expect(r[.red] == 10_000 * 0.0000275 - 0.2 && r[.nir] == 20_000 * 0.0000275 - 0.2, "\(name)")
        }
        // Band numbers differ between OLI and TM/ETM+.
        #expect(Self.catalog.presets.first { $0.name == "landsat-c2-l2" }!.names(for: .red).first == "SR_B4")
        #expect(Self.catalog.presets.first { $0.name == "landsat-tm-c2-l2" }!.names(for: .red).first == "SR_B3")
    }

    @Test(arguments: ["micasense-rededge", "micasense-atlas", "dji-p4m", "dji-m3m", "parrot-sequoia"])
    func dronePresets(name: String) throws {
        let preset = try Self.catalog.preset(named: name)
        if preset.scale == 1 {
            // A scale-1 preset describes floating-point reflectance exports: integers need --scale.
            let r = try Self.reflectance(preset: name, dn: [.red: 0.125, .nir: 0.5], type: .float32)
            #expect(r[.red] == 0.125 && r[.nir] == 0.5)
            #expect(throws: VerdantError.self) { try Self.reflectance(preset: name, dn: [.red: 2000, .nir: 12000]) }
        } else {
            let r = try Self.reflectance(preset: name, dn: [.red: 2000, .nir: 12000])
            #expect(r[.red] == 2000 * preset.scale && r[.nir] == 12000 * preset.scale)
        }
    }

    @Test func bandOrdersFollowTheSources() throws {
        func order(_ name: String) throws -> [String] {
            let p = try Self.catalog.preset(named: name)
            return try p.roles().sorted { Int(p.names(for: $0)[0])! < Int(p.names(for: $1)[0])! }.map(\.name)
        }
        #expect(try order("micasense-rededge") == ["blue", "green", "red", "nir", "rededge"])
        #expect(try order("micasense-atlas") == ["blue", "green", "red", "rededge", "nir"])
        #expect(try order("dji-p4m") == ["blue", "green", "red", "rededge", "nir"])
        #expect(try order("dji-m3m") == ["green", "red", "rededge", "nir"])
        #expect(try order("parrot-sequoia") == ["green", "red", "rededge", "nir"])
        #expect(try Self.catalog.preset(named: "micasense-atlas").scale == 1.0 / 32_768)
        for p in Self.catalog.presets {
            #expect(p.sources["bands"] != nil && p.sources["scaling"] != nil, "\(p.name) names its sources")
        }
    }

    @Test func userPresetFilesInJSONAndYAML() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        try """
        presets:
          - name: my-camera
            title: A camera of ours
            bands: {red: ["R"], nir: ["N"], rededge: ["E"]}
            scale: 0.001
            offset: 0
            sources: {bands: "our lab sheet", scaling: "our lab sheet"}
        """.write(toFile: folder.file("mine.yaml"), atomically: true, encoding: .utf8)
        try """
        {"name": "sentinel2-l2a", "title": "overridden", "bands": {"red": ["B04"], "nir": ["B08"]}, "scale": 0.0001, "offset": -0.1, "sources": {"bands": "x", "scaling": "y"}}
        """.write(toFile: folder.file("override.json"), atomically: true, encoding: .utf8)
        let catalog = try PresetCatalog.load(userFiles: [folder.file("mine.yaml"), folder.file("override.json")])
        #expect(try catalog.preset(named: "my-camera").names(for: .redEdge) == ["E"])
        #expect(try catalog.preset(named: "sentinel2-l2a").title == "overridden")
        #expect(catalog.origins["my-camera"] == folder.file("mine.yaml"))
        try "presets: [{name: bad}]".write(toFile: folder.file("bad.yaml"), atomically: true, encoding: .utf8)
        #expect(throws: VerdantError.self) { try PresetCatalog.load(userFiles: [folder.file("bad.yaml")]) }
        try """
        {"name": "odd", "title": "t", "bands": {"purple": ["P"]}, "scale": 1, "offset": 0, "sources": {}}
        """.write(toFile: folder.file("odd.json"), atomically: true, encoding: .utf8)
        #expect(throws: VerdantError.self) { try PresetCatalog.load(userFiles: [folder.file("odd.json")]) }
        #expect(throws: VerdantError.self) { try catalog.preset(named: "sentinel3") }
    }
}
