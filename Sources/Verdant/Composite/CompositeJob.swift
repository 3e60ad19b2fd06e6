import GDALKit

/// Runs `verdant composite`: tile by tile, every date of one tile in memory at most, each cell reduced over the
/// dates on which it is observed (masks, nodata and clouds excluded exactly as in `estimate`).
public enum CompositeJob {
    /// The most GDAL block cache a composite keeps (8 MiB).
    public static let blockCacheBytes = 8 << 20

    /// Runs the request; the outputs appear only when everything succeeded.
    public static func run(_ request: CompositeRequest) throws -> CompositeSummary {
        try request.execution.validate()
        let rules = try CellRules(model: BiomassModel.example.taking(request.index), masks: request.series.masks)
        // The bands composited: every reflectance or index role the first date gives; every date must give them.
        let first = request.series.acquisitions[0]
        let valueRoles = first.inputs.bands.keys.filter { $0.kind != .classes }.sorted()
        for a in request.series.acquisitions {
            let roles = a.inputs.bands.keys.filter { $0.kind != .classes }.sorted()
            guard roles == valueRoles else {
                throw VerdantError.input(
                    file: a.file,
                    problem:
                        "\(a.origin) has the bands \(roles.map(\.name).joined(separator: ", ")), \(first.origin) \(valueRoles.map(\.name).joined(separator: ", ")): every date of a composite needs the same bands"
                )
            }
            try a.inputs.require(rules.requiredRoles(for: a.inputs), for: "the \(rules.index) index of \(a.origin)")
        }
        let (acquisitions, resolved, grid) = try request.series.onCommonGrid(roles: { rules.requiredRoles(for: $0) })
        let readsIndexBand = rules.readsIndexBand(Set(first.inputs.bands.keys))
        // The index band is written unless it is one of the roles already.
        let descriptions = valueRoles.map(\.name) + (readsIndexBand ? [] : [rules.index.name])
        try RunLimits.check(resolved[0], resolution: nil, execution: request.execution)
        let plan = try TilePlan(
            width: grid.width, height: grid.height, blockWidth: resolved[0].blockWidth,
            blockHeight: resolved[0].blockHeight, requested: request.execution.tileSize)
        // Tiles are whole blocks of the analysis grid and each is read once per date, so GDAL's block cache serves
        // no second read of a block: a small one keeps the memory for the dates' tiles.
        GDAL.setCacheMax(bytes: min(request.execution.gdalCacheBytes, Self.blockCacheBytes))

        let protected = acquisitions.flatMap { $0.inputs.bands.values.flatMap(\.paths) + [$0.file] }
        let out = try OutputPath(request.output, inputs: protected, overwrite: request.overwrite)
        let countOut = try request.countOutput.map {
            try OutputPath($0, inputs: protected, overwrite: request.overwrite)
        }
        if let c = countOut, c.path == out.path {
            throw VerdantError.usage("\(param: .out) and \(param: .countOut) must be different files")
        }
        var cog = request.cog
        cog.threads = request.execution.threads
        let writer = try COGWriter(
            output: out, grid: grid, bandDescriptions: descriptions, unit: "", options: cog)
        defer { writer.abandon() }
        let counter = try countOut.map {
            try COGWriter(
                output: $0, grid: grid, bandDescriptions: ["observed_dates"], unit: "dates", options: cog,
                dataType: .uInt16, noData: 65_535)
        }
        defer { counter?.abandon() }
        // Band units (index bands are unitless), QGIS styles (the index band on viridis, the count of dates on
        // viridis from 0 to the number of dates) and provenance.
        let indexNames = Set(SpectralIndex.all.map(\.name))
        writer.bandUnits = descriptions.map { indexNames.contains($0) ? "1" : "" }
        let indexBand = (descriptions.firstIndex(of: rules.index.name) ?? descriptions.count - 1) + 1
        writer.style = (
            try OutputPath(QGISStyle.path(beside: out.path), inputs: protected, overwrite: request.overwrite),
            QGISStyle.qml(.index(rules.index.name), band: indexBand)
        )
        if let counter, let countOut {
            counter.style = (
                try OutputPath(
                    QGISStyle.path(beside: countOut.path), inputs: protected, overwrite: request.overwrite),
                QGISStyle.qml(
                    .init(
                        minimum: 0, maximum: Double(acquisitions.count), ramp: .viridis, unit: "dates"))
            )
        }
        let digests = FileDigests(protected)
        let method = request.method
        let observed = try TileExecutor.run(
            tiles: plan.tiles, threads: request.execution.threads, progress: request.execution.progress,
            makeWorker: { try CompositeWorker(dates: resolved, roles: valueRoles, rules: rules) },
            process: { worker, _, window in
                try worker.process(
                    window, method: method, writeIndex: !readsIndexBand, writer: writer, counter: counter)
            })
        let provenance = COGProvenance.items(command: "composite", checksums: digests.wait())
        writer.metadata = provenance
        counter?.metadata = provenance
        try writer.convert()
        try counter?.convert()
        try writer.commit()
        try counter?.commit()
        var warnings: [String] = []
        for w in acquisitions.flatMap(\.inputs.warnings) where !warnings.contains(w) { warnings.append(w) }
        return CompositeSummary(
            bands: descriptions, dates: acquisitions.map(\.date), cells: grid.cellCount,
            observedCells: observed.reduce(0, +), outputs: [out.path] + (countOut.map { [$0.path] } ?? []),
            warnings: warnings)
    }
}
