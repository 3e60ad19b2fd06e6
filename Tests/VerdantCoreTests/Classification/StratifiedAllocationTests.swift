import Testing
import VerdantCore

/// Sample size (Olofsson et al. 2014, eq. 13) and allocation with a minimum per stratum.
@Suite struct StratifiedAllocationTests {
    let paperAreas: [Double] = [200_000, 150_000, 3_200_000, 6_450_000]

    @Test func sampleSizeOfThePaper() throws {
        // Σ Wᵢ √(Uᵢ(1 − Uᵢ)) with U = 0.7, 0.6, 0.9, 0.95 is 0.253088…; (0.253088/0.01)² = 640.5 → 641.
        let n = try StratifiedAllocation.sampleSize(
            mappedAreas: paperAreas, expectedUserAccuracies: [0.7, 0.6, 0.9, 0.95], targetStandardError: 0.01)
        #expect(n == 641)
    }

    @Test func allocationSumsToTheTotalAndRespectsTheMinimum() throws {
        // 75 for each change class, 490 left in proportion to 0.32 : 0.645 (162.49, 327.51).
        #expect(
            try StratifiedAllocation.allocate(total: 640, mappedAreas: paperAreas, minimum: 75) == [75, 75, 162, 328])
        #expect(try StratifiedAllocation.allocate(total: 1000, mappedAreas: [1, 1, 98]) == [50, 50, 900])
        // Two rounds: class 0 is fixed first (20 < 50), then class 1 (41.7 < 50).
        #expect(try StratifiedAllocation.allocate(total: 200, mappedAreas: [10, 25, 65]) == [50, 50, 100])
        // Proportional when every share clears the minimum; a class without area gets nothing.
        #expect(try StratifiedAllocation.allocate(total: 1000, mappedAreas: [30, 0, 70]) == [300, 0, 700])
        var g = SeededGenerator(seed: 77)
        for _ in 0..<200 {
            let areas = (0..<(1 + g.index(below: 6))).map { _ in Double(g.index(below: 1000)) + 1 }
            let minimum = g.index(below: 60)
            let total = minimum * areas.count + g.index(below: 2000)
            let counts = try StratifiedAllocation.allocate(total: total, mappedAreas: areas, minimum: minimum)
            #expect(counts.reduce(0, +) == total && counts.allSatisfy { $0 >= minimum })
        }
    }

    @Test func refusesImpossibleAllocations() {
        #expect(throws: VerdantError.self) { try StratifiedAllocation.allocate(total: 100, mappedAreas: [1, 1, 1]) }
        #expect(throws: VerdantError.self) { try StratifiedAllocation.allocate(total: 100, mappedAreas: [0, 0]) }
        #expect(throws: VerdantError.self) {
            try StratifiedAllocation.sampleSize(mappedAreas: [1], expectedUserAccuracies: [0.5], targetStandardError: 0)
        }
    }
}
