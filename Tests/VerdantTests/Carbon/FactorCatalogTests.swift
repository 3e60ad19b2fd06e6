import Foundation
import Testing
import TestSupport
@testable import Verdant
@testable import VerdantCore

@Suite struct FactorCatalogTests {

    @Test func builtInSetsCarryTheirSources() throws {
        let sets = FactorCatalog.builtIn()
        #expect(Set(sets.map(\.name)) == ["ipcc-2006", "tver"])
        let tver = try FactorCatalog.load("tver")
        let mangrove = try tver.factors(of: "mangrove-rhizophora", parcel: "x")
        #expect(
            try mangrove.rootShoot.value(agbPerHa: 100) == 0.48
                && mangrove.carbonFraction.value(agbPerHa: 100) == 0.4715)
        let palms = try tver.factors(of: "palms", parcel: "x")
        #expect(try palms.rootShoot.value(agbPerHa: 1) == 0.41 && palms.carbonFraction.value(agbPerHa: 1) == 0.413)
        #expect(try tver.factors(of: "general-trees", parcel: "x").rootShoot.value(agbPerHa: nil) == 0.27)
        let ipcc = try FactorCatalog.load("ipcc-2006")
        let moist = try ipcc.factors(of: "tropical-moist-deciduous", parcel: "x").rootShoot
        #expect(try moist.value(agbPerHa: 124.9) == 0.20 && moist.value(agbPerHa: 125) == 0.24)
        let conifer = try ipcc.factors(of: "temperate-conifer", parcel: "x").rootShoot
        #expect(
            try conifer.value(agbPerHa: 10) == 0.40 && conifer.value(agbPerHa: 100) == 0.29
                && conifer.value(agbPerHa: 151) == 0.20)
        // Checked against the IPCC EFDB entries of Table 4.4: one steppe value for every AGB, with its range.
        let steppe = try ipcc.factors(of: "subtropical-steppe", parcel: "x").rootShoot
        #expect(
            try steppe.value(agbPerHa: 5) == 0.32 && steppe.value(agbPerHa: 500) == 0.32 && steppe.range == [0.26, 0.71]
        )
        let eucalyptus = try ipcc.factors(of: "temperate-eucalyptus", parcel: "x").rootShoot
        #expect(
            try eucalyptus.value(agbPerHa: 49) == 0.44 && eucalyptus.value(agbPerHa: 50) == 0.28
                && eucalyptus.value(agbPerHa: 150) == 0.20)
        // The table gives Quercus spp. only above 70 t/ha: below that is an error, not a borrowed value.
        let quercus = try ipcc.factors(of: "temperate-quercus", parcel: "x").rootShoot
        #expect(try quercus.value(agbPerHa: 80) == 0.30)
        #expect(throws: VerdantError.self) { try quercus.value(agbPerHa: 60) }
        #expect(try ipcc.factors(of: "temperate-conifer", parcel: "x").carbonFraction.range == [0.47, 0.55])
        #expect(try ipcc.factors(of: "boreal", parcel: "x").carbonFraction.range == [0.47, 0.49])
        for set in sets {
            for (_, f) in set.classes {
                #expect(!f.carbonFraction.source.isEmpty && !f.rootShoot.source.isEmpty)
                // Every range given holds its value.
                for v in [f.carbonFraction, f.rootShoot] {
                    if let r = v.range, let x = v.value { #expect(r.count == 2 && r[0] <= x && x <= r[1]) }
                    for c in v.byAGB ?? [] {
                        if let r = c.range, let x = c.value { #expect(r.count == 2 && r[0] <= x && x <= r[1]) }
                    }
                }
            }
        }
        #expect(throws: VerdantError.self) { try ipcc.factors(of: "mangrove", parcel: "x") }
    }

    @Test func userFactorFiles() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        try """
        name: our-project
        title: Our project's factors
        source: our field campaign 2025
        classes:
          teak:
            carbonFraction: {value: 0.49, source: "lab analysis 2025"}
            rootShoot: {byAGB: [{below: 100, value: 0.3}, {value: 0.25}], source: "destructive sampling"}
            expansionFactor: {value: 1.1, source: "branches not in the model"}
        """.write(toFile: folder.file("f.yaml"), atomically: true, encoding: .utf8)
        let set = try FactorCatalog.load(folder.file("f.yaml"))
        let applied = try AppliedFactors(
            className: "teak", factors: try set.factors(of: "teak", parcel: "p"), agbPerHa: 150)
        #expect(applied.rootShoot == 0.25 && applied.carbonFraction == 0.49 && applied.expansionFactor == 1.1)
        #expect(applied.carbon(agb: 10) == 10 * 1.1 * 1.25 * 0.49)
        try "name: x".write(toFile: folder.file("bad.yaml"), atomically: true, encoding: .utf8)
        #expect(throws: VerdantError.self) { try FactorCatalog.load(folder.file("bad.yaml")) }
        #expect(throws: VerdantError.self) { try FactorCatalog.load("no-such-set") }
    }
}
