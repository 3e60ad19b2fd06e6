import Testing
import VerdantCore

/// Folds of whole groups, balanced, every class trained on in every fold.
@Suite struct GroupFoldsTests {
    @Test func neverSplitsAGroupAndBalancesTheFolds() throws {
        let reference = try ClassificationReference.load().forest
        let folds = try GroupFolds.assign(groups: reference.groups, labels: reference.labels, folds: 5, seed: 8)
        var foldOfGroup: [Int: Int] = [:]
        for (g, f) in zip(reference.groups, folds) {
            #expect(foldOfGroup[g, default: f] == f, "group \(g) split")
            foldOfGroup[g] = f
        }
        // 48 groups of 25 samples in 5 folds: 9 or 10 groups each.
        let sizes = (0..<5).map { k in folds.filter { $0 == k }.count }
        #expect(sizes.allSatisfy { $0 == 225 || $0 == 250 }, "\(sizes)")
        for k in 0..<5 {
            let trained = Set(zip(folds, reference.labels).filter { $0.0 != k }.map(\.1))
            #expect(trained == [0, 1, 2, 3])
        }
        #expect(try GroupFolds.assign(groups: reference.groups, labels: reference.labels, folds: 5, seed: 8) == folds)
        #expect(try GroupFolds.assign(groups: reference.groups, labels: reference.labels, folds: 5, seed: 9) != folds)
    }

    @Test func unevenGroupsAndTwoGroupClasses() throws {
        // Class 0: groups 10 (40 samples) and 11 (1); class 1: groups 20, 21, 22 (5 each).
        let groups =
            Array(repeating: 10, count: 40) + [11] + Array(repeating: 20, count: 5)
            + Array(repeating: 21, count: 5) + Array(repeating: 22, count: 5)
        let labels = Array(repeating: 0, count: 41) + Array(repeating: 1, count: 15)
        let folds = try GroupFolds.assign(groups: groups, labels: labels, folds: 3, seed: 1)
        #expect(folds[0] != folds[40])  // the two groups of class 0 sit in different folds
        #expect(Set(folds) == [0, 1, 2])
        for k in 0..<3 { #expect(Set(zip(folds, labels).filter { $0.0 != k }.map(\.1)) == [0, 1]) }
    }

    @Test func refusesTooFewGroupsOrFolds() {
        let groups = [1, 1, 2, 3, 3], labels = [0, 0, 0, 1, 1]
        #expect(throws: VerdantError.self) {
            try GroupFolds.assign(groups: groups, labels: labels, folds: 2, seed: 0, classNames: ["forest", "water"])
        }
        do {
            _ = try GroupFolds.assign(
                groups: groups, labels: labels, folds: 2, seed: 0, classNames: ["forest", "water"])
        } catch {
            #expect("\(error)".contains("class 'water' has 1 group (3)"))
        }
        let ok = [1, 2, 3, 4], two = [0, 0, 1, 1]
        #expect(throws: VerdantError.invalidParameter(.folds, problem: "must be at least 2 (got 1)")) {
            try GroupFolds.assign(groups: ok, labels: two, folds: 1, seed: 0)
        }
        #expect(throws: VerdantError.invalidParameter(.folds, problem: "must be at most the 4 groups (got 5)")) {
            try GroupFolds.assign(groups: ok, labels: two, folds: 5, seed: 0)
        }
        #expect(throws: VerdantError.self) { try GroupFolds.assign(groups: [1, 1], labels: [0, 1], folds: 2, seed: 0) }
    }
}
