import GDALKit

/// One worker's view of a `FeatureStack` on a tile: a reader and the cells of each date, and each cell's feature
/// row.
final class FeatureTile {
    let stack: FeatureStack
    let readers: [TileReader]
    let cells: [TileCells]
    /// A cell's base values, date after date (NaN on dates where it is not observed).
    private var values: [Double]
    private var scratch: [Double] = []

    init(_ stack: FeatureStack) throws {
        self.stack = stack
        readers = try stack.dates.map { try TileReader(inputs: $0) }
        cells = stack.dates.map { _ in TileCells() }
        values = [Double](repeating: .nan, count: stack.dates.count * stack.bases.count)
    }

    /// Reads `window` on every date and judges its cells.
    func read(_ window: Window) throws {
        for d in readers.indices {
            try readers[d].read(window)
            try cells[d].compute(readers[d], count: window.cellCount, rules: stack.rules)
        }
    }

    /// Appends cell `i`'s features to `out`; false (and `out` as it was) when the cell is observed on fewer than
    /// the required dates or a feature is not finite (see `FeatureStack`).
    func append(cell i: Int, into out: inout [Float]) -> Bool {
        let bases = stack.bases.count
        var observed = 0
        for d in readers.indices {
            let seen = cells[d].status[i] == CellStatus.observed.rawValue
            if seen { observed += 1 }
            for b in 0..<bases {
                values[d * bases + b] =
                    seen ? stack.extractors[d].value(b, cell: i, reader: readers[d]) : .nan
            }
        }
        guard observed >= stack.requiredDates else { return false }
        let start = out.count
        for column in stack.columns {
            let v: Double
            switch column {
            case .date(let b, let d): v = values[d * bases + b]
            case .statistic(let b, let method):
                scratch.removeAll(keepingCapacity: true)
                for d in readers.indices { scratch.append(values[d * bases + b]) }
                v = CompositeReducer.reduce(&scratch, method: method)
            }
            let f = Float(v)
            guard f.isFinite else {
                out.removeSubrange(start...)
                return false
            }
            out.append(f)
        }
        return true
    }
}
