import Benchmark
import Foundation
import GDALKit
import Verdant

let benchmarks: @Sendable () -> Void = {
    let metrics: [BenchmarkMetric] = [
        .wallClock, .cpuTotal, .throughput, .mallocCountTotal, .peakMemoryResident, .instructions
    ]
    Benchmark.defaultConfiguration = .init(metrics: metrics, maxDuration: .seconds(5), maxIterations: 50)

    // The per-tile sums of one 512 × 512 tile: status, index, NDVI and AGB → totals and Float32 outputs.
    Benchmark("SceneKernel 512x512 (cells)", configuration: .init(scalingFactor: .kilo)) { benchmark in
        let n = 512 * 512
        let status = [UInt8](repeating: 0, count: n)
        let ndvi = (0..<n).map { 0.2 + Double($0 % 97) / 200 }
        let agb = ndvi.map { max(0, -30 + 250 * $0) }
        let cells = TileBuffers(status: status, ndvi: ndvi, index: ndvi, agb: agb)
        var outputs = SceneKernel.Outputs(ndvi: true, agb: true)
        outputs.resize(n)
        let areas = [Double](repeating: 100, count: 512)[...]
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations {
            blackHole(SceneKernel.process(cells, width: 512, rowAreas: areas, outputs: &outputs))
        }
    }

    // Index, status and AGB of every cell of one 512 × 512 tile, straight from the stored UInt16 red and NIR.
    Benchmark("TileCells NDVI 512x512 from UInt16 (cells)", configuration: .init(scalingFactor: .kilo)) { benchmark in
        let path = try SyntheticScene.path(size: 2048)
        let inputs = try ResolvedInputs.resolve(
            .stacked(
                path: path, red: .description("B04"), nir: .description("B08"),
                scaling: ReflectanceScaling(scale: 0.0001, offset: -0.1)),
            roles: [.red, .nir])
        let reader = try TileReader(inputs: inputs)
        let window = try Window(columnOffset: 512, rowOffset: 512, width: 512, height: 512)
        try reader.load(window)
        let rules = try CellRules(model: try BiomassModel(parsing: "linear:-30,250"))
        let cells = TileCells()
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations {
            try cells.compute(reader, count: window.cellCount, rules: rules)
            blackHole(cells.vegetationSigns)
        }
    }

    // Accumulation: every parcel's cells in every tile it touches (10k parcels, ~1–10 ha, 10980 × 10980 grid).
    Benchmark("ParcelAccumulator 10k parcels over their tiles", configuration: .init(maxIterations: 10)) { benchmark in
        let grid = CellGrid(
            originX: 600_000, originY: 1_600_000, cellWidth: 10, cellHeight: 10, columns: 10_980, rows: 10_980)!
        let tiles = try BlockWindows(rasterWidth: 10_980, rasterHeight: 10_980, tileWidth: 512, tileHeight: 512)
        let coverage = GridCoverage(
            polygons: SyntheticParcels.polygons(count: 10_000, sceneSize: 10_980), grid: grid,
            tiles: tiles, threads: 2)
        let n = 512 * 512
        let status = [UInt8](repeating: 0, count: n), ndvi = (0..<n).map { 0.2 + Double($0 % 97) / 200 }
        let agb = ndvi.map { max(0, -30 + 250 * $0) }, rowAreas = [Double](repeating: 100, count: 10_980)
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations {
            var observed = 0.0
            let values = TileBuffers(status: status, ndvi: ndvi, index: ndvi, agb: agb)
            for t in coverage.tilesWithParcels {
                let w = tiles[t]
                let cells = CellWindow(column: w.columnOffset, row: w.rowOffset, width: w.width, height: w.height)!
                guard w.width == 512 && w.height == 512 else { continue }
                for p in coverage.parcelsByTile[t] {
                    observed +=
                        ParcelAccumulator.sums(
                            coverage.parcels[Int(p)], in: cells, rowAreas: rowAreas,
                            values: values
                        ).observedArea
                }
            }
            blackHole(observed)
        }
    }

    // Parcels read (GeoJSON, longitude/latitude), checked, densified to half a cell and projected onto UTM.
    Benchmark("ParcelLoader 2k lon/lat parcels onto UTM, 2 threads", configuration: .init(maxIterations: 20)) {
        benchmark in
        let scene = try SyntheticScene.path(size: 2048)
        let parcels = try SyntheticParcels.lonLatPath(count: 2000, sceneSize: 2048)
        let grid = try ResolvedInputs.resolve(
            .stacked(path: scene, red: .description("B04"), nir: .description("B08"), scaling: .identity),
            roles: [.red, .nir]
        ).grid
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations {
            blackHole(try ParcelLoader.load(ParcelSource(path: parcels, idField: "parcel_id"), onto: grid, threads: 2))
        }
    }

    // One spiky lon/lat star (vertex k at angle 2πk/n, radius 0.001°–0.005°) and one chain of figure-eights over
    // the sample raster: validity (sweep, then GEOS), repair, densification, projection and coverage.
    for (name, n, eights) in [
        ("star 10k", 10_000, false), ("star 100k", 100_000, false), ("figure-eights 4k", 4_000, true)
    ] {
        Benchmark("ParcelLoader \(name) vertices onto UTM", configuration: .init(maxIterations: 10)) { benchmark in
            let raster = "../sample-rasters/sentinel2_l2a_stack.tif"
            let grid = try ResolvedInputs.resolve(
                .stacked(path: raster, red: .description("B04"), nir: .description("B08")),
                roles: [.red, .nir]
            ).grid
            let path = try SyntheticParcels.spikyPath(vertices: n, eights: eights)
            benchmark.startMeasurement()
            for _ in benchmark.scaledIterations {
                let layer = try ParcelLoader.load(
                    ParcelSource(path: path, idField: "parcel_id"), onto: grid, threads: 1)
                blackHole(SparseCoverage(polygon: layer.parcels[0].geometry, grid: grid.cellGrid!))
            }
        }
    }

    // verdant map end to end on a 2048 × 2048 scene, 2 threads, no raster outputs.
    Benchmark("MapJob 2048x2048 UInt16 deflate, 2 threads", configuration: .init(maxIterations: 10)) { benchmark in
        let path = try SyntheticScene.path(size: 2048)
        let request = MapRequest(
            inputs: .stacked(path: path, red: .description("B04"), nir: .description("B08"), scaling: .identity),
            execution: ExecutionOptions(threads: 2))
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations { blackHole(try MapJob.run(request)) }
    }

    // The decode floor of the same job: read bands 3 and 4 of every tile through GDAL and nothing else.
    Benchmark("GDAL decode floor 2048x2048 bands 3+4, 2 threads", configuration: .init(maxIterations: 10)) {
        benchmark in
        let path = try SyntheticScene.path(size: 2048)
        let tiles = try BlockWindows(rasterWidth: 2048, rasterHeight: 2048, tileWidth: 512, tileHeight: 512)
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations {
            let sums = try TileExecutor.run(tiles: tiles, threads: 2, makeWorker: { try Dataset.open(path) }) {
                ds, _, window in
                let values = try ds.read(window: window, bands: [3, 4], as: UInt16.self)
                return values.count
            }
            blackHole(sums)
        }
    }

    // Exact coverage: one 1000-vertex parcel over a 512 × 512 window (boundary ~ 4000 cells).
    Benchmark("Coverage 1000-vertex polygon, 512x512 window") { benchmark in
        let grid = CellGrid(
            originX: 500_000, originY: 9_000_000, cellWidth: 10, cellHeight: 10, columns: 512, rows: 512)!
        let ring = (0..<1000).map { k -> Coordinate in
            let a = Double(k) / 1000 * 2 * Double.pi, r = 2400 + 200 * sin(7 * a)
            return Coordinate(x: 502_560 + r * cos(a), y: 8_997_440 + r * sin(a))
        }
        let polygon = MultiPolygon(polygons: [Polygon(exterior: ring)])
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations {
            blackHole(CoverageCalculator.coverageFractions(of: polygon, on: grid, in: grid.fullWindow))
        }
    }

    // Coverage of 10,000 parcels (~1–10 ha) on a Sentinel-2-size grid, 2 threads, kept sparse.
    Benchmark("GridCoverage 10k parcels on 10980x10980, 2 threads", configuration: .init(maxIterations: 10)) {
        benchmark in
        let grid = CellGrid(
            originX: 600_000, originY: 1_600_000, cellWidth: 10, cellHeight: 10, columns: 10_980, rows: 10_980)!
        let tiles = try BlockWindows(rasterWidth: 10_980, rasterHeight: 10_980, tileWidth: 512, tileHeight: 512)
        let polygons = SyntheticParcels.polygons(count: 10_000, sceneSize: 10_980)
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations {
            blackHole(GridCoverage(polygons: polygons, grid: grid, tiles: tiles, threads: 2))
        }
    }

    // verdant estimate end to end on a 2048 × 2048 scene with 2,000 parcels, 2 threads, no output file.
    Benchmark("EstimateJob 2048x2048, 2k parcels, 2 threads", configuration: .init(maxIterations: 10)) { benchmark in
        let scene = try SyntheticScene.path(size: 2048)
        let parcels = try SyntheticParcels.path(count: 2000, sceneSize: 2048)
        let request = EstimateRequest(
            inputs: .stacked(
                path: scene, red: .description("B04"), nir: .description("B08"),
                scaling: ReflectanceScaling(scale: 0.0001, offset: -0.1)),
            parcels: ParcelSource(path: parcels, idField: "parcel_id"),
            model: try BiomassModel(parsing: "linear:-30,250"),
            execution: ExecutionOptions(threads: 2))
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations { blackHole(try EstimateJob.run(request)) }
    }

    // verdant series end to end: 12 dates of a 1024 × 1024 scene (one file each), 1,000 parcels whose coverage is
    // computed once, linear AGB, 2 threads, no output file.
    Benchmark("SeriesJob 12 dates 1024x1024, 1k parcels, 2 threads", configuration: .init(maxIterations: 10)) {
        benchmark in
        let series = try SyntheticScene.series(dates: 12, size: 1024)
        let parcels = try SyntheticParcels.path(count: 1000, sceneSize: 1024)
        var request = SeriesRequest(
            series: series, parcels: ParcelSource(path: parcels, idField: "parcel_id"),
            model: try BiomassModel(parsing: "linear:-30,250"))
        request.execution = ExecutionOptions(threads: 2)
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations { blackHole(try SeriesJob.run(request)) }
    }

    // verdant composite end to end: the per-cell median of 12 dates of a 1024 × 1024 scene (red, NIR, NDVI),
    // written as a COG into the temporary folder, 2 threads.
    Benchmark("CompositeJob median 12 dates 1024x1024, 2 threads", configuration: .init(maxIterations: 10)) {
        benchmark in
        let series = try SyntheticScene.series(dates: 12, size: 1024)
        let output = NSTemporaryDirectory() + "verdant-bench-composite-\(ProcessInfo.processInfo.processIdentifier).tif"
        var request = CompositeRequest(series: series, method: .median, output: output)
        request.overwrite = true
        request.execution = ExecutionOptions(threads: 2)
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations { blackHole(try CompositeJob.run(request)) }
        benchmark.stopMeasurement()
        try? FileManager.default.removeItem(atPath: output)
    }

    // Synthetic training samples of four separable-ish classes: `n` rows of `features` values (a seeded stream).
    @Sendable func samples(_ n: Int, features: Int, seed: UInt64) -> (FeatureMatrix, [Int]) {
        var state = seed
        func next() -> Float {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Float(state >> 40) / Float(1 << 24)
        }
        var values: [Float] = [], labels: [Int] = []
        values.reserveCapacity(n * features)
        for i in 0..<n {
            let c = i % 4
            labels.append(c)
            for f in 0..<features { values.append(Float((c * (f + 1)) % 4) * 0.25 + next() * 0.5) }
        }
        return (FeatureMatrix(values: values, features: features)!, labels)
    }

    // Training a 100-tree forest on Landsat-sized samples (4410 cells, 7 features, 4 classes), 2 threads.
    Benchmark(
        "classify: train 100 trees, 4410 samples x 7 features, 2 threads", configuration: .init(maxIterations: 10)
    ) {
        benchmark in
        let (x, y) = samples(4410, features: 7, seed: 1)
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations {
            blackHole(
                try RandomForest.train(
                    features: x, labels: y, classNames: ["a", "b", "c", "d"], trees: 100, seed: 42, threads: 2))
        }
    }

    // A trained forest (100 trees, four features) predicting a synthetic 1024 × 1024 four-band scene.
    Benchmark(
        "classify: predict 1024x1024 four-band scene, 100 trees",
        configuration: .init(maxIterations: 10)
    ) {
        benchmark in
        let (x, y) = samples(4000, features: 4, seed: 1)
        let forest = try RandomForest.train(
            features: x, labels: y, classNames: ["a", "b", "c", "d"], trees: 100, seed: 42, threads: 2
        ).forest
        let predictor = forest.predictor()
        let (scene, _) = samples(1024 * 1024, features: 4, seed: 2)
        var classes: [Int] = []
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations {
            predictor.predict(matrix: scene, into: &classes)
            blackHole(classes)
        }
    }
}
