import GDALKit

extension VerdantError {
    /// Wraps any error as a `VerdantError` about `file` (GDAL's errors with GDAL's message).
    static func input(_ file: String, _ error: any Error) -> VerdantError {
        if let v = error as? VerdantError { return v }
        if let g = error as? GDALError { return .input(file: file, problem: ErrorText(g.description)) }
        return .input(file: file, problem: "\(error)")
    }
}
