import Foundation

/// Computes 90 % confidence intervals of per-parcel and total AGB and CO2e from the model's coefficient
/// covariance C and residual SD σ:
/// - the coefficient term is gᵀ C g with g = Σ area × ∂AGB/∂(a, b) over the parcel's observed cells (fully
///   correlated between parcels, since all share the coefficients);
/// - the residual term is σ² × observed area × plot area (residuals independent between plot-sized pieces, and
///   between parcels), left out when the plot area is unknown;
/// - CO2e scales AGB by the parcel's factors (their own uncertainty is not included).
public enum UncertaintyPropagation {
    /// What the propagation needs of one parcel: its sums over observed cells and its estimates.
    public struct Parcel: Sendable {
        /// The parcel's id (the order in which totals are summed).
        public var id: String
        /// Observed area, m².
        public var observedArea: Double
        /// Σ area × ∂AGB/∂a and Σ area × ∂AGB/∂b over observed cells (tonnes).
        public var gradA: Double, gradB: Double
        /// The index values' histogram (Monte Carlo only).
        public var histogram: IndexHistogram?
        /// Estimated AGB and CO2e, tonnes.
        public var agbT: Double, co2eT: Double
        /// Tonnes of CO2e per tonne of AGB under the parcel's factors.
        public var co2ePerAGB: Double

        /// A parcel's sums and estimates; `factors` give CO2e per AGB when the parcel has no AGB to divide by.
        public init(
            id: String, observedArea: Double, gradA: Double, gradB: Double, histogram: IndexHistogram?,
            agbT: Double, co2eT: Double, factors: AppliedFactors
        ) {
            self.id = id
            self.observedArea = observedArea
            self.gradA = gradA
            self.gradB = gradB
            self.histogram = histogram
            self.agbT = agbT
            self.co2eT = co2eT
            co2ePerAGB = agbT > 0 ? co2eT / agbT : CarbonFactors.co2e(carbon: factors.carbon(agb: 1))
        }
    }

    /// Per-parcel and total intervals; nil when the model carries no uncertainty.
    public static func intervals(
        model: BiomassModel, parcels sums: [Parcel],
        options: UncertaintyOptions
    ) throws -> (parcels: [ConfidenceInterval], total: ConfidenceInterval)? {
        guard let u = model.uncertainty else { return nil }
        try u.validate()
        let z = UncertaintyOptions.z90
        let c = u.covariance
        let rows = sums
        let k = sums.map(\.co2ePerAGB)
        let residualVariance = sums.map { s -> Double in
            guard let plot = u.plotAreaHa else { return 0 }
            return u.residualSD * u.residualSD * (s.observedArea / 10_000) * plot
        }
        let order = rows.indices.sorted { rows[$0].id < rows[$1].id }
        let agbTotal = order.reduce(0.0) { $0 + rows[$1].agbT }, co2eTotal = order.reduce(0.0) { $0 + rows[$1].co2eT }
        func pct(_ half: Double, _ estimate: Double) -> Double? { estimate > 0 ? half / estimate * 100 : nil }

        switch options.method {
        case .analytic:
            func quad(_ ga: Double, _ gb: Double) -> Double {
                ga * ga * c[0][0] + 2 * ga * gb * c[0][1] + gb * gb * c[1][1]
            }
            var parcels: [ConfidenceInterval] = []
            for (i, s) in sums.enumerated() {
                let sd = (quad(s.gradA, s.gradB) + residualVariance[i]).squareRoot()
                let agb = rows[i].agbT, co2e = rows[i].co2eT
                parcels.append(
                    ConfidenceInterval(
                        agbLow: max(0, agb - z * sd), agbHigh: agb + z * sd,
                        co2eLow: max(0, co2e - z * sd * k[i]), co2eHigh: co2e + z * sd * k[i],
                        uncertaintyPct: pct(z * sd, agb)))
            }
            var ga = 0.0, gb = 0.0, gca = 0.0, gcb = 0.0, resid = 0.0, residCO2e = 0.0
            for i in order {
                ga += sums[i].gradA; gb += sums[i].gradB
                gca += k[i] * sums[i].gradA; gcb += k[i] * sums[i].gradB
                resid += residualVariance[i]; residCO2e += k[i] * k[i] * residualVariance[i]
            }
            let sdAGB = (quad(ga, gb) + resid).squareRoot(), sdCO2e = (quad(gca, gcb) + residCO2e).squareRoot()
            let total = ConfidenceInterval(
                agbLow: max(0, agbTotal - z * sdAGB), agbHigh: agbTotal + z * sdAGB,
                co2eLow: max(0, co2eTotal - z * sdCO2e), co2eHigh: co2eTotal + z * sdCO2e,
                uncertaintyPct: pct(z * sdCO2e, co2eTotal))
            return (parcels, total)

        case .monteCarlo:
            guard options.draws >= 100 else {
                throw VerdantError.invalidParameter(.draws, problem: "must be at least 100 (got \(options.draws))")
            }
            // Coefficient draws, shared by all parcels: θ = θ̂ + L·n, L the Cholesky factor of C.
            let l00 = c[0][0].squareRoot(), l10 = l00 > 0 ? c[1][0] / l00 : 0
            let l11 = max(0, c[1][1] - l10 * l10).squareRoot()
            var random = NormalRandom(seed: options.seed)
            var thetas: [(Double, Double)] = []
            for _ in 0..<options.draws {
                let n1 = random.next(), n2 = random.next()
                thetas.append((model.a + l00 * n1, model.b + l10 * n1 + l11 * n2))
            }
            var totalAGB = [Double](repeating: 0, count: options.draws), totalCO2e = totalAGB
            var parcels = [ConfidenceInterval?](repeating: nil, count: sums.count)
            for i in order {
                guard let h = sums[i].histogram else {
                    throw VerdantError.internal("Monte Carlo intervals need index histograms")
                }
                var noise = NormalRandom(seed: options.seed &+ 0x9E37_79B9 &* UInt64(i + 1))
                let sdResid = residualVariance[i].squareRoot()
                var agbDraws = [Double](repeating: 0, count: options.draws)
                for (d, t) in thetas.enumerated() {
                    let v = h.tonnes(model, a: t.0, b: t.1) + sdResid * noise.next()
                    agbDraws[d] = v
                    totalAGB[d] += v
                    totalCO2e[d] += k[i] * v
                }
                let lo = percentile(agbDraws, 0.05), hi = percentile(agbDraws, 0.95)
                parcels[i] = ConfidenceInterval(
                    agbLow: max(0, lo), agbHigh: hi, co2eLow: max(0, k[i] * lo), co2eHigh: k[i] * hi,
                    uncertaintyPct: pct((hi - lo) / 2, rows[i].agbT))
            }
            let lo = percentile(totalCO2e, 0.05), hi = percentile(totalCO2e, 0.95)
            let total = ConfidenceInterval(
                agbLow: max(0, percentile(totalAGB, 0.05)), agbHigh: percentile(totalAGB, 0.95),
                co2eLow: max(0, lo), co2eHigh: hi, uncertaintyPct: pct((hi - lo) / 2, co2eTotal))
            return (parcels.map { $0! }, total)
        }
    }

    /// The q-quantile with linear interpolation between order statistics (numpy's default).
    static func percentile(_ values: [Double], _ q: Double) -> Double {
        let s = values.sorted()
        let h = q * Double(s.count - 1)
        let lo = Int(h.rounded(.down)), hi = min(lo + 1, s.count - 1)
        return s[lo] + (h - Double(lo)) * (s[hi] - s[lo])
    }
}

/// Standard normal numbers from SplitMix64 and the Box–Muller transform: the same sequence on every machine.
struct NormalRandom {
    private var state: UInt64
    private var spare: Double?

    init(seed: UInt64) { state = seed }

    private mutating func uniform() -> Double {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        z ^= z >> 31
        return (Double(z >> 11) + 0.5) / Double(1 << 53)
    }

    mutating func next() -> Double {
        if let s = spare { spare = nil; return s }
        let u1 = uniform(), u2 = uniform()
        let r = (-2 * Foundation.log(u1)).squareRoot()
        spare = r * Foundation.sin(2 * Double.pi * u2)
        return r * Foundation.cos(2 * Double.pi * u2)
    }
}
