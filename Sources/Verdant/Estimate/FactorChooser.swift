import GDALKit

/// Picks each parcel's carbon factors: the request's fixed factors, or its factor set's class named by the
/// parcel's `--class-field` attribute (or `--class`). Unknown classes and missing values are errors.
struct FactorChooser {
    let fixed: CarbonFactors
    let set: FactorSet?
    let fieldIndex: Int?
    let className: String?
    let file: String

    init(request: EstimateRequest, layer: ParcelLayer) throws {
        fixed = request.factors
        set = request.factorSet
        className = request.factorClass
        file = layer.path
        if let field = request.classField {
            guard request.factorSet != nil else {
                throw VerdantError.usage("\(param: .classField) needs \(param: .factors) (a factor set)")
            }
            guard
                let i = layer.fields.firstIndex(where: { $0.name == field })
                    ?? layer.fields.firstIndex(where: { $0.name.lowercased() == field.lowercased() })
            else {
                throw VerdantError.input(
                    file: layer.path,
                    problem:
                        "layer '\(layer.layerName)' has no field '\(field)' for \(param: .classField) (fields: \(layer.fields.map(\.name).joined(separator: ", ")))"
                )
            }
            fieldIndex = i
        } else {
            fieldIndex = nil
            if request.factorSet != nil && request.factorClass == nil && !request.factorsByClassBand {
                throw VerdantError.usage(
                    "\(param: .factors) needs \(param: .classField) FIELD (a class per parcel) or \(param: .factorClass) NAME (one class for all)"
                )
            }
        }
        if let set, let className { _ = try set.factors(of: className, parcel: "(all)") }
    }

    func factors(for parcel: Parcel, agbPerHa: Double?) throws -> AppliedFactors {
        guard let set else { return AppliedFactors(fixed) }
        var name = className ?? ""
        if let i = fieldIndex {
            let v = parcel.attributes[i]
            guard v != .null, !v.description.isEmpty else {
                throw VerdantError.input(file: file, problem: "parcel \(parcel.id) has no value in the class field")
            }
            name = v.description
        }
        do {
            return try AppliedFactors(
                className: name, factors: try set.factors(of: name, parcel: parcel.id), agbPerHa: agbPerHa)
        } catch {
            guard case .usage(let problem)? = error as? VerdantError else { throw error }
            throw VerdantError.parcel(file: file, parcel: parcel.id, problem: problem)
        }
    }
}
