/// An axis-aligned rectangle `[minX, maxX] × [minY, maxY]` in a grid's coordinate reference system.
public struct BoundingBox: Hashable, Sendable {
    /// The western edge.
    public var minX: Double
    /// The southern edge.
    public var minY: Double
    /// The eastern edge.
    public var maxX: Double
    /// The northern edge.
    public var maxY: Double

    /// Creates a box from its edges; a box with `minX > maxX` or `minY > maxY` is empty.
    public init(minX: Double, minY: Double, maxX: Double, maxY: Double) {
        self.minX = minX
        self.minY = minY
        self.maxX = maxX
        self.maxY = maxY
    }

    /// The east–west extent, `maxX − minX`.
    public var width: Double { maxX - minX }

    /// The north–south extent, `maxY − minY`.
    public var height: Double { maxY - minY }

    /// True when the two closed boxes share at least one point.
    public func intersects(_ other: BoundingBox) -> Bool {
        minX <= other.maxX && other.minX <= maxX && minY <= other.maxY && other.minY <= maxY
    }

    /// The smallest box holding both boxes.
    public func union(_ other: BoundingBox) -> BoundingBox {
        BoundingBox(
            minX: Swift.min(minX, other.minX), minY: Swift.min(minY, other.minY),
            maxX: Swift.max(maxX, other.maxX), maxY: Swift.max(maxY, other.maxY))
    }

    /// The smallest box holding `coordinates`, or nil when there are none.
    public init?(enclosing coordinates: some Sequence<Coordinate>) {
        var iterator = coordinates.makeIterator()
        guard let first = iterator.next() else { return nil }
        var box = BoundingBox(minX: first.x, minY: first.y, maxX: first.x, maxY: first.y)
        while let point = iterator.next() {
            box.minX = Swift.min(box.minX, point.x)
            box.minY = Swift.min(box.minY, point.y)
            box.maxX = Swift.max(box.maxX, point.x)
            box.maxY = Swift.max(box.maxY, point.y)
        }
        self = box
    }
}
