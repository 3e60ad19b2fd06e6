import Foundation
import GDALKit
import Testing
import TestSupport
import Verdant

@Suite struct MaskRulesTests {
    @Test func sclClasses() {
        let rules = MaskRules()
        #expect(rules.status(scl: 4) == .observed && rules.status(scl: 5) == .observed && rules.status(scl: 6) == .observed)
        for c in [3.0, 8, 9, 10] { #expect(rules.status(scl: c) == .cloud) }
        for c in [0.0, 1] { #expect(rules.status(scl: c) == .noData) }
        #expect(rules.status(scl: .nan) == .noData)
        var water = MaskRules()
        water.sclExclude.insert(6)
        #expect(water.status(scl: 6) == .masked)
    }

    @Test func qaPixelBits() throws {
        let rules = MaskRules()
        #expect(rules.status(qa: 21824) == .observed, "clear land (bit 6 set, confidences low)")
        #expect(rules.status(qa: 1) == .noData, "fill")
        func bits(_ list: Int...) -> Double { Double(list.reduce(0) { $0 | (1 << $1) }) }
        #expect(rules.status(qa: bits(3, 6)) == .cloud)
        #expect(rules.status(qa: bits(4)) == .cloud, "shadow")
        #expect(rules.status(qa: bits(2)) == .cloud, "cirrus")
        #expect(rules.status(qa: bits(1)) == .cloud, "dilated cloud")
        #expect(rules.status(qa: bits(7)) == .observed, "water kept by default")
        let water = MaskRules(qaExcludeBits: [0, 1, 2, 3, 4, 7])
        #expect(water.status(qa: bits(7)) == .masked)
        #expect(try MaskRules.integers("0, 1,3", option: "x") == [0, 1, 3])
        #expect(throws: VerdantError.self) { try MaskRules.integers("0,a", option: "x") }
        #expect(try MaskRules.range("0,1") == 0...1)
        #expect(throws: VerdantError.self) { try MaskRules.range("1,0") }
    }

    /// A 4 × 4 scene of 10 m cells with a 2 × 2 SCL of 20 m: each SCL cell covers 4 reflectance cells.
    @Test func sclAt20mOn10mAndQAOnAHandMadeScene() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let red = [Double](repeating: 0.1, count: 16), nir = [Double](repeating: 0.5, count: 16)
        let stack = try RasterFixture.write(folder.file("s.tif"), width: 4, height: 4, type: .float32, bands: [red, nir])
        let scl = try RasterFixture.write(folder.file("scl.tif"), width: 2, height: 2, type: .byte, bands: [[4, 9, 3, 6]],
                                          transform: GeoTransform(originX: 600_000, originY: 1_600_000, cellWidth: 20, cellHeight: 20))
        var inputs = RasterInputs.stacked(path: stack, red: .index(1), nir: .index(2), scaling: .identity)
        inputs.bands[.scl] = BandSource(path: scl, band: .index(1))
        let s = try MapJob.run(MapRequest(inputs: inputs, model: try BiomassModel(parsing: "linear:0,100")))
        #expect(s.cells == 16 && s.validCells == 8 && s.cloudCells == 8 && s.noDataCells == 0)
        var withWater = MaskRules()
        withWater.sclExclude.insert(6)
        let w = try MapJob.run(MapRequest(inputs: inputs, model: try BiomassModel(parsing: "linear:0,100"), masks: withWater))
        #expect(w.validCells == 4 && w.maskedCells == 4)
        // QA_PIXEL on the same grid: fill, cloud, clear, water.
        let qaValues: [Double] = [1, 1, 72, 72, 64, 64, 64, 64, 192, 192, 64, 64, 16, 64, 64, 64]
        let qa = try RasterFixture.write(folder.file("qa.tif"), width: 4, height: 4, type: .uInt16, bands: [qaValues])
        var q = RasterInputs.stacked(path: stack, red: .index(1), nir: .index(2), scaling: .identity)
        q.bands[.qa] = BandSource(path: qa, band: .index(1))
        let r = try MapJob.run(MapRequest(inputs: q, model: try BiomassModel(parsing: "linear:0,100")))
        #expect(r.noDataCells == 2 && r.cloudCells == 3 && r.validCells == 11)
        // A user mask (0 = exclude) and a valid range.
        let mask = try RasterFixture.write(folder.file("m.tif"), width: 4, height: 4, type: .byte, bands: [[0, 0, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1]])
        var m = RasterInputs.stacked(path: stack, red: .index(1), nir: .index(2), scaling: .identity)
        m.bands[.mask] = BandSource(path: mask, band: .index(1))
        #expect(try MapJob.run(MapRequest(inputs: m)).maskedCells == 3)
        let ranged = try MapJob.run(MapRequest(inputs: m, masks: MaskRules(validRange: 0...0.4)))
        #expect(ranged.validCells == 0 && ranged.noDataCells == 13)
    }

    @Test func gapFillingAndTheLowObservedFlag() throws {
        var setup = SensorSetup(preset: try PresetCatalog.builtIn().preset(named: "sentinel2-l2a"))
        setup.rasters = [ProjectRoot.sample("sentinel2_l2a_stack.tif")]
        setup.assignments = [try BandAssignment(parsing: "scl=\(ProjectRoot.sample("sentinel2_l2a_SCL_20m.tif"))")]
        let (inputs, masks) = try setup.resolve(needing: [.red, .nir])
        let report = try EstimateJob.run(EstimateRequest(inputs: inputs, parcels: ParcelSource(path: ProjectRoot.sample("sentinel2_parcels.geojson"), idField: "parcel_id"),
                                                         model: try BiomassModel(parsing: "linear:-30,250"), masks: masks, minObserved: 0.6))
        let p05 = report.rows.first { $0.parcelID == "P05" }!
        #expect(p05.cloudFraction! > 0.5 && p05.lowObserved)
        #expect(abs(p05.agbTFilled! - p05.agbTPerHa! * p05.parcelHa) < 1e-9)
        #expect(abs(p05.co2eTFilled! - p05.agbTFilled! * 0.47 * 44 / 12) < 1e-6)
        #expect(abs(p05.unobservedFraction! - (p05.cloudFraction! + p05.noDataFraction! + p05.maskedFraction!)) < 1e-12)
        let p01 = report.rows.first { $0.parcelID == "P01" }!
        #expect(!p01.lowObserved && abs(p01.agbTFilled! - p01.agbT) < 1e-9)
        let p08 = report.rows.first { $0.parcelID == "P08" }!
        #expect(abs(p08.noDataFraction! - 0.375) < 1e-6, "the part outside the raster counts as no data")
        #expect(report.totals.lowObservedParcels == 1)
    }
}

/// The one QA rule against a bit-by-bit reading of the USGS definition, for every 16-bit flag word.
@Suite struct QAMasksTests {
    @Test(arguments: [MaskRules.defaultQAExcludeBits, [0, 5, 7], [3], [], [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15]])
    func sameAsBitByBit(bits: Set<Int>) {
        let masks = MaskRules.QAMasks(bits)
        for flags in 0..<(1 << 16) {
            var expected = CellStatus.observed
            if bits.contains(0) && flags & 1 != 0 {
                expected = .noData
            } else {
                for bit in bits.sorted() where bit != 0 && flags & (1 << bit) != 0 {
                    if MaskRules.qaCloudBits.contains(bit) { expected = .cloud; break }
                    expected = .masked
                }
            }
            if masks.status(Double(flags)) != expected { Issue.record("flags \(flags), bits \(bits.sorted())"); return }
        }
        #expect(masks.status(.nan) == .noData && masks.status(-1) == .noData && masks.status(1e300) == .noData)
    }
}
