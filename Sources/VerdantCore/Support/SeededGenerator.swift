/// A small deterministic pseudo-random generator: SplitMix64 (Steele, Lea & Flood 2014, "Fast splittable
/// pseudorandom number generators"), a Weyl sequence with step 0x9E3779B97F4A7C15 whose states pass through a
/// 64-bit finaliser (the variant of MurmurHash3's mixer with constants 0xBF58476D1CE4E5B9 and 0x94D049BB133111EB).
///
/// The same seed gives the same numbers on every platform and Swift version: the bounded integers, unit doubles and
/// shuffles below are Verdant's own (they do not depend on the standard library's `random(in:using:)`, whose
/// algorithm may change). Independent streams (one per tree of a forest, one per fold) come from `init(seed:stream:)`.
public struct SeededGenerator: RandomNumberGenerator, Hashable, Sendable {
    /// The Weyl sequence's current state (the next output is `mix(state + 0x9E3779B97F4A7C15)`).
    public private(set) var state: UInt64

    /// The generator whose state starts at `seed`.
    public init(seed: UInt64) { state = seed }

    /// The generator of stream `stream` under `seed`: its state starts at `mix(seed + mix(stream + γ))` (γ the
    /// Weyl step), so streams 0, 1, 2 … of one seed start far apart and each depends on both numbers.
    public init(seed: UInt64, stream: UInt64) {
        state = Self.mix(seed &+ Self.mix(stream &+ Self.gamma))
    }

    /// The Weyl step, ⌊2⁶⁴/φ⌋ rounded to odd.
    static let gamma: UInt64 = 0x9E37_79B9_7F4A_7C15

    /// SplitMix64's finaliser: a bijection of 64-bit words that spreads every input bit over the output.
    static func mix(_ value: UInt64) -> UInt64 {
        var z = value
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// The next 64 random bits.
    public mutating func next() -> UInt64 {
        state &+= Self.gamma
        return Self.mix(state)
    }

    /// A uniform integer in `0..<bound` (`bound` ≥ 1), without modulo bias (Lemire 2019, "Fast random integer
    /// generation in an interval": the high word of a 64 × 64-bit product, rejecting the few biased low words).
    public mutating func index(below bound: Int) -> Int {
        precondition(bound > 0, "index(below:) needs a positive bound")
        let b = UInt64(bound)
        var product = next().multipliedFullWidth(by: b)
        if product.low < b {
            let threshold = (0 &- b) % b
            while product.low < threshold { product = next().multipliedFullWidth(by: b) }
        }
        return Int(product.high)
    }

    /// A uniform double in [0, 1): the top 53 bits of the next word, scaled by 2⁻⁵³.
    public mutating func unitDouble() -> Double { Double(next() >> 11) * 0x1p-53 }

    /// Shuffles `elements` in place (Fisher–Yates, from the last position down, each swap partner drawn with
    /// `index(below:)`): the same permutation for the same generator state.
    public mutating func shuffle<Element>(_ elements: inout [Element]) {
        guard elements.count > 1 else { return }
        for i in stride(from: elements.count - 1, to: 0, by: -1) {
            let j = index(below: i + 1)
            if i != j { elements.swapAt(i, j) }
        }
    }
}
