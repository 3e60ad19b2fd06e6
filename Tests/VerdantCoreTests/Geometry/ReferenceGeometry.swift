@testable import VerdantCore

/// Independent reference computations for the coverage tests: Sutherland–Hodgman clipping and the shoelace formula.
enum ReferenceGeometry {
    /// The shoelace area (absolute) of a ring of local (x, y) points.
    static func shoelace(_ ring: [(Double, Double)]) -> Double {
        guard ring.count >= 3 else { return 0 }
        // Relative to the first point, for precision.
        let (x0, y0) = ring[0]
        var twice = 0.0
        for index in ring.indices {
            let (x1, y1) = ring[index]
            let (x2, y2) = ring[(index + 1) % ring.count]
            twice += (x1 - x0) * (y2 - y0) - (x2 - x0) * (y1 - y0)
        }
        return abs(twice) / 2
    }

    /// Clips a ring (any orientation, possibly concave) to the rectangle [minX, maxX] × [minY, maxY].
    static func clip(
        _ ring: [(Double, Double)], minX: Double, minY: Double, maxX: Double, maxY: Double
    ) -> [(Double, Double)] {
        var output = ring
        output = clipHalfPlane(output, inside: { p in p.0 >= minX }, boundary: .vertical(minX))
        output = clipHalfPlane(output, inside: { p in p.0 <= maxX }, boundary: .vertical(maxX))
        output = clipHalfPlane(output, inside: { p in p.1 >= minY }, boundary: .horizontal(minY))
        output = clipHalfPlane(output, inside: { p in p.1 <= maxY }, boundary: .horizontal(maxY))
        return output
    }

    /// A clipping line.
    enum Line {
        case vertical(Double)
        case horizontal(Double)
    }

    /// One Sutherland–Hodgman pass.
    static func clipHalfPlane(
        _ ring: [(Double, Double)], inside: ((Double, Double)) -> Bool, boundary: Line
    ) -> [(Double, Double)] {
        guard !ring.isEmpty else { return [] }
        var result: [(Double, Double)] = []
        var previous = ring[ring.count - 1]
        for current in ring {
            let currentInside = inside(current), previousInside = inside(previous)
            if currentInside {
                if !previousInside { result.append(intersect(previous, current, boundary)) }
                result.append(current)
            } else if previousInside {
                result.append(intersect(previous, current, boundary))
            }
            previous = current
        }
        return result
    }

    /// The point where segment a–b meets the line.
    static func intersect(_ a: (Double, Double), _ b: (Double, Double), _ line: Line) -> (Double, Double) {
        switch line {
        case .vertical(let x):
            let t = (x - a.0) / (b.0 - a.0)
            return (x, a.1 + t * (b.1 - a.1))
        case .horizontal(let y):
            let t = (y - a.1) / (b.1 - a.1)
            return (a.0 + t * (b.0 - a.0), y)
        }
    }

    /// The planar area of `polygon` inside the grid's extent, computed in coordinates relative to the grid origin.
    static func areaInsideGrid(_ polygon: MultiPolygon, _ grid: CellGrid) -> Double {
        areaInsideWindow(polygon, grid, grid.fullWindow)
    }

    /// The planar area of `polygon` inside the rectangle of `window`'s cells, in coordinates relative to that
    /// rectangle's north-west corner.
    static func areaInsideWindow(_ polygon: MultiPolygon, _ grid: CellGrid, _ window: CellWindow) -> Double {
        let width = Double(window.width) * grid.cellWidth, height = Double(window.height) * grid.cellHeight
        let westX = grid.originX + Double(window.column) * grid.cellWidth
        let northY = grid.originY - Double(window.row) * grid.cellHeight
        func clipped(_ ring: [Coordinate]) -> Double {
            let local = ring.map { ($0.x - westX, $0.y - northY) }
            return shoelace(clip(local, minX: 0, minY: -height, maxX: width, maxY: 0))
        }
        var total = 0.0
        for part in polygon.polygons {
            total += clipped(part.exterior)
            for hole in part.holes { total -= clipped(hole) }
        }
        return total
    }
}
