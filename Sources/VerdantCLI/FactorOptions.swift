import ArgumentParser
import Verdant

/// Options that choose a factor set and each parcel's class in it.
struct FactorOptions: ParsableArguments {
    @Option(
        name: .long,
        help: ArgumentHelp(
            "A factor set: ipcc-2006, tver, or a JSON/YAML file; with --class-field or --class.", valueName: "NAME|FILE"
        ), completion: .jsonOrYAMLFile)
    var factors: String?

    @Option(
        name: .customLong("class-field"),
        help: ArgumentHelp(
            "The parcel attribute naming each parcel's class in --factors (e.g. forest_type).", valueName: "F"))
    var classField: String?

    @Option(
        name: .customLong("class"), help: ArgumentHelp("One class of --factors for every parcel.", valueName: "NAME"))
    var factorClass: String?

    /// Sets the request's factor set, class field and class.
    func apply(to request: inout EstimateRequest) throws {
        request.factorSet = try factors.map { try FactorCatalog.load($0) }
        request.classField = classField
        request.factorClass = factorClass
    }
}
