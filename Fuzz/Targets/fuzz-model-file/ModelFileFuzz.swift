import Foundation
import FuzzSupport
@testable import Verdant
@testable import VerdantCore

/// The fuzzer's entry point: libFuzzer's driver on `fuzzModelFile`.
@main enum ModelFileFuzzer {
    static func main() { FuzzMain.run(fuzzModelFile) }
}

/// Fuzzes the model-file reader: any bytes either throw a `VerdantError` or give a model with finite coefficients
/// and a known index, whose uncertainty (when present) validates, and which, written with `json()`, reads back equal.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzModelFile(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let path = FuzzScratch.write(data, size, name: "model.json")
    let file: ModelFile
    do { file = try ModelFile.read(path) } catch {
        FuzzCheck.require(error is VerdantError, "ModelFile.read threw \(error), not a VerdantError")
        return 0
    }
    FuzzCheck.require(file.a.isFinite && file.b.isFinite, "coefficients \(file.a), \(file.b)")
    FuzzCheck.require((try? SpectralIndex(parsing: file.index, saviL: file.saviL ?? 0.5)) != nil, "index \(file.index)")
    let model: BiomassModel
    do { model = try file.model } catch { FuzzCheck.fail("the model of a file that was read throws: \(error)") }
    if let uncertainty = model.uncertainty {
        FuzzCheck.require((try? uncertainty.validate()) != nil, "the uncertainty does not validate")
    }
    for x in [-1.0, -0.5, 0, 0.25, 0.5, 1, .nan] {
        _ = model.agb(x)
        _ = model.gradient(x)
    }
    let again = FuzzScratch.folder + "/model-again.json"
    do {
        try Data(try file.json().utf8).write(to: URL(fileURLWithPath: again))
        let reread = try ModelFile.read(again)
        FuzzCheck.require(reread == file, "written and read again: \(reread) vs \(file)")
    } catch {
        FuzzCheck.fail("the model written back does not read: \(error)")
    }
    return 0
}
