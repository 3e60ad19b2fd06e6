internal import CGDAL

/// A transformation of coordinates between two CRSs (OGRCoordinateTransformation through PROJ).
///
/// Thread rules: `Sendable` so that it can be made on one thread and handed to another, but PROJ's transformation
/// objects keep state: never call `transform` on one value from two threads at once. Verdant's workers each make
/// their own (from the CRSs' WKT).
public final class CoordinateTransformation: @unchecked Sendable {
    let handle: OGRCoordinateTransformationH
    /// The source CRS (kept alive with the transformation).
    public let source: SpatialReference
    /// The target CRS.
    public let target: SpatialReference

    /// A transformation from `source` to `target`.
    public init(from source: SpatialReference, to target: SpatialReference) throws {
        self.source = source
        self.target = target
        self.handle = try GDALCall.handle("making a transformation from \(source.name) to \(target.name)") {
            OCTNewCoordinateTransformation(source.handle, target.handle)
        }
    }

    deinit { OCTDestroyCoordinateTransformation(handle) }

    /// Transforms points in place; throws when any point cannot be transformed.
    public func transform(x: inout [Double], y: inout [Double]) throws {
        precondition(x.count == y.count, "x and y must have the same count")
        if x.isEmpty { return }
        var success = [Int32](repeating: 0, count: x.count)
        let count = Int32(x.count)
        let ok = try GDALCall.run("transforming \(x.count) points from \(source.name) to \(target.name)") {
            x.withUnsafeMutableBufferPointer { xs in
                y.withUnsafeMutableBufferPointer { ys in
                    success.withUnsafeMutableBufferPointer { s in
                        OCTTransformEx(handle, count, xs.baseAddress, ys.baseAddress, nil, s.baseAddress)
                    }
                }
            }
        }
        if ok == 0 || success.contains(0) {
            let bad = success.firstIndex(of: 0) ?? 0
            throw GDALError(
                context: "transforming points from \(source.name) to \(target.name)",
                messages: ["point \(bad) cannot be transformed"])
        }
    }

    /// Transforms one point.
    public func transform(x: Double, y: Double) throws -> (x: Double, y: Double) {
        var xs = [x], ys = [y]
        try transform(x: &xs, y: &ys)
        return (xs[0], ys[0])
    }
}
