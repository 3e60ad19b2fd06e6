extension MultiPolygon {
    /// True when (`x`, `y`) lies inside the multipolygon by the even–odd rule over every ring of every part
    /// (a point in a hole is outside). A point on an edge counts as inside the part below or to the left of it
    /// (half-open crossings: of two cells sharing an edge, a point on it belongs to exactly one).
    public func contains(x: Double, y: Double) -> Bool {
        var inside = false
        for polygon in polygons {
            for ring in [polygon.exterior] + polygon.holes where ring.count >= 3 {
                var j = ring.count - 1
                for i in 0..<ring.count {
                    let a = ring[i], b = ring[j]
                    // The edge crosses the horizontal through y (half-open in y), east of x.
                    if (a.y > y) != (b.y > y) {
                        let xCross = a.x + (y - a.y) * (b.x - a.x) / (b.y - a.y)
                        if x < xCross { inside.toggle() }
                    }
                    j = i
                }
            }
        }
        return inside
    }
}
