import Foundation
import GDALKit
import Testing
import TestSupport
@testable import Verdant
@testable import VerdantCore

/// Parcel areas and coverage from the error-driven densification against reference areas of the exact curved
/// images (Tests/Fixtures/reference/make_densify_reference.py: every edge cut into 8192 pieces, projected by
/// pyproj, area by GEOS and an exactly summed shoelace): ordinary parcels, parcels far from the central meridian,
/// slivers 0.3–5 m wide and up to 3 km long, a holed square and a 5 km triangle.
@Suite struct RingProjectorAccuracyTests {
    struct Reference: Decodable {
        struct Parcel: Decodable { let id: String; let rings: [[[Double]]]; let area_m2: Double }
        let parcels: [Parcel]
    }

    static func reference() throws -> Reference {
        let path = ProjectRoot.path + "/Tests/Fixtures/reference/densify_reference.json"
        return try JSONDecoder().decode(Reference.self, from: Data(contentsOf: URL(fileURLWithPath: path)))
    }

    static func rings(_ p: Reference.Parcel) -> [[(x: Double, y: Double)]] {
        p.rings.map { $0.map { (x: $0[0], y: $0[1]) } }
    }

    /// 1e-6 m is the loader's tolerance up to 10 m cells; 1e-4 m that of 1 km cells.
    @Test(arguments: [1e-6, 1e-4, 1e-3])
    func everyParcelWithin1e8OfTheReference(tolerance: Double) throws {
        let lonLat = try SpatialReference(userInput: "EPSG:4326"), utm = try SpatialReference(userInput: "EPSG:32647")
        let ct = try CoordinateTransformation(from: lonLat, to: utm)
        var projector = RingProjector(transformation: ct, tolerance: tolerance)
        projector.areaFloor = 1e-10
        var worstArea = 0.0, worstCoverage = 0.0, worstChordsOnly = 0.0
        for parcel in try Self.reference().parcels {
            let (densified, _, _) = try projector.projectWithVertices([Self.rings(parcel)])
            let polygon = MultiPolygon(
                polygons: densified.map { Polygon(exterior: $0[0], holes: Array($0.dropFirst())) })
            let area = polygon.area
            worstArea = max(worstArea, abs(area - parcel.area_m2) / parcel.area_m2)
            // Coverage on a 10 m grid around the parcel: Σ fraction × cell area is the same area.
            let box = try #require(polygon.boundingBox)
            let grid = try #require(
                CellGrid(
                    originX: (box.minX / 10).rounded(.down) * 10 - 20, originY: (box.maxY / 10).rounded(.up) * 10 + 20,
                    cellWidth: 10, cellHeight: 10,
                    columns: Int((box.maxX - box.minX) / 10) + 5, rows: Int((box.maxY - box.minY) / 10) + 5))
            let covered = SparseCoverage(polygon: polygon, grid: grid).coveredCells * 100
            worstCoverage = max(worstCoverage, abs(covered - parcel.area_m2) / parcel.area_m2)
            // Without the area criterion (chords within the tolerance only), parcels miss by more at 1 mm.
            var chordsOnly = projector
            chordsOnly.relativeArea = 1
            let loose = try chordsOnly.projectWithVertices([Self.rings(parcel)]).densified
            let looseArea = MultiPolygon(polygons: loose.map { Polygon(exterior: $0[0], holes: Array($0.dropFirst())) })
                .area
            worstChordsOnly = max(worstChordsOnly, abs(looseArea - parcel.area_m2) / parcel.area_m2)
        }
        #expect(worstArea <= 1e-8, "worst relative area difference \(worstArea)")
        #expect(worstCoverage <= 1e-8, "worst relative coverage difference \(worstCoverage)")
        // The fixture tells the rules apart: chords within 1 mm alone miss by more than 1e-8.
        if tolerance == 1e-3 { #expect(worstChordsOnly > 1e-8, "chords only: worst \(worstChordsOnly)") }
        print(
            "densify accuracy at \(tolerance) m: area \(worstArea), coverage \(worstCoverage), chords only \(worstChordsOnly)"
        )
    }
}
