import Benchmark
import Foundation
import GDALKit
import Verdant

let benchmarks: @Sendable () -> Void = {
    let metrics: [BenchmarkMetric] = [.wallClock, .cpuTotal, .throughput, .mallocCountTotal, .peakMemoryResident, .instructions]
    Benchmark.defaultConfiguration = .init(metrics: metrics, maxDuration: .seconds(5), maxIterations: 50)

    // The per-cell arithmetic of one 512 × 512 tile: NDVI, linear AGB, sums, Float32 outputs.
    Benchmark("SceneKernel 512x512 (cells)", configuration: .init(scalingFactor: .kilo)) { benchmark in
        let n = 512 * 512
        let red = (0..<n).map { 0.02 + Double($0 % 97) / 1000 }, nir = (0..<n).map { 0.2 + Double($0 % 89) / 500 }
        var ndvi = [Float](repeating: 0, count: n), agb = [Float](repeating: 0, count: n)
        let areas = [Double](repeating: 100, count: 512)[...]
        let model = try BiomassModel(parsing: "linear:-30,250")
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations {
            let totals = try red.withUnsafeBufferPointer { r in
                try nir.withUnsafeBufferPointer { v in
                    try ndvi.withUnsafeMutableBufferPointer { o1 in
                        try agb.withUnsafeMutableBufferPointer { o2 in
                            try SceneKernel.process(red: r, nir: v, width: 512, rowAreas: areas, model: model, ndviOut: o1, agbOut: o2)
                        }
                    }
                }
            }
            blackHole(totals)
        }
    }

    // verdant map end to end on a 2048 × 2048 scene, 2 threads, no raster outputs.
    Benchmark("MapJob 2048x2048 UInt16 deflate, 2 threads", configuration: .init(maxIterations: 10)) { benchmark in
        let path = try SyntheticScene.path(size: 2048)
        let request = MapRequest(inputs: .stacked(path: path, red: .description("B04"), nir: .description("B08")),
                                 execution: ExecutionOptions(threads: 2))
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations { blackHole(try MapJob.run(request)) }
    }

    // The decode floor of the same job: read bands 3 and 4 of every tile through GDAL and nothing else.
    Benchmark("GDAL decode floor 2048x2048 bands 3+4, 2 threads", configuration: .init(maxIterations: 10)) { benchmark in
        let path = try SyntheticScene.path(size: 2048)
        let tiles = try BlockWindows(rasterWidth: 2048, rasterHeight: 2048, tileWidth: 512, tileHeight: 512)
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations {
            let sums = try TileExecutor.run(tiles: tiles, threads: 2, makeWorker: { try Dataset.open(path) }) { ds, _, window in
                let values = try ds.read(window: window, bands: [3, 4], as: UInt16.self)
                return values.count
            }
            blackHole(sums)
        }
    }
}
