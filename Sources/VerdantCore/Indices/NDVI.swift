/// The Normalized Difference Vegetation Index, (NIR − Red) / (NIR + Red) on reflectance
/// (Rouse et al. 1974, "Monitoring vegetation systems in the Great Plains with ERTS").
public enum NDVI {
    /// NDVI of one cell; NaN (undefined) when either input is NaN or NIR + Red = 0. Never 0 for undefined.
    @inlinable
    public static func value(red: Double, nir: Double) -> Double {
        let sum = nir + red
        if sum == 0 || sum.isNaN { return .nan }
        return (nir - red) / sum
    }

    /// NDVI of every cell of two equally long arrays into the first cells of `output`.
    public static func compute(red: [Double], nir: [Double], into output: inout [Double]) {
        precondition(red.count == nir.count && output.count >= red.count, "NDVI buffers differ in length")
        for i in 0..<red.count { output[i] = value(red: red[i], nir: nir[i]) }
    }
}
