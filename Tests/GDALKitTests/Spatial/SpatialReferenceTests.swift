import Testing
@testable import GDALKit

@Suite struct SpatialReferenceTests {
    @Test func utmFacts() throws {
        let utm = try SpatialReference(epsg: 32647)
        #expect(utm.isProjected && !utm.isGeographic)
        #expect(utm.linearUnitsInMetres == 1)
        #expect(utm.semiMajorAxis == 6_378_137)
        #expect(abs(utm.inverseFlattening - 298.257223563) < 1e-9)
        #expect(utm.name == "WGS 84 / UTM zone 47N")
        let again = try SpatialReference(userInput: utm.wkt)
        #expect(again.isSame(as: utm))
        #expect(!(try SpatialReference(epsg: 32648)).isSame(as: utm))
    }

    @Test func transformsInGISAxisOrder() throws {
        let wgs84 = try SpatialReference(epsg: 4326)
        #expect(wgs84.isGeographic)
        let utm = try SpatialReference(epsg: 32647)
        // The central meridian of zone 47 (99° E) on the equator is (500000, 0).
        let p = try CoordinateTransformation(from: wgs84, to: utm).transform(x: 99, y: 0)
        #expect(abs(p.x - 500_000) < 1e-6 && abs(p.y) < 1e-6)
        let q = try CoordinateTransformation(from: utm, to: wgs84).transform(x: 500_000, y: 1_000_000)
        #expect(abs(q.x - 99) < 1e-9 && q.y > 9 && q.y < 9.1)
    }

    @Test func badInputThrows() {
        #expect(throws: GDALError.self) { try SpatialReference(userInput: "EPSG:999999999") }
        #expect(throws: GDALError.self) { try SpatialReference(userInput: "not a crs") }
    }
}
