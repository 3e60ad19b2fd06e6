/// Class areas and map accuracy estimated from a stratified random sample whose strata are the map classes
/// (Olofsson et al. 2014, "Good practices for estimating area and assessing accuracy of land change", Remote
/// Sensing of Environment 148, 42–57): the error-adjusted estimator that corrects the map's pixel counts with the
/// sample's confusion matrix, with standard errors and 95 % confidence intervals.
///
/// Notation (the paper's): map class i is stratum i, with mapped area Aₘ,ᵢ, weight Wᵢ = Aₘ,ᵢ/A (A the total
/// mapped area) and nᵢ. sample units, nᵢⱼ of them of reference class j. The estimated proportion of the map in
/// cell (i, j) is p̂ᵢⱼ = Wᵢ nᵢⱼ/nᵢ. (eq. 4). Then, for each class:
/// - area proportion p̂.ⱼ = Σᵢ Wᵢ nᵢⱼ/nᵢ. (eq. 9), area Âⱼ = A p̂.ⱼ, with
///   S(p̂.ⱼ) = √(Σᵢ Wᵢ² (nᵢⱼ/nᵢ.)(1 − nᵢⱼ/nᵢ.)/(nᵢ. − 1)) (eq. 10), S(Âⱼ) = A S(p̂.ⱼ) (eq. 11) and the 95 %
///   interval Âⱼ ± 1.96 S(Âⱼ) (eq. 12);
/// - user's accuracy Ûᵢ = nᵢᵢ/nᵢ. (eq. 2) with V(Ûᵢ) = Ûᵢ(1 − Ûᵢ)/(nᵢ. − 1) (eq. 6);
/// - producer's accuracy P̂ⱼ = p̂ⱼⱼ/p̂.ⱼ (eq. 3) with the variance of eq. 7:
///   V(P̂ⱼ) = [Nⱼ.² (1 − P̂ⱼ)² Ûⱼ(1 − Ûⱼ)/(nⱼ. − 1) + P̂ⱼ² Σᵢ≠ⱼ Nᵢ.² (nᵢⱼ/nᵢ.)(1 − nᵢⱼ/nᵢ.)/(nᵢ. − 1)] / N̂.ⱼ²,
///   Nᵢ. the mapped area of class i and N̂.ⱼ = Σᵢ (Nᵢ./nᵢ.) nᵢⱼ the estimated area of reference class j;
/// - overall accuracy Ô = Σⱼ p̂ⱼⱼ (eq. 1) with V(Ô) = Σᵢ Wᵢ² Ûᵢ(1 − Ûᵢ)/(nᵢ. − 1) (eq. 5).
///
/// Areas are in the unit of the mapped areas (pixels, hectares …). The sample counts may be weights (Doubles).
/// A map class with no mapped area takes no part in the estimates (W = 0) and needs no sample.
public struct StratifiedAreaEstimate: Codable, Hashable, Sendable {
    /// The estimates of one class (as map class i for the user's accuracy, as reference class j otherwise).
    public struct ClassEstimate: Codable, Hashable, Sendable {
        /// The class's mapped area Aₘ (the stratum's size).
        public var mappedArea: Double
        /// The sample units of the stratum, nᵢ..
        public var sampleUnits: Double
        /// The estimated proportion of the total area that is of this class, p̂.ⱼ.
        public var proportion: Double
        /// The standard error of `proportion`, S(p̂.ⱼ).
        public var proportionStandardError: Double
        /// The estimated area of this class, Âⱼ = A p̂.ⱼ.
        public var area: Double
        /// The standard error of `area`, S(Âⱼ) = A S(p̂.ⱼ).
        public var areaStandardError: Double
        /// The half-width of the 95 % confidence interval of `area`, 1.96 S(Âⱼ).
        public var areaMargin95: Double
        /// The user's accuracy Ûᵢ; nil for a stratum without sample units.
        public var userAccuracy: Double?
        /// The standard error of `userAccuracy`.
        public var userAccuracyStandardError: Double?
        /// The producer's accuracy P̂ⱼ; nil when the class's estimated area is 0.
        public var producerAccuracy: Double?
        /// The standard error of `producerAccuracy`.
        public var producerAccuracyStandardError: Double?

        /// The 95 % confidence interval of `area`, `area` ± `areaMargin95`.
        public var areaInterval95: ClosedRange<Double> { (area - areaMargin95)...(area + areaMargin95) }
    }

    /// The per-class estimates, in class order.
    public var classes: [ClassEstimate]
    /// The total mapped area A.
    public var totalArea: Double
    /// The overall accuracy Ô.
    public var overallAccuracy: Double
    /// The standard error of `overallAccuracy`.
    public var overallAccuracyStandardError: Double

    /// The standard normal quantile of a two-sided 95 % interval, as the paper uses it.
    public static let z95 = 1.96

    /// The estimates from the mapped area of each class and the sample matrix laid out as in the paper:
    /// `mapByReference[i][j]` is the sample units of map class (stratum) i whose reference class is j.
    ///
    /// - Parameters:
    ///   - mappedAreas: the mapped area (or pixel count) of each map class; finite, ≥ 0, total > 0.
    ///   - mapByReference: the square sample matrix, rows map classes, columns reference classes; entries ≥ 0.
    ///   - classNames: names for the classes in error messages (class indices when empty).
    /// - Throws: `VerdantError.invalidParameter(.validation, …)` when the sizes differ, a value is negative or
    ///   not finite, or a mapped class has fewer than 2 sample units (its variance is undefined).
    public init(mappedAreas: [Double], mapByReference: [[Double]], classNames: [String] = []) throws {
        let q = mappedAreas.count
        func name(_ c: Int) -> String { c < classNames.count ? "'\(classNames[c])'" : "\(c)" }
        func bad(_ problem: String) -> VerdantError {
            VerdantError.invalidParameter(.validation, problem: ErrorText(problem))
        }
        guard q >= 1, mapByReference.count == q, mapByReference.allSatisfy({ $0.count == q }) else {
            throw bad("must be a square matrix of the \(q) map classes")
        }
        guard mappedAreas.allSatisfy({ $0.isFinite && $0 >= 0 }) else {
            throw bad("needs finite, non-negative mapped areas")
        }
        guard mapByReference.allSatisfy({ $0.allSatisfy { $0.isFinite && $0 >= 0 } }) else {
            throw bad("needs finite, non-negative sample counts")
        }
        let total = mappedAreas.reduce(0, +)
        guard total > 0 else { throw bad("needs a positive total mapped area") }
        let rowTotals = mapByReference.map { $0.reduce(0, +) }
        for i in 0..<q where mappedAreas[i] > 0 && rowTotals[i] < 2 {
            throw bad(
                "has \(rowTotals[i]) sample units of map class \(name(i)); the stratified estimator needs "
                    + "at least 2 in every mapped class")
        }
        let w = mappedAreas.map { $0 / total }
        // p̂ᵢⱼ = Wᵢ nᵢⱼ / nᵢ. (0 for strata of no area); share(i, j) = nᵢⱼ / nᵢ..
        func share(_ i: Int, _ j: Int) -> Double { rowTotals[i] > 0 ? mapByReference[i][j] / rowTotals[i] : 0 }
        func p(_ i: Int, _ j: Int) -> Double { w[i] > 0 ? w[i] * share(i, j) : 0 }
        // Σ over strata of (weight)² (share)(1 − share)/(nᵢ. − 1), the variance term of eqs. 5, 7 and 10.
        func term(_ weight: Double, _ i: Int, _ j: Int) -> Double {
            guard weight > 0 else { return 0 }
            let s = share(i, j)
            return weight * weight * s * (1 - s) / (rowTotals[i] - 1)
        }
        var overall = 0.0, overallVariance = 0.0
        for i in 0..<q {
            overall += p(i, i)
            overallVariance += term(w[i], i, i)
        }
        var classes: [ClassEstimate] = []
        for j in 0..<q {
            let proportion = (0..<q).reduce(0) { $0 + p($1, j) }
            let se = (0..<q).reduce(0) { $0 + term(w[$1], $1, j) }.squareRoot()
            var user: Double?, userSE: Double?
            if rowTotals[j] > 0 {
                let u = share(j, j)
                user = u
                userSE = rowTotals[j] > 1 ? (u * (1 - u) / (rowTotals[j] - 1)).squareRoot() : nil
            }
            var producer: Double?, producerSE: Double?
            if proportion > 0 {
                let pa = p(j, j) / proportion
                // N̂.ⱼ in area units, Σᵢ (Nᵢ./nᵢ.) nᵢⱼ = A p̂.ⱼ.
                let estimated = total * proportion
                var others = 0.0
                for i in 0..<q where i != j { others += term(mappedAreas[i], i, j) }
                let own = term(mappedAreas[j], j, j) * (1 - pa) * (1 - pa)
                producer = pa
                producerSE = ((own + pa * pa * others) / (estimated * estimated)).squareRoot()
            }
            classes.append(
                ClassEstimate(
                    mappedArea: mappedAreas[j], sampleUnits: rowTotals[j], proportion: proportion,
                    proportionStandardError: se, area: total * proportion, areaStandardError: total * se,
                    areaMargin95: Self.z95 * total * se, userAccuracy: user, userAccuracyStandardError: userSE,
                    producerAccuracy: producer, producerAccuracyStandardError: producerSE))
        }
        self.classes = classes
        self.totalArea = total
        self.overallAccuracy = overall
        self.overallAccuracyStandardError = overallVariance.squareRoot()
    }

    /// The estimates from the mapped area of each class and a `ConfusionMatrix` of sample units (rows reference,
    /// columns map — transposed here to the paper's layout).
    public init(mappedAreas: [Double], confusion: ConfusionMatrix, classNames: [String] = []) throws {
        try self.init(mappedAreas: mappedAreas, mapByReference: confusion.mapByReference, classNames: classNames)
    }
}
