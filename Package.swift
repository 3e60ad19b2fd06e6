// swift-tools-version: 6.1
import PackageDescription

let package = Package(
    name: "Verdant",
    platforms: [.macOS(.v13)],
    products: [
        .library(name: "Verdant", targets: ["Verdant"]),
        .library(name: "VerdantCore", targets: ["VerdantCore"]),
        .library(name: "GDALKit", targets: ["GDALKit"]),
        .executable(name: "verdant", targets: ["VerdantCLI"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "5.0.1"),
        // Only for `swift package generate-documentation` (DocC); nothing of it is linked.
        .package(url: "https://github.com/swiftlang/swift-docc-plugin", from: "1.5.0"),
    ],
    targets: [
        // GDAL's C API, found through pkg-config (Debian: libgdal-dev, GDAL >= 3.6.2).
        .systemLibrary(
            name: "CGDAL",
            pkgConfig: "gdal",
            providers: [.apt(["libgdal-dev"]), .brew(["gdal"])]
        ),
        // The safe Swift layer over GDAL and the only importer of CGDAL (internally): the pointer code of the C calls
        // lives here; the engine's hot loops have one small kernel file each (README, design notes).
        .target(name: "GDALKit", dependencies: ["CGDAL"]),
        // SHA-256 blocks with the x86 SHA extensions (checksums of large inputs); Verdant falls back to Swift.
        .target(name: "CSHA256"),
        // The pure core: geometry and exact coverage, spectral indices, biomass models, carbon factors, credit
        // accounting, calibration and uncertainty statistics. Plain Swift values and arithmetic: no GDAL, no files.
        .target(name: "VerdantCore"),
        // The engine: inputs, executor, jobs, outputs, reports (over GDALKit and the core, which it re-exports).
        .target(
            name: "Verdant",
            dependencies: ["VerdantCore", "GDALKit", "CSHA256", .product(name: "Yams", package: "Yams")],
            resources: [
                .embedInCode("Sensors/presets.json"),
                .embedInCode("Carbon/FactorSets/ipcc-2006.json"),
                .embedInCode("Carbon/FactorSets/tver-2023.json"),
            ]
        ),
        // The command-line interface: parsing (typed values), flag names and printing only.
        .executableTarget(
            name: "VerdantCLI",
            dependencies: [
                "Verdant",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // Deterministic generator of the synthetic rasters and parcels in sample-rasters/.
        .executableTarget(
            name: "make-sample-rasters",
            dependencies: ["GDALKit"],
            path: "sample-rasters/generator"
        ),
        // An example Swift program running an estimate and reading the results.
        .executableTarget(name: "estimate-example", dependencies: ["Verdant"], path: "Examples/EstimateExample"),
        // Fixtures shared by the test targets (temporary folders, small rasters, the real-data folder, TIFF layout).
        .target(name: "TestSupport", dependencies: ["GDALKit"], path: "Tests/TestSupport"),
        .testTarget(name: "GDALKitTests", dependencies: ["GDALKit", "TestSupport"]),
        .testTarget(name: "VerdantCoreTests", dependencies: ["VerdantCore", "TestSupport"]),
        .testTarget(name: "VerdantTests", dependencies: ["Verdant", "VerdantCore", "GDALKit", "TestSupport"]),
        .testTarget(
            name: "VerdantCLITests",
            dependencies: [
                "VerdantCLI", "make-sample-rasters", "estimate-example", "GDALKit", "TestSupport",
                // Reads the Kubernetes manifests of deploy/kubernetes/ (KubernetesManifestTests).
                .product(name: "Yams", package: "Yams"),
            ]
        ),
    ]
)

// libFuzzer targets (Fuzz/), declared only when VERDANT_FUZZ is set: scripts/fuzz.sh sets it and builds them with
// `-sanitize=fuzzer,address` in .build-fuzz, so the normal build never sees them.
if Context.environment["VERDANT_FUZZ"] != nil {
    // The fuzz package is the libraries and the fuzzers only (every executable it links gets libFuzzer).
    package.products = package.products.filter { $0.name != "verdant" }
    package.targets.removeAll { $0.type == .executable || $0.type == .test || $0.name == "TestSupport" }
    let fuzzers: [(name: String, dependencies: [Target.Dependency])] = [
        ("fuzz-geojson", ["Verdant", "GDALKit"]),
        ("fuzz-json-scanner", ["Verdant"]),
        ("fuzz-wkb", ["Verdant"]),
        ("fuzz-csv", ["Verdant"]),
        ("fuzz-job-file", ["JobFileReader"]),
        ("fuzz-model-file", ["Verdant"]),
        ("fuzz-coverage", ["Verdant"]),
        ("fuzz-dates", ["Verdant"]),
    ]
    package.targets += [
        // libFuzzer's driver, declared for Swift.
        .target(name: "FuzzDriver", path: "Fuzz/Driver"),
        // Shared by the fuzzers: their main, a scratch file per process, and failing loudly.
        .target(name: "FuzzSupport", dependencies: ["FuzzDriver"], path: "Fuzz/Support"),
        // The CLI's job-file reader alone, as a library the job-file fuzzer links (the CLI is an executable).
        .target(name: "JobFileReader", dependencies: ["Verdant", .product(name: "Yams", package: "Yams")],
                path: "Sources/VerdantCLI", sources: ["JobFile.swift"]),
    ]
    package.targets += fuzzers.map { fuzzer in
        .executableTarget(name: fuzzer.name, dependencies: fuzzer.dependencies + ["FuzzSupport"], path: "Fuzz/Targets/\(fuzzer.name)",
                          swiftSettings: [.unsafeFlags(["-parse-as-library"])])
    }
}
