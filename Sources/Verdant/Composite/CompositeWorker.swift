import GDALKit

/// One worker of a composite: a reader per date, the cells of each date, and the reduced output cells of one
/// tile. Each cell is reduced straight from the dates' readers (no dates × bands × cells copy of the tile).
final class CompositeWorker {
    let readers: [TileReader]
    let cells: [TileCells]
    let roles: [BandRole]
    let rules: CellRules
    /// Per date, the slot of each role in its reader's values (dates may list their bands in another order).
    private let slots: [[Int]]
    /// The output cells of the last tile, band after band (the roles, then the index); NaN where unobserved.
    private var outputs: [Float] = []
    private var counts: [UInt16] = []

    init(dates: [ResolvedInputs], roles: [BandRole], rules: CellRules) throws {
        readers = try dates.map { try TileReader(inputs: $0) }
        cells = dates.map { _ in TileCells() }
        slots = readers.map { reader in roles.map { reader.slot(of: $0)! } }
        self.roles = roles
        self.rules = rules
    }

    /// Reduces one tile and writes it; returns the number of its cells observed on at least one date.
    func process(
        _ window: Window, method: CompositeMethod, writeIndex: Bool, writer: COGWriter, counter: COGWriter?
    ) throws -> Int {
        let n = window.cellCount, dates = readers.count, bands = roles.count + 1
        for d in 0..<dates {
            try readers[d].read(window)
            try cells[d].compute(readers[d], count: n, rules: rules)
        }
        // The buffers are used as locals (taken from the worker and put back): no exclusivity checks, no
        // uniqueness checks and no reader calls in the per-cell loop.
        var outputs = self.outputs, counts = self.counts
        self.outputs = []
        self.counts = []
        defer {
            self.outputs = outputs
            self.counts = counts
        }
        if outputs.count != bands * n {
            outputs = [Float](repeating: .nan, count: bands * n)
        } else {
            outputs.withUnsafeMutableBufferPointer { $0.update(repeating: .nan) }
        }
        if counter != nil && counts.count != n { counts = [UInt16](repeating: 0, count: n) }
        // Per date and role, where the role's values start in the date's reader.
        let offsets = (0..<dates).flatMap { d in slots[d].map { $0 * n } }
        let observedCells = counts.withUnsafeMutableBufferPointer { c in
            let counting = counter == nil ? nil : c.baseAddress
            return Self.withBaseAddresses(readers.map(\.values)) { values in
                Self.withBaseAddresses(cells.map(\.status)) { status in
                    Self.withBaseAddresses(cells.map(\.index)) { index in
                        Self.reduce(
                            cells: n, method: method, values: values, offsets: offsets, roles: roles.count,
                            status: status, index: index, outputs: &outputs, counts: counting)
                    }
                }
            }
        }
        try outputs.withUnsafeBufferPointer { all in
            for b in 0..<bands where b < roles.count || writeIndex {
                try writer.write(window: window, band: b + 1, values: Array(all[(b * n)..<((b + 1) * n)]))
            }
        }
        if let counter { try counter.write(window: window, values: counts) }
        return observedCells
    }

    /// Reduces every cell of a tile over the dates: `values[d]` holds date d's reflectance, role r from
    /// `offsets[d * roles + r]`, `status[d]` and `index[d]` its cells' status and index; writes band after band
    /// into `outputs` (NaN left where no date observes the cell) and the observed dates into `counts`. Returns
    /// the cells observed on at least one date.
    private static func reduce(
        cells n: Int, method: CompositeMethod, values: [UnsafePointer<Double>], offsets: [Int], roles: Int,
        status: [UnsafePointer<UInt8>], index: [UnsafePointer<Double>], outputs: inout [Float],
        counts: UnsafeMutablePointer<UInt16>?
    ) -> Int {
        let dates = values.count, bands = roles + 1
        let observedStatus = CellStatus.observed.rawValue
        let isMedian: Bool, isMaxIndex: Bool
        switch method {
        case .median: (isMedian, isMaxIndex) = (true, false)
        case .maxIndex: (isMedian, isMaxIndex) = (false, true)
        default: (isMedian, isMaxIndex) = (false, false)
        }
        var observedDates = [Int](repeating: 0, count: dates)
        var sorted = [Double](repeating: 0, count: dates)
        var scratch: [Double] = []
        scratch.reserveCapacity(dates)
        var observedCells = 0
        outputs.withUnsafeMutableBufferPointer { out in
            observedDates.withUnsafeMutableBufferPointer { seen in
                sorted.withUnsafeMutableBufferPointer { buffer in
                    for i in 0..<n {
                        var observed = 0
                        for d in 0..<dates where status[d][i] == observedStatus {
                            seen[observed] = d
                            observed += 1
                        }
                        counts?[i] = UInt16(min(observed, 65_534))
                        guard observed > 0 else { continue }
                        observedCells += 1
                        if isMaxIndex {
                            // The greenest observed date (the earliest among equals), as CompositeReducer.greatest
                            // picks it.
                            var best = -1
                            for k in 0..<observed {
                                let d = seen[k], x = index[d][i]
                                guard x.isFinite else { continue }
                                if best >= 0 && x <= index[best][i] { continue }
                                best = d
                            }
                            guard best >= 0 else { continue }
                            for r in 0..<roles { out[r * n + i] = Float(values[best][offsets[best * roles + r] + i]) }
                            out[roles * n + i] = Float(index[best][i])
                            continue
                        }
                        for b in 0..<bands {
                            // The finite values of the observed dates, in date order: what the reducer keeps of
                            // the stack.
                            var count = 0
                            for k in 0..<observed {
                                let d = seen[k]
                                let x = b < roles ? values[d][offsets[d * roles + b] + i] : index[d][i]
                                if x.isFinite {
                                    buffer[count] = x
                                    count += 1
                                }
                            }
                            if isMedian {
                                out[b * n + i] = Float(median(buffer.baseAddress!, count: count))
                            } else {
                                scratch.removeAll(keepingCapacity: true)
                                for k in 0..<count { scratch.append(buffer[k]) }
                                out[b * n + i] = Float(CompositeReducer.reduce(&scratch, method: method))
                            }
                        }
                    }
                }
            }
        }
        return observedCells
    }

    /// The median of `count` finite values, as `CompositeReducer.reduce` takes it (the middle value, or the mean
    /// of the middle two), sorting them in place by insertion: a date count is small. NaN when `count` is 0.
    static func median(_ v: UnsafeMutablePointer<Double>, count: Int) -> Double {
        guard count > 0 else { return .nan }
        var j = 1
        while j < count {
            let x = v[j]
            var k = j
            while k > 0 && v[k - 1] > x {
                v[k] = v[k - 1]
                k -= 1
            }
            v[k] = x
            j += 1
        }
        let middle = count / 2
        return count % 2 == 1 ? v[middle] : (v[middle - 1] + v[middle]) / 2
    }

    /// Calls `body` with the base address of each of `arrays` (none empty), valid during the call only.
    private static func withBaseAddresses<T, R>(_ arrays: [[T]], _ body: ([UnsafePointer<T>]) -> R) -> R {
        var pointers: [UnsafePointer<T>] = []
        pointers.reserveCapacity(arrays.count)
        func step(_ k: Int) -> R {
            if k == arrays.count { return body(pointers) }
            return arrays[k].withUnsafeBufferPointer { p in
                pointers.append(p.baseAddress!)
                return step(k + 1)
            }
        }
        return step(0)
    }
}
