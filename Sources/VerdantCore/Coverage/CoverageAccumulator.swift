/// The per-window state of the exact coverage computation (internal engine of `CoverageCalculator`).
///
/// Works in grid-local units (`u` = columns east of the grid's western edge, `v` = rows south of its northern edge),
/// so every cell is a unit square. For a boundary traversed so that its `(u, v)` shoelace area is positive, the area
/// of the region inside cell `[c, c+1] × [r, r+1]` is, by Green's theorem along vertical lines,
/// `Σ_edges ∫ h_r(v(u)) du` over the edge's part with `u ∈ [c, c+1]`, where `h_r(v) = r + 1 − clamp(v, r, r + 1)`.
/// That integral is split in two:
/// - the edge parts with `v ≤ r` weigh 1: their sum over all edges is `∫_c^{c+1} W(u) du`, with `W(u)` the winding
///   number of the point `(u, r + 0)`, found from the crossings of the row's top line `v = r` (half-open rule
///   `min(v) ≤ r < max(v)`). Crossings west of the window only change an integer count, crossings east of it don't
///   matter, crossing `x` in column `c` adds `j·(c + 1 − u_x)` to the cell and `j` to `W` of the cells east of it;
/// - the edge parts with `v ∈ (r, r + 1]` weigh `r + 1 − v`, integrated exactly per cell piece (the integrand is
///   linear along a piece).
///
/// Each cell's value is built from quantities that depend only on the edge and the cell's own lines, added in edge
/// order, plus an exact integer winding, so any window gives bit-identical values for the cells it shares with any
/// other window. Work is O(edges + edge–cell crossings in the window + window cells), memory O(window cells).
struct CoverageAccumulator {
    /// The window's western edge, northern edge, eastern edge and southern edge in grid-local units.
    private let left: Double, top: Double, right: Double, bottom: Double
    private let firstColumn: Int, firstRow: Int, width: Int, height: Int
    /// Fractional contributions per window cell, row-major; becomes the result.
    private var partial: [Double]
    /// The top-line crossings inside the window, one per crossing: `offset + 1` of the cell for a winding jump of +1,
    /// `−(offset + 1)` for −1 (a list rather than a per-cell array, to keep memory at one Double per cell).
    private var crossings: [Int] = []
    /// Difference array (over rows, one extra) of the winding number at the window's western edge.
    private var westWinding: [Int32]

    /// Prepares zeroed storage for `window`.
    init(window: CellWindow) {
        firstColumn = window.column
        firstRow = window.row
        width = window.width
        height = window.height
        left = Double(window.column)
        top = Double(window.row)
        right = Double(window.endColumn)
        bottom = Double(window.endRow)
        partial = [Double](repeating: 0, count: window.cellCount)
        westWinding = [Int32](repeating: 0, count: window.height + 1)
    }

    /// Adds a ring (closed or open, either orientation) counted positively (`isHole == false`) or negatively.
    mutating func add(ring: [Coordinate], isHole: Bool, grid: CellGrid) {
        var count = ring.count
        if count >= 2 && ring[count - 1] == ring[0] { count -= 1 }
        guard count >= 3 else { return }
        // Orientation from the signed area in (u, v), relative to the first vertex for precision.
        let u0 = grid.gridU(ring[0].x), v0 = grid.gridV(ring[0].y)
        var twiceArea = 0.0
        var pu = 0.0, pv = 0.0
        for index in 1..<count {
            let du = grid.gridU(ring[index].x) - u0, dv = grid.gridV(ring[index].y) - v0
            twiceArea += pu * dv - du * pv
            pu = du
            pv = dv
        }
        guard twiceArea != 0 else { return }  // no orientation: zero area (or a degenerate ring)
        let positive = (twiceArea > 0) != isHole
        let sign: Int32 = positive ? 1 : -1
        var ua = grid.gridU(ring[count - 1].x), va = grid.gridV(ring[count - 1].y)
        for index in 0..<count {
            let ub = grid.gridU(ring[index].x), vb = grid.gridV(ring[index].y)
            addEdge(ua, va, ub, vb, sign: sign)
            ua = ub
            va = vb
        }
    }

    /// Adds the contributions of the edge `(ua, va) → (ub, vb)` with orientation `sign` (±1).
    private mutating func addEdge(_ ua: Double, _ va: Double, _ ub: Double, _ vb: Double, sign: Int32) {
        let uMin = Swift.min(ua, ub), uMax = Swift.max(ua, ub)
        let vMin = Swift.min(va, vb), vMax = Swift.max(va, vb)
        // Edges east, south or north of the window contribute nothing to its cells (those north or south of it act
        // only through the crossings of the other edges of their ring).
        if uMin >= right || vMin >= bottom || vMax <= top { return }
        if uMin == uMax && vMin == vMax { return }  // zero length

        // Most edges of densified rings lie inside one cell, off its top line: they cross no row line and make
        // one piece (what steps 1 and 2 below give for such an edge, with the same arithmetic, so the same bits).
        let cellU = uMin.rounded(.down), cellV = vMin.rounded(.down)
        if uMax.rounded(.down) == cellU && vMax.rounded(.down) == cellV && vMin > cellV {
            guard ua != ub, cellU >= left else { return }  // vertical, or west of the window: nothing to add
            let direction: Double = (ub > ua) == (sign > 0) ? 1 : -1
            let vL = ua < ub ? va : vb, vR = ua < ub ? vb : va
            let offset = (Int(cellV) - firstRow) * width + (Int(cellU) - firstColumn)
            if vL == vR {
                partial[offset] += direction * (uMax - uMin) * (cellV + 1 - vL)
            } else {
                partial[offset] += direction * (uMax - uMin) * (cellV + 1 - 0.5 * (vL + vR))
            }
            return
        }

        // The u where the edge meets the horizontal line v = `line`, kept within the edge's u range.
        func crossing(_ line: Double) -> Double {
            let t = (line - va) / (vb - va)
            return Swift.min(Swift.max(ua + t * (ub - ua), uMin), uMax)
        }

        // 1. Crossings of the top lines of the window's rows (rows r with vMin ≤ r < vMax).
        if va != vb {
            let startLine = Swift.max(top, vMin.rounded(.up)), stopLine = Swift.min(bottom, vMax.rounded(.up))
            if startLine < stopLine {
                let jump: Int32 = vb > va ? -sign : sign
                let startRow = Int(startLine) - firstRow, stopRow = Int(stopLine) - firstRow
                if uMax < left {
                    westWinding[startRow] &+= jump
                    westWinding[stopRow] &-= jump
                } else {
                    let weight = Double(jump)
                    for row in startRow..<stopRow {
                        let u = crossing(Double(row + firstRow))
                        if u < left {
                            westWinding[row] &+= jump
                            westWinding[row + 1] &-= jump
                        } else if u < right {
                            let column = Int(u.rounded(.down))
                            let offset = row * width + (column - firstColumn)
                            partial[offset] += weight * (Double(column + 1) - u)
                            crossings.append(jump > 0 ? offset + 1 : -(offset + 1))
                        }
                    }
                }
            }
        }

        // 2. Pieces with v in (r, r + 1] of each window cell, weighted by r + 1 − v (vertical edges have none).
        guard ua != ub else { return }
        let startColumnLine = Swift.max(left, uMin.rounded(.down)), stopColumnLine = Swift.min(right, uMax.rounded(.up))
        guard startColumnLine < stopColumnLine else { return }
        let direction: Double = (ub > ua) == (sign > 0) ? 1 : -1
        let vAtUMin = ua < ub ? va : vb, vAtUMax = ua < ub ? vb : va
        // The v where the edge meets the vertical line u = `line`, kept within the edge's v range.
        func verticalCrossing(_ line: Double) -> Double {
            let t = (line - ua) / (ub - ua)
            return Swift.min(Swift.max(va + t * (vb - va), vMin), vMax)
        }
        for column in Int(startColumnLine)..<Int(stopColumnLine) {
            let columnLeft = Double(column), columnRight = columnLeft + 1
            let uL = Swift.max(uMin, columnLeft), uR = Swift.min(uMax, columnRight)
            guard uL < uR else { continue }
            let vL = uL == uMin ? vAtUMin : verticalCrossing(columnLeft)
            let vR = uR == uMax ? vAtUMax : verticalCrossing(columnRight)
            let columnOffset = column - firstColumn
            if vL == vR {
                // Horizontal piece: on a row line it lies in the row above with weight 0.
                let rowLine = vL.rounded(.down)
                guard rowLine != vL, rowLine >= top, rowLine < bottom else { continue }
                let offset = (Int(rowLine) - firstRow) * width + columnOffset
                partial[offset] += direction * (uR - uL) * (rowLine + 1 - vL)
                continue
            }
            let vLow = Swift.min(vL, vR), vHigh = Swift.max(vL, vR)
            let startRowLine = Swift.max(top, vLow.rounded(.down)), stopRowLine = Swift.min(bottom, vHigh.rounded(.up))
            guard startRowLine < stopRowLine else { continue }
            let descending = vR > vL  // v grows (the edge goes south) as u grows
            for rowIndex in Int(startRowLine)..<Int(stopRowLine) {
                let rowTop = Double(rowIndex), rowBottom = rowTop + 1
                let uA: Double, vA: Double, uB: Double, vB: Double
                if descending {
                    if rowTop <= vL {
                        uA = uL; vA = vL
                    } else {
                        uA = Swift.min(Swift.max(crossing(rowTop), uL), uR); vA = rowTop
                    }
                    if rowBottom >= vR {
                        uB = uR; vB = vR
                    } else {
                        uB = Swift.min(Swift.max(crossing(rowBottom), uL), uR); vB = rowBottom
                    }
                } else {
                    if rowBottom >= vL {
                        uA = uL; vA = vL
                    } else {
                        uA = Swift.min(Swift.max(crossing(rowBottom), uL), uR); vA = rowBottom
                    }
                    if rowTop <= vR {
                        uB = uR; vB = vR
                    } else {
                        uB = Swift.min(Swift.max(crossing(rowTop), uL), uR); vB = rowTop
                    }
                }
                let length = uB - uA
                guard length > 0 else { continue }
                let offset = (rowIndex - firstRow) * width + columnOffset
                partial[offset] += direction * length * (rowBottom - 0.5 * (vA + vB))
            }
        }
    }

    /// Finishes the sums into fractions, clamping only round-off within `tolerance` of [0, 1].
    mutating func finish(tolerance: Double) -> [Double] {
        var result: [Double] = []
        swap(&result, &partial)
        // Counting sort of the crossings by row.
        var rowStarts = [Int](repeating: 0, count: height + 1)
        for code in crossings {
            rowStarts[(abs(code) - 1) / width + 1] += 1
        }
        for row in 0..<height {
            rowStarts[row + 1] += rowStarts[row]
        }
        var ordered = [Int](repeating: 0, count: crossings.count)
        var fill = rowStarts
        for code in crossings {
            let row = (abs(code) - 1) / width
            ordered[fill[row]] = code
            fill[row] += 1
        }
        // Row by row: winding number at the window's west edge, plus the jumps met going east.
        var rowJumps = [Int32](repeating: 0, count: width)
        var winding: Int32 = 0
        for row in 0..<height {
            winding &+= westWinding[row]
            let rowOffset = row * width
            for index in rowStarts[row]..<rowStarts[row + 1] {
                let code = ordered[index]
                rowJumps[abs(code) - 1 - rowOffset] &+= code > 0 ? 1 : -1
            }
            Self.finishRow(
                &result, from: rowOffset, width: width, winding: winding, jumps: rowJumps, tolerance: tolerance)
            for index in rowStarts[row]..<rowStarts[row + 1] {
                rowJumps[abs(ordered[index]) - 1 - rowOffset] = 0
            }
        }
        return result
    }

    /// Adds the winding numbers to one row of sums and clamps round-off (a separate function so the optimizer keeps
    /// the array's uniqueness check out of the loop).
    private static func finishRow(
        _ result: inout [Double], from rowOffset: Int, width: Int, winding: Int32,
        jumps: [Int32], tolerance: Double
    ) {
        var current = winding
        for column in 0..<width {
            let offset = rowOffset + column
            var value = result[offset] + Double(current)
            current &+= jumps[column]
            if value < 0 {
                if value >= -tolerance { value = 0 }
            } else if value > 1 {
                if value <= 1 + tolerance { value = 1 }
            }
            result[offset] = value
        }
    }
}
