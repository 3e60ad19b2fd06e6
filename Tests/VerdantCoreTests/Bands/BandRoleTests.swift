import Testing

@testable import VerdantCore

@Suite struct BandRoleTests {
    @Test func rolesParseByNameInAnyCaseAndByAlias() throws {
        func role(_ text: String) throws -> BandRole { try BandRole(parsing: text) }
        #expect(try role("RED") == .red)
        #expect(try role("nir") == .nir)
        for alias in ["re", "red_edge", "Red-Edge", "REDEDGE"] { #expect(try role(alias) == .redEdge, "\(alias)") }
        #expect(try role("QA_PIXEL") == .qa)
        #expect(try role("B8A") == .nirNarrow)
        for known in BandRole.known { #expect(try role(known.name) == known && known.description == known.name) }
        do {
            _ = try BandRole(parsing: "thermal")
            Issue.record("an unknown role was accepted")
        } catch let e as VerdantError {
            #expect(e.exitCode == 1 && e.description.contains("'thermal'") && e.description.contains("rededge"))
        }
    }

    @Test func kindsAndOrder() {
        #expect(BandRole.known.filter { $0.kind == .classes } == [.scl, .qa, .mask, .landCover])
        #expect(BandRole.known.count == 18 && Set(BandRole.known.map(\.name)).count == 18)
        // Every index has its own band role, of the index kind, named as the index.
        #expect(BandRole.known.filter { $0.kind == .index } == SpectralIndex.all.map(\.bandRole))
        #expect(SpectralIndex.all.allSatisfy { $0.bandRole.name == $0.name })
        #expect((try? BandRole(parsing: "NDVI")) == .ndvi)
        #expect([BandRole.mask, .nir, .blue, .scl, .red].sorted() == [.blue, .red, .nir, .scl, .mask])
    }
}
