/// How a run's carbon factors are chosen from what its user stated: a fixed root-to-shoot ratio and carbon
/// fraction, the AGB-dependent ratio of AR-TOOL14, or a factor set with a class per parcel.
public struct FactorChoice: Hashable, Sendable {
    /// The factors of every parcel when there is no factor set.
    public var factors: CarbonFactors
    /// The factor set whose classes are chosen per parcel, if any.
    public var factorSet: FactorSet?
    /// One class of `factorSet` for every parcel.
    public var factorClass: String?

    /// A choice as it stands.
    public init(factors: CarbonFactors, factorSet: FactorSet?, factorClass: String?) {
        self.factors = factors
        self.factorSet = factorSet
        self.factorClass = factorClass
    }

    /// The choice for `rootShoot` and `carbonFraction`, or a `factorSet` (with one `factorClass`, or a class per
    /// parcel chosen later). `.mokany` uses the `mokany` class of the built-in IPCC 2006 set with
    /// `carbonFraction`, and excludes a factor set of the user's.
    public init(
        rootShoot: RootShoot = .ratio(0), carbonFraction: Double = CarbonFactors.ipccDefault.carbonFraction,
        factorSet: FactorSet? = nil, factorClass: String? = nil
    ) throws {
        switch rootShoot {
        case .mokany:
            guard factorSet == nil else {
                throw VerdantError.usage(
                    "\(param: .rootShoot) mokany and \(param: .factors) exclude each other (the ipcc-2006 set has a class 'mokany')"
                )
            }
            var set = FactorCatalog.builtIn().first { $0.name == "ipcc-2006" }!
            let source =
                carbonFraction == 0.47
                ? "IPCC 2006 Vol. 4 Table 4.3: 0.47" : String(naming: "\(param: .carbonFraction) \(carbonFraction)")
            set.classes["mokany"]?.carbonFraction = FactorSet.Value(value: carbonFraction, source: source)
            factors = .ipccDefault
            self.factorSet = set
            self.factorClass = "mokany"
        case .ratio(let r):
            factors = .stated(rootShoot: r, carbonFraction: carbonFraction)
            self.factorSet = factorSet
            self.factorClass = factorClass
        }
    }
}
