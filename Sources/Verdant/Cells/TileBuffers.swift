/// The per-cell values of one tile, row-major, as one value: each cell's status (`CellStatus` raw values), the
/// model's index, NDVI and AGB (t/ha), and, when the model has an uncertainty, ∂AGB/∂a and ∂AGB/∂b (else empty).
///
/// The kernels of the hot loops (`NDVIKernel`, `IndexKernel`, `GradientKernel`, `ParcelAccumulationKernel`,
/// `SceneKernel`) reach the cells through `withUnsafeCells` and `withUnsafeMutableCells`, the only pointer-level
/// access; everything else sees arrays.
public struct TileBuffers: Hashable, Sendable {
    /// Status of each cell (`CellStatus` raw values).
    public internal(set) var status: [UInt8]
    /// The model's index, NaN where the cell is not observed.
    public internal(set) var index: [Double]
    /// NDVI, NaN where not observed or where the input lacks red or NIR.
    public internal(set) var ndvi: [Double]
    /// AGB in t/ha, NaN where not observed.
    public internal(set) var agb: [Double]
    /// ∂AGB/∂a per cell (t/ha per unit of a), when the model has an uncertainty; else empty.
    public internal(set) var gradA: [Double]
    /// ∂AGB/∂b per cell, when the model has an uncertainty; else empty.
    public internal(set) var gradB: [Double]

    /// The values of a tile; every buffer holds the same number of cells (the gradients none, or as many).
    public init(
        status: [UInt8], ndvi: [Double], index: [Double], agb: [Double], gradA: [Double] = [], gradB: [Double] = []
    ) {
        precondition(
            ndvi.count == status.count && index.count == status.count && agb.count == status.count
                && gradA.count == gradB.count && (gradA.isEmpty || gradA.count == status.count),
            "tile buffers differ in size")
        (self.status, self.ndvi, self.index, self.agb, self.gradA, self.gradB) = (
            status, ndvi, index, agb, gradA, gradB
        )
    }

    /// No cells.
    public init() { self.init(status: [], ndvi: [], index: [], agb: []) }

    /// Cells in the tile.
    public var count: Int { status.count }

    /// Makes the buffers hold `count` cells (new ones when they held another count: status 0, values NaN), with
    /// gradients (0) or none.
    mutating func resize(_ count: Int, gradients: Bool) {
        if status.count != count {
            status = [UInt8](repeating: 0, count: count)
            index = [Double](repeating: .nan, count: count)
            ndvi = [Double](repeating: .nan, count: count)
            agb = [Double](repeating: .nan, count: count)
        }
        if gradients && gradA.count != count {
            gradA = [Double](repeating: 0, count: count)
            gradB = [Double](repeating: 0, count: count)
        } else if !gradients && !gradA.isEmpty {
            gradA = []
            gradB = []
        }
    }

    /// Read-only views of the buffers, valid only inside `withUnsafeCells`.
    struct Cells {
        let status: UnsafeBufferPointer<UInt8>
        let index: UnsafeBufferPointer<Double>, ndvi: UnsafeBufferPointer<Double>, agb: UnsafeBufferPointer<Double>
        let gradA: UnsafeBufferPointer<Double>, gradB: UnsafeBufferPointer<Double>
    }

    /// Writable views of the buffers, valid only inside `withUnsafeMutableCells`.
    struct MutableCells {
        let status: UnsafeMutableBufferPointer<UInt8>
        let index: UnsafeMutableBufferPointer<Double>, ndvi: UnsafeMutableBufferPointer<Double>
        let agb: UnsafeMutableBufferPointer<Double>
        let gradA: UnsafeMutableBufferPointer<Double>, gradB: UnsafeMutableBufferPointer<Double>

        /// Stores cell `i`'s status, index, NDVI and AGB.
        @inline(__always)
        func set(_ i: Int, status s: UInt8, index x: Double, ndvi v: Double, agb g: Double) {
            status[i] = s
            index[i] = x
            ndvi[i] = v
            agb[i] = g
        }
    }

    /// Calls `body` with views of the buffers; the views must not escape `body`.
    func withUnsafeCells<R>(_ body: (Cells) throws -> R) rethrows -> R {
        try status.withUnsafeBufferPointer { status in
            try index.withUnsafeBufferPointer { index in
                try ndvi.withUnsafeBufferPointer { ndvi in
                    try agb.withUnsafeBufferPointer { agb in
                        try gradA.withUnsafeBufferPointer { gradA in
                            try gradB.withUnsafeBufferPointer { gradB in
                                try body(
                                    Cells(
                                        status: status, index: index, ndvi: ndvi, agb: agb, gradA: gradA, gradB: gradB))
                            }
                        }
                    }
                }
            }
        }
    }

    /// Calls `body` with writable views of the buffers; the views must not escape `body`.
    mutating func withUnsafeMutableCells<R>(_ body: (MutableCells) throws -> R) rethrows -> R {
        try status.withUnsafeMutableBufferPointer { status in
            try index.withUnsafeMutableBufferPointer { index in
                try ndvi.withUnsafeMutableBufferPointer { ndvi in
                    try agb.withUnsafeMutableBufferPointer { agb in
                        try gradA.withUnsafeMutableBufferPointer { gradA in
                            try gradB.withUnsafeMutableBufferPointer { gradB in
                                try body(
                                    MutableCells(
                                        status: status, index: index, ndvi: ndvi, agb: agb, gradA: gradA, gradB: gradB))
                            }
                        }
                    }
                }
            }
        }
    }
}

extension [Range<Int>] {
    /// True when every run lies within `0..<count` (the check a kernel makes before it indexes cells unchecked).
    func lie(within count: Int) -> Bool { allSatisfy { $0.lowerBound >= 0 && $0.upperBound <= count } }
}
