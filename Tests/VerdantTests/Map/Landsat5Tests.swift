import Foundation
import GDALKit
import Testing
import TestSupport
import Verdant

/// The real Landsat 5 TM scene of ../shared/real-data/ (striped UInt8 GeoTIFFs, nodata 255, EPSG:32622).
@Suite(.enabled(if: RealData.isPresent, "../shared/real-data/ is absent: the real-scene tests are skipped"))
struct Landsat5Tests {
    static let folder = "landsat5_rstoolbox/"

    struct Reference: Decodable {
        var valid_cells: Int
        var mean_ndvi: Double
        var min_ndvi: Double
        var max_ndvi: Double
        var total_agb_t_linear: Double
        struct Cell: Decodable { var row: Int; var col: Int; var ndvi: Double? }
        var cells_at: [Cell]

        enum CodingKeys: String, CodingKey {
            case valid_cells, mean_ndvi, min_ndvi, max_ndvi, cells_at
            case total_agb_t_linear = "total_agb_t_linear_-30_250"
        }
    }

    static func reference() throws -> Reference {
        let path = ProjectRoot.path + "/Tests/Fixtures/reference/landsat5_ndvi.json"
        return try JSONDecoder().decode(Reference.self, from: Data(contentsOf: URL(fileURLWithPath: path)))
    }

    @Test func ndviMatchesRasterioAndNumpy() throws {
        let stack = try RealData.require(Self.folder + "LT52240631988227CUB02_stack_B1-B7.tif")
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let out = folder.file("ndvi.tif")
        let s = try MapJob.run(
            MapRequest(
                inputs: .stacked(path: stack, red: .index(3), nir: .index(4), scaling: .identity),
                model: try BiomassModel(parsing: "linear:-30,250"), ndviOutput: out))
        let ref = try Self.reference()
        #expect(s.validCells == ref.valid_cells)
        #expect(abs(s.meanNDVI! - ref.mean_ndvi) <= 1e-9 * abs(ref.mean_ndvi))
        #expect(abs(s.totalAGBTonnes - ref.total_agb_t_linear) <= 1e-9 * ref.total_agb_t_linear)
        let ndvi = try Dataset.open(out).band(1).readAll(as: Float.self)
        let defined = ndvi.filter { !$0.isNaN }
        #expect(defined.min() == Float(ref.min_ndvi) && defined.max() == Float(ref.max_ndvi))
        for cell in ref.cells_at {
            #expect(ndvi[cell.row * 287 + cell.col] == Float(cell.ndvi ?? .nan))
        }
    }

    @Test func separateBandFilesGiveTheSameNDVI() throws {
        let stack = try RealData.require(Self.folder + "LT52240631988227CUB02_stack_B1-B7.tif")
        let b3 = try RealData.require(Self.folder + "LT52240631988227CUB02_B3.TIF")
        let b4 = try RealData.require(Self.folder + "LT52240631988227CUB02_B4.TIF")
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let fromStack = folder.file("a.tif"), fromFiles = folder.file("b.tif")
        let a = try MapJob.run(
            MapRequest(
                inputs: .stacked(path: stack, red: .index(3), nir: .index(4), scaling: .identity), ndviOutput: fromStack
            ))
        let inputs = try RasterInputs(
            assignments: [BandAssignment(parsing: "red=\(b3)"), BandAssignment(parsing: "nir=\(b4)")],
            scaling: .identity)
        let b = try MapJob.run(MapRequest(inputs: inputs, ndviOutput: fromFiles))
        #expect(a.validCells == b.validCells && a.meanNDVI == b.meanNDVI)
        // An independent per-cell computation from the raw digital numbers of the single-band files.
        let red = try Dataset.open(b3).band(1).readAll(as: UInt8.self)
        let nir = try Dataset.open(b4).band(1).readAll(as: UInt8.self)
        let written = try Dataset.open(fromFiles).band(1).readAll(as: Float.self)
        var mismatches = 0
        for i in 0..<red.count {
            let r = Double(red[i]), n = Double(nir[i])
            let expected: Float = (red[i] == 255 || nir[i] == 255 || r + n == 0) ? .nan : Float((n - r) / (n + r))
            if !(expected.isNaN && written[i].isNaN) && expected != written[i] { mismatches += 1 }
        }
        #expect(mismatches == 0)
    }
}
