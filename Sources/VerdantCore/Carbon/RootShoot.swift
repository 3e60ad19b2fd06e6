/// The root-to-shoot ratio R of a run: one number for every parcel, or the AGB-dependent ratio of CDM AR-TOOL14,
/// R = e^(−1.085 + 0.9256 ln b) / b of each parcel's AGB b in t/ha (`FactorSet.mokanyRootShoot`).
public enum RootShoot: Hashable, Sendable, CustomStringConvertible {
    /// The same R for every parcel (0: above-ground biomass only).
    case ratio(Double)
    /// The AGB-dependent R of AR-TOOL14 (named after Mokany et al. 2006 in Verdant's options).
    case mokany

    /// Parses a number or `mokany` (any case); nil for anything else.
    public init?(text: String) {
        if text.lowercased() == "mokany" {
            self = .mokany
        } else if let r = Double(text) {
            self = .ratio(r)
        } else {
            return nil
        }
    }

    /// The ratio or `mokany`.
    public var description: String {
        switch self {
        case .ratio(let r): "\(r)"
        case .mokany: "mokany"
        }
    }
}
