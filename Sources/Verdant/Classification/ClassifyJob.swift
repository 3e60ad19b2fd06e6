import Foundation
import GDALKit

/// Runs `verdant classify`: trains a random forest on the observed cells inside training polygons or under
/// training points (or applies a forest model), assesses it by cross-validation with folds of whole polygons (each
/// point its own group), and classifies every cell tile by tile, on one raster or on the dates of a series
/// (features per date or statistics over the dates, see `FeatureStack`); writes the class map (with its legend and
/// QGIS style), and optionally the model, the accuracy assessment and the share of votes. All outputs are
/// published together.
public enum ClassifyJob {
    /// Runs the request.
    public static func run(_ request: ClassifyRequest) throws -> ClassifyResult {
        if Publication.current != nil { return try classify(request) }
        return try Publication.together { try classify(request) }
    }

    private static func classify(_ request: ClassifyRequest) throws -> ClassifyResult {
        try request.execution.validate()
        guard request.trees >= 1 else {
            throw VerdantError.invalidParameter(.trees, problem: "must be at least 1 (got \(request.trees))")
        }
        guard request.folds == 0 || request.folds >= 2 else {
            throw VerdantError.invalidParameter(
                .folds, problem: "must be 0 (none) or at least 2 (got \(request.folds))")
        }
        let model = try request.model.map { try ForestModel.read($0) }
        if model == nil && (request.training == nil || request.classField == nil) {
            throw VerdantError.usage(
                "give \(param: .training) FILE with \(param: .trainingClassField) FIELD, or \(param: .forestModel) FILE"
            )
        }
        if model != nil && request.training != nil {
            throw VerdantError.usage("\(param: .training) and \(param: .forestModel) exclude each other")
        }
        // Cells are judged observed as for NDVI (masks, nodata); the features need their own bands too.
        let rules = try CellRules(model: BiomassModel.example.taking(.ndvi), masks: request.masks)
        let dateCount = request.series?.acquisitions.count
        if let x = request.minObserved, !(x > 0 && x <= 1) {
            throw VerdantError.invalidParameter(.minObserved, problem: "must be a share in (0, 1] (got \(x))")
        }
        if let model, let path = request.model { try model.check(dates: dateCount, file: path) }
        let present = Set(request.inputs.bands.keys)
        let features = try model?.features ?? Feature.expanded(Feature.list(nil, present: present), dates: dateCount)
        let chosen = try request.features.map { try Feature.expanded($0, dates: dateCount) } ?? features
        if let model, let path = request.model {
            // A model's bands absent from the input: name the model (the features are its, not the user's).
            let missing = FeatureExtractor.roles(model.features, present: present).filter { !present.contains($0) }
            if !missing.isEmpty {
                throw VerdantError.input(
                    file: path,
                    problem:
                        "was trained on the \(missing.map(\.name).joined(separator: ", ")) band(s), which the input lacks (bands: \(present.sorted().map(\.name).joined(separator: ", ")))"
                )
            }
        }
        func roles(_ inputs: RasterInputs) -> [BandRole] {
            let present = Set(inputs.bands.keys)
            return Array(Set(rules.requiredRoles(for: inputs) + FeatureExtractor.roles(chosen, present: present)))
                .sorted()
        }
        let needed = "the features \(chosen.map(\.description).joined(separator: ", "))"
        let dates: [ResolvedInputs]
        var protected: [String]
        var warnings = request.inputs.warnings
        if let series = request.series {
            for a in series.acquisitions {
                do { try a.inputs.require(roles(a.inputs), for: needed) } catch let e as VerdantError {
                    throw VerdantError.input(file: a.file, problem: "\(a.origin): \(e.description)")
                }
            }
            let (acquisitions, resolved, _) = try series.onCommonGrid(roles: roles)
            dates = resolved
            protected = resolved.flatMap(\.sourcePaths) + acquisitions.map(\.file)
            warnings = []
            for w in acquisitions.flatMap(\.inputs.warnings) where !warnings.contains(w) { warnings.append(w) }
            try RunLimits.check(resolved[0], resolution: nil, execution: request.execution)
        } else {
            try request.inputs.require(roles(request.inputs), for: needed)
            dates = [try ResolvedInputs.resolve(request.inputs, roles: roles(request.inputs))]
            protected = dates[0].sourcePaths
            try RunLimits.check(dates[0], resolution: request.inputs.resolution, execution: request.execution)
        }
        let inputs = dates[0]
        let stack = try FeatureStack(
            features: chosen, dates: dates, rules: rules, minObserved: request.minObserved ?? 1)
        if let model, let path = request.model {
            for (d, date) in dates.enumerated() { try model.check(date, file: path, scaling: d == 0) }
            if let f = request.features, try Feature.expanded(f, dates: dateCount) != model.features {
                throw VerdantError.invalidParameter(
                    .features,
                    problem:
                        "\(f.map(\.description).joined(separator: ",")) differ from the model's \(model.features.map(\.description).joined(separator: ","))"
                )
            }
        }
        // The rasters classified: their checksums go into the maps' provenance (the same map from a saved model or
        // from its training stays the same file).
        let rasters = protected
        protected += [request.training?.path, request.model, request.validation].compactMap { $0 }
        func output(_ path: String?) throws -> OutputPath? {
            try path.map { try OutputPath($0, inputs: protected, overwrite: request.overwrite) }
        }
        let out = try output(request.output)!
        let aux = try output(request.output + ".aux.xml")!
        let style = try output((request.output as NSString).deletingPathExtension + ".qml")!
        let modelOut = try output(request.modelOutput)
        let accuracyOut = try output(request.accuracyOutput)
        let probabilityOut = try output(request.probabilityOutput)
        let sampleOut = try output(request.sampleOutput)
        if sampleOut != nil && request.sampleSize == nil {
            throw VerdantError.usage("\(param: .sampleOutput) needs \(param: .sampleSize) N")
        }
        if request.validation != nil && request.referenceField == nil {
            throw VerdantError.usage("\(param: .validation) needs \(param: .referenceField) FIELD")
        }
        let all = [out, modelOut, accuracyOut, probabilityOut, sampleOut].compactMap { $0?.path }
        if Set(all).count != all.count { throw VerdantError.usage("two outputs are the same file: \(all)") }
        GDAL.setCacheMax(bytes: request.execution.gdalCacheBytes)

        // Train (or take the model's forest).
        var forestModel: ForestModel
        var samples: TrainingSamples?
        var outOfBag: Double?
        var crossValidation: CrossValidation?
        var polygonFolds: [String: Int]?
        if let model {
            forestModel = model
        } else {
            let s = try TrainingSamples.read(
                request.training!, classField: request.classField!, stack: stack, execution: request.execution,
                pointCRS: request.trainingCRS)
            samples = s
            let (forest, oob) = try RandomForest.train(
                features: s.features, labels: s.labels, classNames: s.classNames,
                featureNames: chosen.map(\.description), trees: request.trees, seed: request.seed,
                threads: request.execution.threads)
            outOfBag = oob.accuracy
            if request.folds >= 2 {
                try s.checkPolygonsPerClass(folds: request.folds, file: request.training!.path)
                let folds = try GroupFolds.assign(
                    groups: s.groups, labels: s.labels, folds: request.folds, seed: request.seed,
                    classNames: s.classNames)
                crossValidation = try CrossValidation.run(
                    features: s.features, labels: s.labels, folds: folds, classNames: s.classNames,
                    featureNames: chosen.map(\.description), trees: request.trees, seed: request.seed,
                    threads: request.execution.threads)
                var byPolygon: [String: Int] = [:]
                for (i, g) in s.groups.enumerated() { byPolygon[s.polygonIDs[g]] = folds[i] }
                polygonFolds = byPolygon
            }
            forestModel = ForestModel(
                features: chosen, dates: dateCount,
                bands: FeatureExtractor.roles(chosen, present: Set(inputs.roles)).compactMap { role in
                    inputs.band(role).map {
                        ForestModel.BandUse(role: role.name, band: $0.sourceIndex, description: $0.bandDescription)
                    }
                },
                scale: inputs.scaling.scale, offset: inputs.scaling.offset, classNames: s.classNames, forest: forest)
        }
        let classNames = forestModel.classNames
        let table = ClassStyle.table(classNames)

        // Classify every tile.
        let grid = inputs.grid
        let plan = try TilePlan(
            width: grid.width, height: grid.height, blockWidth: inputs.blockWidth, blockHeight: inputs.blockHeight,
            requested: request.execution.tileSize)
        var cog = request.cog
        cog.threads = request.execution.threads
        let type: DataType = classNames.count < 255 ? .byte : .uInt16
        let writer = try COGWriter(
            output: out, grid: grid, bandDescription: "class", unit: "", options: cog, dataType: type, noData: 0)
        writer.classTable = table
        defer { writer.abandon() }
        let shares = try probabilityOut.map {
            try COGWriter(output: $0, grid: grid, bandDescription: "vote share", unit: "1", options: cog)
        }
        defer { shares?.abandon() }
        // The rasters' checksums for the maps' provenance, computed while the map is classified.
        let digests = FileDigests(rasters)
        if let shares, let probabilityOut {
            shares.style = (
                try output(QGISStyle.path(beside: probabilityOut.path))!,
                QGISStyle.qml(.init(minimum: 0, maximum: 1, ramp: .viridis, unit: ""))
            )
        }
        let predictor = forestModel.forest.predictor()
        let rowAreas = grid.rowCellAreas()
        let partials = try TileExecutor.run(
            tiles: plan.tiles, threads: request.execution.threads, progress: request.execution.progress,
            makeWorker: { try ClassifyWorker(stack: stack) },
            process: { worker, _, window in
                try worker.process(
                    window, predictor: predictor, classCount: classNames.count, rowAreas: rowAreas, writer: writer,
                    shares: shares)
            })
        var areas = [Double](repeating: 0, count: classNames.count + 1)
        for p in partials { for k in areas.indices { areas[k] += p[k] } }
        let provenance = COGProvenance.items(command: "classify", checksums: digests.wait())
        writer.metadata = provenance
        shares?.metadata = provenance
        try writer.convert()
        try shares?.convert()
        try writer.commit()
        try shares?.commit()
        // The legend as GDAL's auxiliary metadata beside the map (names, attribute table), and a QGIS style.
        // A folder of this run's own: two runs in one process (a program, the test suite) never share one.
        let scratch =
            NSTemporaryDirectory() + "verdant-classes-\(ProcessInfo.processInfo.processIdentifier)-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: scratch) }
        try aux.write(Data(try table.auxiliaryXML(dataType: type, folder: scratch).utf8))
        try style.write(Data(ClassStyle.qml(table).utf8))
        if let modelOut { try modelOut.write(try forestModel.json()) }

        let mappedHa = areas.dropFirst().map { $0 / 10_000 }
        var result = ClassifyResult(
            classNames: classNames, features: chosen, mappedHa: Array(mappedHa), unobservedHa: areas[0] / 10_000,
            samples: samples?.labels.count,
            samplesPerClass: samples.map { s in s.classNames.indices.map { k in s.labels.count { $0 == k } } },
            polygonFolds: polygonFolds, outOfBagAccuracy: outOfBag, crossValidation: crossValidation,
            areaEstimate: nil, areaEstimateNote: nil,
            outputs: [out, aux, style, modelOut, accuracyOut, probabilityOut].compactMap { $0?.path },
            warnings: warnings)
        result.dates = dateCount
        let map = Publication.current?.readablePath(out.path) ?? out.path
        if let sampleOut, let n = request.sampleSize {
            let units = try ValidationSample.draw(
                map: map, grid: grid, classCount: classNames.count, mappedHa: Array(mappedHa), total: n,
                minimum: request.sampleMinimum, seed: request.seed, tiles: plan.tiles)
            try ValidationSample.write(units, grid: grid, classNames: classNames, to: sampleOut)
            result.sampleAllocation = (1...classNames.count).map { v in units.filter { $0.value == v }.count }
            result.outputs.append(sampleOut.path)
        }
        if let path = request.validation, let field = request.referenceField {
            let (matrix, unobserved) = try ValidationSample.confusion(
                path, referenceField: field, map: map, grid: grid, classNames: classNames)
            result.validation = matrix
            result.validationUnobserved = unobserved
            do {
                result.areaEstimate = try StratifiedAreaEstimate(
                    mappedAreas: Array(mappedHa), confusion: matrix, classNames: classNames)
            } catch let e as VerdantError {
                throw VerdantError.input(file: path, problem: "gives no area estimate: \(e.description)")
            }
        } else if let cv = crossValidation {
            do {
                result.areaEstimate = try StratifiedAreaEstimate(
                    mappedAreas: Array(mappedHa), confusion: cv.confusion, classNames: classNames)
            } catch let e as VerdantError {
                result.areaEstimateNote = "no area estimate: \(e.description)"
            }
        } else {
            result.areaEstimateNote =
                "no area estimate: it needs a confusion matrix (cross-validation folds, or a validation sample)"
        }
        if let accuracyOut { try accuracyOut.write(Data((try result.json.text() + "\n").utf8)) }
        return result
    }
}

/// One worker of a classification: its tile of features, the feature rows and the predicted classes.
final class ClassifyWorker {
    let tile: FeatureTile
    private var rows: [Float] = []
    private var positions: [Int] = []
    private var classes: [Int] = []
    private var votes: [Float] = []

    init(stack: FeatureStack) throws { tile = try FeatureTile(stack) }

    /// Classifies one tile and writes it; returns the area (m²) of each cell value 0…classCount in it.
    func process(
        _ window: Window, predictor: ForestPredictor, classCount: Int, rowAreas: [Double], writer: COGWriter,
        shares: COGWriter?
    ) throws -> [Double] {
        try tile.read(window)
        let n = window.cellCount
        rows.removeAll(keepingCapacity: true)
        positions.removeAll(keepingCapacity: true)
        for i in 0..<n where tile.append(cell: i, into: &rows) { positions.append(i) }
        var map = [Int](repeating: 0, count: n)
        var share = [Float](repeating: .nan, count: shares == nil ? 0 : n)
        if !positions.isEmpty {
            let matrix = FeatureMatrix(values: rows, features: tile.stack.features.count)!
            if shares != nil {
                predictor.predict(matrix: matrix, into: &classes, shares: &votes)
                for (k, i) in positions.enumerated() { share[i] = votes[k] }
            } else {
                predictor.predict(matrix: matrix, into: &classes)
            }
            for (k, i) in positions.enumerated() { map[i] = classes[k] + 1 }
        }
        var areas = [Double](repeating: 0, count: classCount + 1)
        for r in 0..<window.height {
            let a = rowAreas[window.rowOffset + r]
            for c in 0..<window.width { areas[map[r * window.width + c]] += a }
        }
        if writer.dataType == .byte {
            try writer.write(window: window, values: map.map { UInt8($0) })
        } else {
            try writer.write(window: window, values: map.map { UInt16($0) })
        }
        try shares?.write(window: window, values: share)
        return areas
    }
}
