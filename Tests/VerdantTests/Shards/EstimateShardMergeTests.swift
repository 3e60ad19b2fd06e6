import Foundation
import GDALKit
import Testing
import TestSupport

@testable import Verdant

/// A sharded estimate merged is the one-machine estimate to the bit: rows, totals, intervals, the parcels' outlines
/// and the scene picture; and a merge refuses partials that are not every shard of one run exactly once.
@Suite struct EstimateShardMergeTests {
    static func request(model: BiomassModel? = nil, monteCarlo: Bool = false) -> EstimateRequest {
        var r = EstimateJobTests.request(threads: 2, tileSize: 128)
        if let model { r.model = model }
        if monteCarlo { r.uncertainty = UncertaintyOptions(method: .monteCarlo, draws: 300, seed: 5) }
        return r
    }

    static func shards(_ request: EstimateRequest, _ n: Int, pictureSize: Int? = nil) throws -> [EstimatePartial] {
        try (0..<n).map {
            try EstimateShard.run(request, shard: try Shard(index: $0, count: n), pictureSize: pictureSize)
        }
    }

    /// A picture's values and cloud shares as bits (NaN, for cells without observations, equals itself).
    static func bits(_ picture: NDVIPicture?) -> [UInt32]? {
        picture.map { p in p.values.map(\.bitPattern) + p.cloud.map(\.bitPattern) }
    }

    @Test(arguments: [1, 2, 3, 4])
    func theMergeIsTheOneMachineRun(shards n: Int) throws {
        var one = Self.request()
        one.ndviPictureSize = 300
        let expected = try EstimateJob.run(one)
        let partials = try Self.shards(Self.request(), n, pictureSize: 300)
        let merged = try EstimateMerge.report(Self.request(), partials: partials)
        #expect(merged.rows == expected.rows)
        #expect(merged.totals == expected.totals)
        #expect(merged.parcels == expected.parcels, "ids, attributes, outlines, source geometry, notes")
        #expect(Self.bits(merged.ndviPicture) == Self.bits(expected.ndviPicture) && merged.ndviPicture != nil)
        #expect(merged.metadata.tilesRead == expected.metadata.tilesRead)
        #expect(merged.metadata.warnings == expected.metadata.warnings)
        #expect(CSVReport.text(merged) == CSVReport.text(expected))
        // The tiles are split between the shards, and no shard measures every parcel when there are several.
        #expect(partials.map(\.tiles.count).reduce(0, +) == expected.metadata.tilesRead)
        if n > 1 {
            #expect(partials.allSatisfy { $0.parcels.count < expected.rows.count }, "\(partials.map(\.parcels.count))")
        }
    }

    @Test func intervalsAnalyticAndMonteCarloMergeExactly() throws {
        var model = try BiomassModel(parsing: "linear:-30,250")
        model.uncertainty = ModelUncertainty(covariance: [[25, -30], [-30, 100]], residualSD: 20, plotAreaHa: 0.05)
        for monteCarlo in [false, true] {
            let request = Self.request(model: model, monteCarlo: monteCarlo)
            let expected = try EstimateJob.run(request)
            let merged = try EstimateMerge.report(request, partials: try Self.shards(request, 3))
            #expect(expected.rows.allSatisfy { $0.interval != nil || $0.agbT == 0 })
            #expect(merged.rows == expected.rows && merged.totals == expected.totals, "Monte Carlo: \(monteCarlo)")
        }
    }

    @Test func aPartialFileKeepsEveryBit() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        var model = try BiomassModel(parsing: "linear:-30,250")
        model.uncertainty = ModelUncertainty(covariance: [[25, -30], [-30, 100]], residualSD: 20, plotAreaHa: 0.05)
        let request = Self.request(model: model, monteCarlo: true)
        let partials = try Self.shards(request, 2, pictureSize: 200)
        let shards = partials.map { ShardPartial(command: "estimate", shard: $0.shard, parts: [$0]) }
        let read = try shards.enumerated().map { k, p in
            let path = folder.file("p\(k).vpart")
            try PartialFile.write(p, to: path, inputs: [], overwrite: false)
            return try PartialFile.read(path).parts[0]
        }
        #expect(
            try PartialFile.data(shards[0])
                == PartialFile.data(ShardPartial(command: "estimate", shard: read[0].shard, parts: [read[0]])))
        let a = try EstimateMerge.report(request, partials: partials)
        let b = try EstimateMerge.report(request, partials: read)
        #expect(a.rows == b.rows && a.totals == b.totals && Self.bits(a.ndviPicture) == Self.bits(b.ndviPicture))
        // The same shard of the same run replaces its partial; another file is never overwritten.
        try PartialFile.write(shards[0], to: folder.file("p0.vpart"), inputs: [], overwrite: false)
        #expect(throws: VerdantError.self) {
            try PartialFile.write(shards[1], to: folder.file("p0.vpart"), inputs: [], overwrite: false)
        }
        try Data("not a partial".utf8).write(to: URL(fileURLWithPath: folder.file("other.vpart")))
        #expect(throws: VerdantError.self) {
            try PartialFile.write(shards[0], to: folder.file("other.vpart"), inputs: [], overwrite: false)
        }
        #expect(throws: VerdantError.self) { try PartialFile.read(folder.file("other.vpart")) }
    }

    @Test func partialsThatAreNotOneRunAreRefused() throws {
        let request = Self.request()
        let partials = try Self.shards(request, 3)
        func problem(_ p: [EstimatePartial], _ r: EstimateRequest = request) -> String {
            do {
                _ = try EstimateMerge.report(r, partials: p)
                return ""
            } catch { return "\(error)" }
        }
        #expect(problem([partials[0], partials[2]]).contains("shard 1/3 is missing"))
        #expect(problem([partials[0], partials[1], partials[1], partials[2]]).contains("is shard 1/3 again"))
        #expect(problem([]).contains("no partials"))
        let other = try Self.shards(request, 2)
        #expect(problem([partials[0], partials[1], other[1]]).contains("not of 3"))
        var model = request
        model.model = try BiomassModel(parsing: "linear:-20,240")
        let changed = try EstimateShard.run(model, shard: try Shard(index: 1, count: 3))
        #expect(problem([partials[0], changed, partials[2]]).contains("another request"))
        #expect(problem(partials, model).contains("not the one the shards ran"))
        var old = partials[1]
        old.verdantVersion = "0.0.1"
        #expect(problem([partials[0], old, partials[2]]).contains("Verdant 0.0.1"))
        var inputs = partials[1]
        inputs.inputs[inputs.inputs.keys.sorted()[0]] = "size=1"
        #expect(problem([partials[0], inputs, partials[2]]).contains("other inputs"))
        var twice = partials[1]
        twice.tiles += partials[2].tiles.prefix(1)
        #expect(problem([partials[0], twice, partials[2]]).contains("reads tile"))
        // Without the picture, the merge cannot draw the report's map.
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        #expect(throws: VerdantError.self) {
            try EstimateWorkflow.merge(
                request, partials: partials,
                outputs: EstimateOutputs(table: folder.file("p.csv"), report: folder.file("r.html")))
        }
        #expect(folder.contents().filter { !$0.hasSuffix(".verdant-lock") }.isEmpty)
    }

    @Test(.enabled(if: RealData.isPresent, "needs ../shared/real-data (the Landsat 5 scene)"))
    func theRealLandsatSceneInFourShards() throws {
        let stack = try RealData.require("landsat5_rstoolbox/LT52240631988227CUB02_stack_B1-B7.tif")
        let request = EstimateRequest(
            inputs: .stacked(
                path: stack, red: .index(3), nir: .index(4), scaling: .identity),
            parcels: ParcelSource(path: try RealData.require("landsat5_rstoolbox/trainingPolygons_lsat.gpkg")),
            model: try BiomassModel(parsing: "linear:-30,250"), execution: ExecutionOptions(threads: 2, tileSize: 256))
        let expected = try EstimateJob.run(request)
        let partials = try Self.shards(request, 4)
        let merged = try EstimateMerge.report(request, partials: partials)
        #expect(expected.rows.count > 20)
        #expect(merged.rows == expected.rows && merged.totals == expected.totals)
        #expect(CSVReport.text(merged) == CSVReport.text(expected))
        #expect(partials.map(\.parcels.count).reduce(0, +) < 4 * expected.rows.count)
    }
}
