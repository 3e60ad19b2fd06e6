/// The planar signed area of rings by the shoelace formula (internal helper of `Polygon` and the calculator).
package enum Shoelace {
    /// The signed area of `ring` (closed or open): positive when counter-clockwise with y up.
    ///
    /// Coordinates are taken relative to the first vertex, so large UTM coordinates keep their precision.
    package static func signedArea(of ring: [Coordinate]) -> Double {
        guard ring.count >= 3 else { return 0 }
        let x0 = ring[0].x, y0 = ring[0].y
        var twice = 0.0
        var px = 0.0, py = 0.0
        for index in 1..<ring.count {
            let x = ring[index].x - x0, y = ring[index].y - y0
            twice += px * y - x * py
            px = x
            py = y
        }
        return twice / 2
    }
}
