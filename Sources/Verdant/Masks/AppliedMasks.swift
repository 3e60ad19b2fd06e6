/// The quality masks a run actually applies, in words: only the layers, nodata values and ranges it has, so that a
/// report never states a mask that was not used.
enum AppliedMasks {
    /// The masks `rules` apply to the bands of `inputs` (the run's index roles only).
    static func describe(_ rules: MaskRules, inputs: ResolvedInputs, roles: [BandRole]) -> [String] {
        var out: [String] = []
        if let scl = inputs.band(.scl) {
            out.append(
                "SCL classes \(rules.sclExclude.sorted().map(String.init).joined(separator: ", ")) excluded (\(scl.source))"
            )
        }
        if let qa = inputs.band(.qa) {
            out.append(
                "QA_PIXEL bits \(rules.qaExcludeBits.sorted().map(String.init).joined(separator: ", ")) excluded (\(qa.source))"
            )
        }
        if let mask = inputs.band(.mask) { out.append("cells where the mask is 0 excluded (\(mask.source))") }
        for band in inputs.bands where roles.contains(band.role) {
            if let nd = band.noData { out.append("\(band.role) nodata \(nd.isNaN ? "NaN" : "\(nd)") excluded") }
            if band.hasExplicitMask || band.alphaIndex != nil { out.append("\(band.role) mask or alpha band excluded") }
        }
        if let range = rules.validRange {
            out.append("reflectance outside \(range.lowerBound)…\(range.upperBound) is no data")
        }
        return out
    }
}
