/// What a classification gave: the classes, their mapped areas, the accuracy assessment and area estimates.
public struct ClassifyResult: Sendable {
    /// The classes (cell value k + 1 is class k; 0 is unobserved).
    public var classNames: [String]
    /// The features the forest takes.
    public var features: [Feature]
    /// The dates of the series classified; nil: one raster.
    public var dates: Int?
    /// The mapped area of each class, ha (exact: ellipsoidal on longitude/latitude grids).
    public var mappedHa: [Double]
    /// The area left unobserved (class 0), ha.
    public var unobservedHa: Double
    /// Training samples (observed cells in training polygons), when the forest was trained.
    public var samples: Int?
    /// Training samples of each class (in `classNames` order), when the forest was trained.
    public var samplesPerClass: [Int]?
    /// The cross-validation fold of each training polygon (by its id), when cross-validation ran.
    public var polygonFolds: [String: Int]?
    /// Out-of-bag accuracy of the forest, when trained.
    public var outOfBagAccuracy: Double?
    /// The cross-validation with folds of whole polygons, when run.
    public var crossValidation: CrossValidation?
    /// Olofsson et al. (2014) area estimates from the mapped areas and the cross-validation matrix — indicative
    /// only: training polygons are not a probability sample.
    public var areaEstimate: StratifiedAreaEstimate?
    /// Why there is no area estimate, when there is none.
    public var areaEstimateNote: String?
    /// The confusion matrix of the labelled validation points (rows reference, columns map), when given: the area
    /// estimates come from this probability sample.
    public var validation: ConfusionMatrix?
    /// Validation points left out because their cell is unobserved.
    public var validationUnobserved = 0
    /// The sample units drawn for labelling (`sampleOutput`), per class.
    public var sampleAllocation: [Int]?

    /// True when the area estimates come from cross-validation on the training polygons, not a probability sample.
    public var areaEstimateIsIndicative: Bool { areaEstimate != nil && validation == nil }
    /// The outputs written.
    public var outputs: [String]
    /// Warnings of the inputs.
    public var warnings: [String]

    /// The sentence every area estimate from cross-validation carries.
    public static let indicative =
        "Indicative: the confusion matrix comes from cross-validation on the training polygons, which are not a probability sample of the map; for area estimates with valid confidence intervals, label a stratified random sample (--sample-out) and give it as --validation."

    /// The accuracy assessment and area estimates as JSON.
    public var json: JSONValue {
        var o: [String: JSONValue] = [
            "classes": .array(classNames.map { .string($0) }),
            "features": .array(features.map { .string($0.description) }),
            "mapped_ha": .object(
                Dictionary(uniqueKeysWithValues: zip(classNames, mappedHa).map { ($0, JSONValue.number($1)) })),
            "unobserved_ha": .number(unobservedHa)
        ]
        if let dates { o["dates"] = .integer(Int64(dates)) }
        if let samples { o["samples"] = .integer(Int64(samples)) }
        if let samplesPerClass {
            o["samples_per_class"] = .object(
                Dictionary(
                    uniqueKeysWithValues: zip(classNames, samplesPerClass).map { ($0, JSONValue.integer(Int64($1))) }))
        }
        o["out_of_bag_accuracy"] = JSONValue.number(outOfBagAccuracy)
        if let cv = crossValidation {
            let m = cv.confusion
            o["cross_validation"] = .object([
                "folds": .integer(Int64(cv.foldCount)),
                "polygon_folds": .object((polygonFolds ?? [:]).mapValues { .integer(Int64($0)) }),
                "confusion_matrix": .object([
                    "rows": .string("reference"), "columns": .string("map"),
                    "counts": .array(m.rows.map { .array($0.map { .number($0) }) })
                ]),
                "overall_accuracy": JSONValue.number(m.overallAccuracy),
                "kappa": JSONValue.number(m.kappa),
                "per_class": .object(
                    Dictionary(
                        uniqueKeysWithValues: classNames.enumerated().map { k, name in
                            (
                                name,
                                JSONValue.object([
                                    "user_accuracy": JSONValue.number(m.userAccuracy(k)),
                                    "producer_accuracy": JSONValue.number(m.producerAccuracy(k)),
                                    "f1": JSONValue.number(m.f1(k))
                                ])
                            )
                        }))
            ])
        }
        if let a = areaEstimate {
            o["area_estimate"] = .object([
                "method": .string(
                    "Olofsson et al. (2014), stratified estimator with map classes as strata (Remote Sensing of Environment 148, 42–57)"
                ),
                "basis": .string(
                    validation == nil
                        ? Self.indicative
                        : "a probability sample: \(Int(validation!.total)) labelled validation points (\(validationUnobserved) on unobserved cells left out)"
                ),
                "indicative": .bool(areaEstimateIsIndicative),
                "overall_accuracy": .number(a.overallAccuracy),
                "overall_accuracy_se": .number(a.overallAccuracyStandardError),
                "classes": .object(
                    Dictionary(
                        uniqueKeysWithValues: zip(classNames, a.classes).map { name, c in
                            (
                                name,
                                JSONValue.object([
                                    "area_ha": .number(c.area), "area_se_ha": .number(c.areaStandardError),
                                    "area_ci95_ha": .array([
                                        .number(c.areaInterval95.lowerBound), .number(c.areaInterval95.upperBound)
                                    ]),
                                    "user_accuracy": JSONValue.number(c.userAccuracy),
                                    "user_accuracy_se": JSONValue.number(c.userAccuracyStandardError),
                                    "producer_accuracy": JSONValue.number(c.producerAccuracy),
                                    "producer_accuracy_se": JSONValue.number(c.producerAccuracyStandardError)
                                ])
                            )
                        }))
            ])
        } else if let note = areaEstimateNote {
            o["area_estimate_note"] = .string(note)
        }
        if let v = validation {
            o["validation"] = .object([
                "points": .integer(Int64(v.total)), "unobserved_points_left_out": .integer(Int64(validationUnobserved)),
                "confusion_matrix": .object([
                    "rows": .string("reference"), "columns": .string("map"),
                    "counts": .array(v.rows.map { .array($0.map { .number($0) }) })
                ]),
                "overall_accuracy": JSONValue.number(v.overallAccuracy), "kappa": JSONValue.number(v.kappa)
            ])
        }
        if let a = sampleAllocation {
            o["sample_allocation"] = .object(
                Dictionary(uniqueKeysWithValues: zip(classNames, a).map { ($0, JSONValue.integer(Int64($1))) }))
        }
        o["outputs"] = .array(outputs.map { .string($0) })
        o["warnings"] = .array(warnings.map { .string($0) })
        return OutputSchema.accuracy.stamped(o)
    }
}
