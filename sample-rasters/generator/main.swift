import Foundation

// Writes the synthetic sample rasters and parcels into the folder given (default: sample-rasters).
let folder = CommandLine.arguments.count > 1 ? CommandLine.arguments[1] : "sample-rasters"
do {
    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    try SentinelScene.write(to: folder)
    try DroneMosaic.write(to: folder)
    print("wrote the sample rasters and parcels to \(folder)")
} catch {
    FileHandle.standardError.write(Data("make-sample-rasters: \(error)\n".utf8))
    exit(1)
}
