// swift-tools-version: 6.1
// Verdant's benchmarks, in their own package so that users and CI do not build benchmark dependencies.
// Run from this folder: swift package --disable-sandbox benchmark
import PackageDescription

let package = Package(
    name: "VerdantBenchmarks",
    platforms: [.macOS(.v13)],
    dependencies: [
        .package(name: "Verdant", path: ".."),
        .package(url: "https://github.com/ordo-one/benchmark", from: "1.38.1", traits: ["MallocInterposer"]),
    ],
    targets: [
        .executableTarget(
            name: "VerdantBenchmarks",
            dependencies: [
                .product(name: "Verdant", package: "Verdant"),
                .product(name: "GDALKit", package: "Verdant"),
                .product(name: "Benchmark", package: "benchmark"),
            ],
            path: "Benchmarks/VerdantBenchmarks",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
    ]
)
