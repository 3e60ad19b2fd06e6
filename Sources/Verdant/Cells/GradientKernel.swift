/// The gradient loop: ∂AGB/∂a and ∂AGB/∂b of the model at each observed cell's index (0 elsewhere), for the
/// propagation of the model's uncertainty.
///
/// Safety contract: the loop reads the status and index buffers and writes the gradient buffers at the cells `i`
/// of `runs` without bounds checks; before the pointers are taken it checks, once per call, that every run lies
/// within `0..<count` and that the gradient buffers hold `count` cells. The pointers never leave this file.
extension TileBuffers {
    /// Fills the gradients of the cells of `runs`.
    mutating func fillGradients(runs: [Range<Int>], model: BiomassModel) {
        precondition(
            runs.lie(within: count) && gradA.count == count && gradB.count == count,
            "gradient kernel: buffers differ in size")
        withUnsafeMutableCells { cells in
            for run in runs {
                for i in run {
                    let g: (a: Double, b: Double) =
                        cells.status[i] == CellStatus.observed.rawValue ? model.gradient(cells.index[i]) : (0, 0)
                    cells.gradA[i] = g.a
                    cells.gradB[i] = g.b
                }
            }
        }
    }
}
