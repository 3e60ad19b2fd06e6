import ArgumentParser
import Verdant

/// Options that turn biomass into carbon: the root-to-shoot ratio, the carbon fraction, or a factor set.
struct CarbonOptions: ParsableArguments {
    @Option(
        name: .customLong("root-shoot"), parsing: .unconditional,
        help: ArgumentHelp(
            "Root-to-shoot ratio R (default 0: above-ground only), or mokany for R = e^(−1.085 + 0.9256 ln b)/b of each parcel's AGB b (t/ha).",
            valueName: "R"))
    var rootShoot: RootShoot = .ratio(0)

    @OptionGroup var factorOptions: FactorOptions

    @Option(
        name: .customLong("carbon-fraction"), parsing: .unconditional,
        help: ArgumentHelp(
            "Carbon fraction of dry matter CF (default 0.47, IPCC 2006 Vol. 4 Table 4.3).", valueName: "CF"))
    var carbonFraction: Double = 0.47

    /// The factors these options choose.
    func choice() throws -> FactorChoice {
        try FactorChoice(
            rootShoot: rootShoot, carbonFraction: carbonFraction,
            factorSet: try factorOptions.factors.map { try FactorCatalog.load($0) },
            factorClass: factorOptions.factorClass)
    }
}
