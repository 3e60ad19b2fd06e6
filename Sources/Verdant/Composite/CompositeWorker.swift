import GDALKit

/// One worker of a composite: a reader per date, the cells of each date, the stack of one tile (dates × bands ×
/// cells, Float64) and the reduced output cells.
final class CompositeWorker {
    let readers: [TileReader]
    let cells: [TileCells]
    let roles: [BandRole]
    let rules: CellRules
    /// Per date, band and cell of the tile: the value where the date observes the cell, NaN elsewhere; the index
    /// is the last band.
    private var stack: [Double] = []
    private var scratch: [Double] = []
    private var indexScratch: [Double] = []

    init(dates: [ResolvedInputs], roles: [BandRole], rules: CellRules) throws {
        readers = try dates.map { try TileReader(inputs: $0) }
        cells = dates.map { _ in TileCells() }
        self.roles = roles
        self.rules = rules
    }

    /// Reduces one tile and writes it; returns the number of its cells observed on at least one date.
    func process(
        _ window: Window, method: CompositeMethod, writeIndex: Bool, writer: COGWriter, counter: COGWriter?
    ) throws -> Int {
        let n = window.cellCount, dates = readers.count, bands = roles.count + 1
        if stack.count != dates * bands * n { stack = [Double](repeating: .nan, count: dates * bands * n) }
        for d in 0..<dates {
            let reader = readers[d]
            try reader.read(window)
            try cells[d].compute(reader, count: n, rules: rules)
            let status = cells[d].status, index = cells[d].index
            for (b, role) in roles.enumerated() {
                let slot = reader.slot(of: role)!
                let base = (d * bands + b) * n
                for i in 0..<n {
                    stack[base + i] =
                        status[i] == CellStatus.observed.rawValue ? reader.value(slot: slot, cell: i) : .nan
                }
            }
            let base = (d * bands + roles.count) * n
            for i in 0..<n { stack[base + i] = status[i] == CellStatus.observed.rawValue ? index[i] : .nan }
        }
        var outputs = [[Float]](repeating: [Float](repeating: .nan, count: n), count: bands)
        var counts = [UInt16](repeating: 0, count: counter == nil ? 0 : n)
        var observedCells = 0
        scratch.reserveCapacity(dates)
        if indexScratch.count != dates { indexScratch = [Double](repeating: .nan, count: dates) }
        for i in 0..<n {
            var observed = 0
            for d in 0..<dates where cells[d].status[i] == CellStatus.observed.rawValue { observed += 1 }
            if !counts.isEmpty { counts[i] = UInt16(min(observed, 65_534)) }
            guard observed > 0 else { continue }
            observedCells += 1
            if case .maxIndex = method {
                for d in 0..<dates { indexScratch[d] = stack[(d * bands + roles.count) * n + i] }
                guard let d = CompositeReducer.greatest(indexScratch) else { continue }
                for b in 0..<bands { outputs[b][i] = Float(stack[(d * bands + b) * n + i]) }
            } else {
                for b in 0..<bands {
                    // (The reducer may drop and reorder the values it is given.)
                    scratch.removeAll(keepingCapacity: true)
                    for d in 0..<dates { scratch.append(stack[(d * bands + b) * n + i]) }
                    outputs[b][i] = Float(CompositeReducer.reduce(&scratch, method: method))
                }
            }
        }
        for b in 0..<roles.count { try writer.write(window: window, band: b + 1, values: outputs[b]) }
        if writeIndex { try writer.write(window: window, band: bands, values: outputs[roles.count]) }
        if let counter { try counter.write(window: window, values: counts) }
        return observedCells
    }
}
