/// Where a classifier's features come from: one raster, or the dates of a series on one grid; the bands and
/// indices each date gives, how each feature column is made of them, and how many dates a cell must be observed on.
///
/// A cell takes part (is trained on, or classified) when it is observed (masks, nodata) on at least
/// `requiredDates` dates and every feature is finite. A statistic (`ndvi:median`) is taken over the dates on
/// which the cell is observed; a feature on one date (`ndvi@2`) is never imputed: on a date where the cell is not
/// observed it is missing, so the cell is left unobserved (class 0). With per-date features, `--min-observed`
/// below 1 thus only admits cells observed on every date those features read.
struct FeatureStack {
    /// How one feature column is made of the dates' bands and indices.
    enum Column {
        /// Base feature `base` on date `date` (from 0).
        case date(base: Int, date: Int)
        /// A statistic of base feature `base` over the observed dates.
        case statistic(base: Int, CompositeMethod)
    }

    /// The features, in the forest's order.
    let features: [Feature]
    /// The bands and indices the features are made of, in order of first use.
    let bases: [Feature]
    /// Each date's inputs, on one grid.
    let dates: [ResolvedInputs]
    /// How cells are judged observed.
    let rules: CellRules
    /// Each date's extractor of `bases`.
    let extractors: [FeatureExtractor]
    /// Each feature's column.
    let columns: [Column]
    /// The dates on which a cell must be observed.
    let requiredDates: Int

    /// The stack of `features` on `dates` (one: a single raster, whose features are plain); a cell must be observed
    /// on the share `minObserved` (0 < share ≤ 1) of the dates, at least one.
    init(features: [Feature], dates: [ResolvedInputs], rules: CellRules, minObserved: Double) throws {
        var bases: [Feature] = []
        for f in features where !bases.contains(f.base) { bases.append(f.base) }
        self.features = features
        self.bases = bases
        self.dates = dates
        self.rules = rules
        extractors = try dates.map { try FeatureExtractor(features: bases, inputs: $0) }
        columns = features.map { f in
            let b = bases.firstIndex(of: f.base)!
            switch f {
            case .onDate(_, let k): return .date(base: b, date: k - 1)
            case .statistic(_, let m): return .statistic(base: b, m)
            case .band, .index: return .date(base: b, date: 0)
            }
        }
        requiredDates = max(1, Int((minObserved * Double(dates.count) - 1e-9).rounded(.up)))
    }

    /// The analysis grid.
    var grid: RasterGrid { dates[0].grid }
}
