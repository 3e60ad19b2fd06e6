/// The synthetic landscape: what covers each point, and the reflectance of each cover.
enum LandCover: UInt8, CaseIterable {
    case forest, plantation, grass, bare, water

    /// Surface reflectance (blue, green, red, red edge, NIR) of the cover, before texture.
    var reflectance: [Double] {
        switch self {
        case .forest: [0.025, 0.055, 0.030, 0.200, 0.380]
        case .plantation: [0.035, 0.070, 0.045, 0.190, 0.320]
        case .grass: [0.050, 0.090, 0.080, 0.200, 0.280]
        case .bare: [0.120, 0.160, 0.200, 0.230, 0.260]
        case .water: [0.040, 0.050, 0.030, 0.020, 0.012]
        }
    }

    /// Sentinel-2 scene classification (SCL) class of the cover.
    var scl: UInt8 {
        switch self {
        case .forest, .plantation, .grass: 4
        case .bare: 5
        case .water: 6
        }
    }
}

/// A point-in-polygon test for the generator's own land-cover shapes (even-odd rule).
func contains(_ ring: [(Double, Double)], _ x: Double, _ y: Double) -> Bool {
    var inside = false
    var j = ring.count - 1
    for i in 0..<ring.count {
        let (xi, yi) = ring[i], (xj, yj) = ring[j]
        if (yi > y) != (yj > y), x < (xj - xi) * (y - yi) / (yj - yi) + xi { inside.toggle() }
        j = i
    }
    return inside
}
