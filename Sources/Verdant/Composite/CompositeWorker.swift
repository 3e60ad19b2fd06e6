import GDALKit

/// One worker of a composite: a reader per date, each date's cell status and index, and the reduced output cells
/// of one tile. Each cell is reduced straight from the dates' readers (no dates × bands × cells copy of the tile).
/// The dates share one `TileCells` (its NDVI and biomass buffers are not needed past each date): only the status
/// and index of each date are kept, which saves two tile buffers per date.
final class CompositeWorker {
    let readers: [TileReader]
    /// The cells of the date being read.
    private let scratch = TileCells()
    /// Per date, the status and index of the tile's cells.
    private var statuses: [[UInt8]]
    private var indexes: [[Double]]
    let roles: [BandRole]
    let rules: CellRules
    /// Per date, the slot of each role in its reader's values (dates may list their bands in another order).
    private let slots: [[Int]]
    /// The output cells of the last tile, band after band (the roles, then the index); NaN where unobserved.
    private var outputs: [Float] = []
    private var counts: [UInt16] = []

    init(dates: [ResolvedInputs], roles: [BandRole], rules: CellRules) throws {
        readers = try dates.map { try TileReader(inputs: $0) }
        statuses = dates.map { _ in [] }
        indexes = dates.map { _ in [] }
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
            try scratch.compute(readers[d], count: n, rules: rules)
            Self.copy(scratch.status, into: &statuses[d])
            Self.copy(scratch.index, into: &indexes[d])
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
                Self.withBaseAddresses(statuses) { status in
                    Self.withBaseAddresses(indexes) { index in
                        Self.reduce(
                            cells: n, method: method, values: values, offsets: offsets, roles: roles.count,
                            status: status, index: index, outputs: &outputs, counts: counting)
                    }
                }
            }
        }
        try outputs.withUnsafeBufferPointer { all in
            for b in 0..<bands where b < roles.count || writeIndex {
                try writer.write(
                    window: window, band: b + 1, cells: UnsafeBufferPointer(rebasing: all[(b * n)..<((b + 1) * n)]))
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
        switch method {
        case .median, .percentile:
            return sortedStatistics(
                cells: n, method: method, values: values, offsets: offsets, roles: roles, status: status,
                index: index, outputs: &outputs, counts: counts)
        default: break
        }
        let dates = values.count, bands = roles + 1
        let observedStatus = CellStatus.observed.rawValue
        let isMaxIndex = method == .maxIndex
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
                            scratch.removeAll(keepingCapacity: true)
                            for k in 0..<count { scratch.append(buffer[k]) }
                            out[b * n + i] = Float(CompositeReducer.reduce(&scratch, method: method))
                        }
                    }
                }
            }
        }
        return observedCells
    }

    /// Cells at a time in `sortedStatistics`.
    private typealias Lanes = SIMD4<Double>

    /// `reduce` for the methods taken from sorted values (median, percentiles), a block of cells at a time: each
    /// date's values of the block copied side by side (+∞ where unobserved or not finite; one date after the
    /// other, so that every read streams through one array), then `Lanes.scalarCount` cells at a time the dates
    /// sorted lane by lane by a sorting network and the statistic read per lane from its finite values, as
    /// `CompositeReducer` takes it.
    private static func sortedStatistics(
        cells n: Int, method: CompositeMethod, values: [UnsafePointer<Double>], offsets: [Int], roles: Int,
        status: [UnsafePointer<UInt8>], index: [UnsafePointer<Double>], outputs: inout [Float],
        counts: UnsafeMutablePointer<UInt16>?
    ) -> Int {
        let dates = values.count, bands = roles + 1, width = Lanes.scalarCount, block = 2048
        let observedStatus = CellStatus.observed.rawValue
        let network = SortingNetwork(count: dates)
        let infinity = Lanes(repeating: .infinity)
        var stack = [Lanes](repeating: .zero, count: dates)
        var side = [Double](repeating: .infinity, count: dates * block)
        var observed = [Int](repeating: 0, count: block)
        var observedCells = 0
        outputs.withUnsafeMutableBufferPointer { out in
            stack.withUnsafeMutableBufferPointer { lanes in
                side.withUnsafeMutableBufferPointer { sideBySide in
                    let v = lanes.baseAddress!, blockValues = sideBySide.baseAddress!
                    var start = 0
                    while start < n {
                        let cells = min(block, n - start)
                        for j in 0..<cells { observed[j] = 0 }
                        for d in 0..<dates {
                            let s = status[d] + start
                            for j in 0..<cells where s[j] == observedStatus { observed[j] += 1 }
                        }
                        for j in 0..<cells {
                            counts?[start + j] = UInt16(min(observed[j], 65_534))
                            if observed[j] > 0 { observedCells += 1 }
                        }
                        for b in 0..<bands {
                            for d in 0..<dates {
                                let row = (b < roles ? values[d] + offsets[d * roles + b] : index[d]) + start
                                let s = status[d] + start
                                let target = blockValues + d * block
                                for j in 0..<cells {
                                    let x = row[j]
                                    target[j] = s[j] == observedStatus && x.isFinite ? x : .infinity
                                }
                                for j in cells..<block { target[j] = .infinity }
                            }
                            var c = 0
                            while c < cells {
                                var finite = SIMD4<Int64>.zero
                                for d in 0..<dates {
                                    let x = UnsafeRawPointer(blockValues + d * block + c).loadUnaligned(as: Lanes.self)
                                    finite.replace(with: finite &+ 1, where: x .< infinity)
                                    v[d] = x
                                }
                                network.sort(v)
                                for k in 0..<min(width, cells - c) {
                                    out[b * n + start + c + k] = Float(
                                        CompositeReducer.ofSorted(method, count: Int(finite[k])) { v[$0][k] })
                                }
                                c += width
                            }
                        }
                        start += cells
                    }
                }
            }
        }
        return observedCells
    }

    /// Copies `source` into `target`, in place when it holds as many values.
    private static func copy<T>(_ source: [T], into target: inout [T]) {
        if target.count != source.count {
            target = source.withUnsafeBufferPointer { Array($0) }
        } else {
            target.withUnsafeMutableBufferPointer { _ = $0.update(fromContentsOf: source) }
        }
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
