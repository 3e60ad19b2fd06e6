import Foundation

/// Runs `verdant credits`: the two estimates (coverage computed once per grid and reused), then per parcel
/// ΔCO2e = project change − its uncertainty deduction − baseline (+ its deduction) − leakage − buffer.
public enum CreditsJob {
    /// Runs the request.
    public static func run(_ request: CreditsRequest, extraFiles: [String] = []) throws -> CreditsReport {
        try request.validate()
        // Every input's checksum is computed while the two estimates run.
        let digests = FileDigests(Array(Set(inputFiles(request) + extraFiles)))
        let (r0, prepared0, _) = try EstimateJob.run(request.t0, reusing: nil, onlyIfSameGrid: true)
        let (r1, _, reused) = try EstimateJob.run(request.t1, reusing: prepared0, onlyIfSameGrid: true)
        return try assemble(request, r0, r1, coverageReused: reused, checksums: digests.wait())
    }

    /// The files of a request whose checksums the report records: both dates' rasters and the parcels.
    static func inputFiles(_ request: CreditsRequest) -> [String] {
        request.t0.inputs.bands.values.flatMap(\.paths) + request.t1.inputs.bands.values.flatMap(\.paths)
            + [request.t0.parcels.path]
    }

    /// Runs shard `shard` of the request: the parts of its t0 and t1 estimates.
    public static func runShard(_ request: CreditsRequest, shard: Shard) throws -> [EstimatePartial] {
        try request.validate()
        return try [request.t0, request.t1].map { try EstimateShard.run($0, shard: shard) }
    }

    /// The report from the partials of every shard (`parts[k]`: shard k's t0 and t1 parts), the same to the bit
    /// as `run` on one machine; the report's checksums (the inputs and `extraFiles`, the model and factor files)
    /// are computed here, as `run` computes them.
    public static func merge(
        _ request: CreditsRequest, parts: [[EstimatePartial]], files: [String]? = nil, extraFiles: [String] = []
    ) throws -> CreditsReport {
        try request.validate()
        let names = files ?? parts.indices.map { "partial \($0)" }
        for (p, name) in zip(parts, names) where p.count != 2 {
            throw VerdantError.input(file: name, problem: "holds \(p.count) estimates, not the t0 and t1 of credits")
        }
        // The report's checksums: every input hashed whole, while the partials are merged.
        let digests = FileDigests(Array(Set(inputFiles(request) + extraFiles)))
        let r0 = try EstimateMerge.report(request.t0, partials: parts.map { $0[0] }, files: names)
        let r1 = try EstimateMerge.report(request.t1, partials: parts.map { $0[1] }, files: names)
        return try assemble(
            request, r0, r1, coverageReused: try EstimateJob.onOneGrid(request.t0, request.t1),
            checksums: digests.wait())
    }

    /// The report from the two estimates.
    static func assemble(
        _ request: CreditsRequest, _ r0: EstimateReport, _ r1: EstimateReport, coverageReused reused: Bool,
        checksums: [String: String]
    ) throws -> CreditsReport {
        guard r0.rows.map(\.parcelID) == r1.rows.map(\.parcelID) else {
            throw VerdantError.internal("the two dates read different parcels")
        }
        for (date, report, inputs) in [("t0", r0, request.t0.inputs), ("t1", r1, request.t1.inputs)] {
            let uncovered = report.rows.filter { $0.coveredHa <= 0 && $0.parcelHa > 0 }.map(\.parcelID)
            if !uncovered.isEmpty {
                throw VerdantError.input(
                    file: inputs.bands.values.first?.path ?? date,
                    problem:
                        "the \(date) rasters do not cover parcel(s) \(uncovered.prefix(10).joined(separator: ", "))\(uncovered.count > 10 ? ", …" : ""): a credit estimate needs every parcel observed at both dates"
                )
            }
        }

        let z = UncertaintyOptions.z90
        let model = request.t1.model
        let c = model.uncertainty?.covariance
        func stock(_ r: ParcelFigures) -> Double { r.co2eTFilled ?? 0 }
        /// CO2e per unit of AGB gradient for the filled stock: k × parcel/observed.
        func scaledGradient(_ r: ParcelFigures) -> (Double, Double) {
            guard r.agbT > 0, r.observedHa > 0 else { return (0, 0) }
            let k = r.co2eT / r.agbT * r.parcelHa / r.observedHa
            return (k * r.gradientA, k * r.gradientB)
        }
        func residualVariance(_ r: ParcelFigures) -> Double {
            guard let u = model.uncertainty, let plot = u.plotAreaHa, r.agbT > 0, r.observedHa > 0 else { return 0 }
            let k = r.co2eT / r.agbT * r.parcelHa / r.observedHa
            return k * k * u.residualSD * u.residualSD * r.observedHa * plot
        }
        func quad(_ g: (Double, Double)) -> Double {
            guard let c else { return 0 }
            return g.0 * g.0 * c[0][0] + 2 * g.0 * g.1 * c[0][1] + g.1 * g.1 * c[1][1]
        }
        func changeHalfWidth(_ i: Int) -> Double? {
            guard c != nil else { return nil }
            let g0 = scaledGradient(r0.rows[i]), g1 = scaledGradient(r1.rows[i])
            let v = quad((g1.0 - g0.0, g1.1 - g0.1)) + residualVariance(r0.rows[i]) + residualVariance(r1.rows[i])
            return z * v.squareRoot()
        }

        // Baseline change per hectare (and its deduction per hectare for control parcels).
        var baselinePerHa = 0.0, baselineDeductionPerHa = 0.0
        var control: Set<String> = []
        switch request.baseline {
        case .perHectare(let v):
            baselinePerHa = v
        case .controlParcels(let field, let value):
            guard let fi = r0.parcels.fields.firstIndex(where: { $0.name == field }) else {
                throw VerdantError.input(
                    file: r0.parcels.path,
                    problem:
                        "has no field '\(field)' for \(param: .controlField) (fields: \(r0.parcels.fields.map(\.name).joined(separator: ", ")))"
                )
            }
            let ids = r0.parcels.parcels.filter { $0.attributes[fi].description == value }.map(\.id)
            guard !ids.isEmpty else {
                throw VerdantError.input(
                    file: r0.parcels.path, problem: "no parcel has \(field) = \(value): there are no control parcels")
            }
            control = Set(ids)
            var change = 0.0, area = 0.0, g = (0.0, 0.0), resid = 0.0
            for i in r0.rows.indices where control.contains(r0.rows[i].parcelID) {
                change += stock(r1.rows[i]) - stock(r0.rows[i])
                area += r0.rows[i].parcelHa
                let g0 = scaledGradient(r0.rows[i]), g1 = scaledGradient(r1.rows[i])
                g.0 += g1.0 - g0.0
                g.1 += g1.1 - g0.1
                resid += residualVariance(r0.rows[i]) + residualVariance(r1.rows[i])
            }
            baselinePerHa = change / area
            if c != nil {
                let half = z * (quad(g) + resid).squareRoot()
                // Added to the baseline (conservative): a larger baseline change lowers the credits.
                baselineDeductionPerHa = UncertaintyDeduction.deduction(estimate: abs(change), halfWidth: half) / area
            }
        }

        var rows: [CreditFigures] = []
        for i in r0.rows.indices {
            let a = r0.rows[i], b = r1.rows[i]
            var notes: [String] = []
            let excluded = a.lowObserved || b.lowObserved || control.contains(a.parcelID)
            if a.lowObserved || b.lowObserved {
                notes.append(
                    String(
                        naming:
                            "observed under \(param: .minObserved) at \(a.lowObserved ? "t0" : "")\(a.lowObserved && b.lowObserved ? " and " : "")\(b.lowObserved ? "t1" : ""): no credits"
                    ))
            }
            if control.contains(a.parcelID) { notes.append("control parcel (baseline)") }
            let change = stock(b) - stock(a)
            let half = changeHalfWidth(i)
            let baseline = (baselinePerHa + baselineDeductionPerHa) * a.parcelHa
            let chain = CreditChain(
                change: change, halfWidth: half, baseline: baseline, leakagePct: request.leakagePct,
                bufferPct: request.bufferPct)
            rows.append(
                CreditFigures(
                    parcelID: a.parcelID, parcelHa: a.parcelHa, co2eT0: stock(a), co2eT1: stock(b),
                    change: change, halfWidth: half, baseline: baseline, chain: chain, excluded: excluded,
                    notes: a.notes + notes))
        }

        // Totals: the change's interval over all credited parcels (coefficient errors shared), then the deductions.
        let order = rows.indices.sorted { rows[$0].parcelID < rows[$1].parcelID }.filter { !rows[$0].excluded }
        var change = 0.0, t0 = 0.0, t1 = 0.0, area = 0.0, baseline = 0.0, g = (0.0, 0.0), resid = 0.0
        for i in order {
            change += rows[i].projectChange
            t0 += rows[i].co2eT0
            t1 += rows[i].co2eT1
            area += rows[i].parcelHa
            baseline += rows[i].baselineChange
            let g0 = scaledGradient(r0.rows[i]), g1 = scaledGradient(r1.rows[i])
            g.0 += g1.0 - g0.0
            g.1 += g1.1 - g0.1
            resid += residualVariance(r0.rows[i]) + residualVariance(r1.rows[i])
        }
        let half: Double? = c == nil ? nil : z * (quad(g) + resid).squareRoot()
        let chain = CreditChain(
            change: change, halfWidth: half, baseline: baseline, leakagePct: request.leakagePct,
            bufferPct: request.bufferPct)
        let total = CreditFigures(
            parcelID: "total", parcelHa: area, co2eT0: t0, co2eT1: t1, change: change,
            halfWidth: half, baseline: baseline, chain: chain, excluded: false,
            notes: ["sum over the \(order.count) credited parcels; the deduction is computed on the total"])

        return CreditsReport(
            rows: rows, total: total, t0: r0, t1: r1, request: request, checksums: checksums,
            coverageReused: reused)
    }
}
