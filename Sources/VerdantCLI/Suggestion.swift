/// "Did you mean …?": the closest of some names to a misspelt one, by edit distance.
enum Suggestion {
    /// The name of `candidates` closest to `name` (insertions, deletions and substitutions counted), if it is
    /// within a third of the name's length (at least 2 edits) or `name` is a prefix of it; nil otherwise.
    static func closest(to name: String, in candidates: [String]) -> String? {
        let scored = candidates.map { (name: $0, distance: distance(name, $0)) }
        guard let best = scored.min(by: { $0.distance < $1.distance }) else { return nil }
        if best.distance <= max(2, name.count / 3) { return best.name }
        return candidates.first { $0.hasPrefix(name) && !name.isEmpty }
    }

    /// The Levenshtein distance of `a` and `b`.
    static func distance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        guard !a.isEmpty else { return b.count }
        guard !b.isEmpty else { return a.count }
        var previous = Array(0...b.count)
        var current = previous
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                current[j] = min(
                    previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            swap(&previous, &current)
        }
        return previous[b.count]
    }
}
