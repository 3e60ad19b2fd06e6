import Testing
@testable import Verdant
@testable import VerdantCore

/// The memory bound on a run's parcels.
@Suite struct MemoryBudgetTests {
    @Test func sizesParse() {
        #expect(MemoryBudget.parse("512M") == 512 << 20)
        #expect(MemoryBudget.parse("2G") == 2 << 30)
        #expect(MemoryBudget.parse("1.5GiB") == 3 << 29)
        #expect(MemoryBudget.parse("1073741824") == 1 << 30)
        #expect(MemoryBudget.parse("2gb") == 2 << 30)
        for bad in ["", "-1G", "0", "G", "lots", "1e30T"] { #expect(MemoryBudget.parse(bad) == nil, "\(bad)") }
    }

    @Test func chargingPastTheLimitThrowsNamingTheFile() throws {
        let budget = MemoryBudget(limit: 1000)
        try budget.charge(600, file: "p.gpkg", doing: "reading")
        #expect(budget.charged == 600)
        do {
            try budget.charge(600, file: "p.gpkg", doing: "the exact coverage of its 3 parcels")
            Issue.record("over the limit was accepted")
        } catch let e as VerdantError {
            #expect(e.exitCode == 2)
            #expect(e.description.contains("p.gpkg") && e.description.contains("maxMemory"), "\(e)")
        }
    }

    @Test func theMachinesAvailableMemoryIsTheDefault() {
        let budget = ExecutionOptions(threads: 2).memoryBudget(reserving: 100 << 20)
        // What is available moves a little between two reads of it.
        #expect(budget.limit > 64 << 20 && abs(budget.limit - (MemoryBudget.available - (100 << 20))) < 256 << 20)
        #expect(ExecutionOptions(threads: 2).memoryBudget(reserving: .max).limit == 1 << 20, "never below 1 MiB")
        var small = ExecutionOptions(threads: 2)
        small.maxMemoryBytes = 1
        #expect(small.memoryBudget(reserving: 0).limit == 1 << 20, "never below 1 MiB")
    }
}
