/// The size and allocation of a stratified random sample by map class for accuracy assessment and area
/// estimation, as Olofsson et al. (2014, section 5.1) recommend: a total size from the standard error wanted for
/// the overall accuracy, then a minimum for every (rare) class and the rest in proportion to the mapped areas.
public enum StratifiedAllocation {
    /// The sample size n = (Σᵢ Wᵢ Sᵢ / S(Ô))² (Olofsson et al. 2014, eq. 13, Cochran 1977 eq. 5.25 for a large
    /// population), Sᵢ = √(Uᵢ(1 − Uᵢ)) the standard deviation of stratum i from the user's accuracy Uᵢ expected of
    /// it, rounded up.
    ///
    /// - Parameters:
    ///   - mappedAreas: the mapped area of each class (weights Wᵢ are their shares).
    ///   - expectedUserAccuracies: the user's accuracy expected of each class, in [0, 1].
    ///   - targetStandardError: the standard error wanted for the overall accuracy (> 0), e.g. 0.01.
    /// - Throws: `VerdantError.invalidParameter(.sampleSize, …)` for inputs of different counts, a bad area,
    ///   accuracy or standard error.
    public static func sampleSize(
        mappedAreas: [Double], expectedUserAccuracies: [Double], targetStandardError: Double
    ) throws -> Int {
        guard mappedAreas.count == expectedUserAccuracies.count, !mappedAreas.isEmpty else {
            throw VerdantError.invalidParameter(
                .sampleSize, problem: "needs one expected user's accuracy per mapped class")
        }
        guard targetStandardError.isFinite, targetStandardError > 0 else {
            throw VerdantError.invalidParameter(
                .sampleSize, problem: "needs a positive target standard error (got \(targetStandardError))")
        }
        guard expectedUserAccuracies.allSatisfy({ $0 >= 0 && $0 <= 1 }) else {
            throw VerdantError.invalidParameter(.sampleSize, problem: "needs expected user's accuracies in [0, 1]")
        }
        let total = try checkedTotal(mappedAreas)
        var sum = 0.0
        for (a, u) in zip(mappedAreas, expectedUserAccuracies) { sum += a / total * (u * (1 - u)).squareRoot() }
        let n = sum / targetStandardError
        return Int((n * n).rounded(.up))
    }

    /// The sample units of each map class for a sample of `total` units: each class with mapped area gets at least
    /// `minimum`, the others their share of the area, scaled down together so that the counts add to `total`.
    ///
    /// The allocation is found by repeating: classes whose proportional share of what remains is below the minimum
    /// are fixed at the minimum, and the rest of the total is shared in proportion to area among the others, until
    /// no share falls below the minimum. The shares are then made integers by the largest-remainder method (ties
    /// to the lower class index), so the counts add up exactly to `total` and none falls below the minimum. A class
    /// with no mapped area gets 0. The caller caps a stratum at its number of cells.
    ///
    /// - Throws: `VerdantError.invalidParameter(.sampleSize, …)` when `total` is less than `minimum` times the
    ///   mapped classes, `VerdantError.invalidParameter(.sampleMinimum, …)` for a negative minimum.
    public static func allocate(total: Int, mappedAreas: [Double], minimum: Int = 50) throws -> [Int] {
        guard minimum >= 0 else {
            throw VerdantError.invalidParameter(.sampleMinimum, problem: "must be at least 0 (got \(minimum))")
        }
        _ = try checkedTotal(mappedAreas)
        let mapped = mappedAreas.indices.filter { mappedAreas[$0] > 0 }
        guard total >= minimum * mapped.count else {
            throw VerdantError.invalidParameter(
                .sampleSize,
                problem: ErrorText(
                    "must be at least \(minimum * mapped.count) to give \(mapped.count) mapped classes "
                        + "\(minimum) sample units each (got \(total))"))
        }
        var fixed = Set<Int>()
        var share = [Double](repeating: 0, count: mappedAreas.count)
        while true {
            let free = mapped.filter { !fixed.contains($0) }
            let rest = Double(total - minimum * fixed.count)
            let freeArea = free.reduce(0) { $0 + mappedAreas[$1] }
            for i in fixed { share[i] = Double(minimum) }
            for i in free { share[i] = freeArea > 0 ? rest * mappedAreas[i] / freeArea : 0 }
            let below = free.filter { share[$0] < Double(minimum) }
            if below.isEmpty { break }
            fixed.formUnion(below)
        }
        var counts = share.map { Int($0.rounded(.down)) }
        let remainders = mapped.map { (i: $0, r: share[$0] - Double(counts[$0])) }
            .sorted { $0.r != $1.r ? $0.r > $1.r : $0.i < $1.i }
        var missing = total - counts.reduce(0, +)
        var k = 0
        while missing > 0 && !remainders.isEmpty {
            counts[remainders[k % remainders.count].i] += 1
            missing -= 1
            k += 1
        }
        return counts
    }

    /// The total of `mappedAreas`, each finite and ≥ 0, the total > 0.
    private static func checkedTotal(_ mappedAreas: [Double]) throws -> Double {
        guard !mappedAreas.isEmpty, mappedAreas.allSatisfy({ $0.isFinite && $0 >= 0 }) else {
            throw VerdantError.invalidParameter(.sampleSize, problem: "needs finite, non-negative mapped areas")
        }
        let total = mappedAreas.reduce(0, +)
        guard total > 0 else {
            throw VerdantError.invalidParameter(.sampleSize, problem: "needs a positive total mapped area")
        }
        return total
    }
}
