/// Which quality classes and bits exclude a cell, and how each exclusion is counted (cloud, no data, masked).
public struct MaskRules: Hashable, Sendable {
    /// Sentinel-2 SCL classes that exclude a cell.
    public var sclExclude: Set<Int>
    /// Landsat QA_PIXEL bits that exclude a cell when set.
    public var qaExcludeBits: Set<Int>
    /// Reflectance outside this range makes a cell no data (nil: no check).
    public var validRange: ClosedRange<Double>?

    /// SCL classes counted as cloud: 3 cloud shadow, 8 cloud medium probability, 9 cloud high probability, 10 thin cirrus.
    public static let sclCloudClasses: Set<Int> = [3, 8, 9, 10]
    /// SCL classes counted as no data: 0 no data, 1 saturated or defective.
    public static let sclNoDataClasses: Set<Int> = [0, 1]
    /// Default SCL exclusions: 0, 1, 3, 8, 9, 10 (ESA Sentinel-2 L2A product specification, SCL legend).
    public static let defaultSCLExclude: Set<Int> = [0, 1, 3, 8, 9, 10]
    /// QA_PIXEL bits counted as cloud: 1 dilated cloud, 2 cirrus, 3 cloud, 4 cloud shadow.
    public static let qaCloudBits: Set<Int> = [1, 2, 3, 4]
    /// Default QA_PIXEL exclusions: bit 0 fill, 1 dilated cloud, 2 cirrus, 3 cloud, 4 cloud shadow
    /// (USGS Landsat 8-9 Collection 2 Level-2 Science Product Guide, QA_PIXEL).
    public static let defaultQAExcludeBits: Set<Int> = [0, 1, 2, 3, 4]

    /// Rules; the defaults exclude no data, clouds, shadows and cirrus.
    public init(
        sclExclude: Set<Int> = MaskRules.defaultSCLExclude, qaExcludeBits: Set<Int> = MaskRules.defaultQAExcludeBits,
        validRange: ClosedRange<Double>? = nil
    ) {
        self.sclExclude = sclExclude
        self.qaExcludeBits = qaExcludeBits
        self.validRange = validRange
    }

    /// The status an SCL class gives a cell (observed when not excluded).
    @inlinable
    public func status(scl value: Double) -> CellStatus {
        if value.isNaN { return .noData }
        let c = Int(value)
        guard sclExclude.contains(c) else { return .observed }
        if MaskRules.sclCloudClasses.contains(c) { return .cloud }
        if MaskRules.sclNoDataClasses.contains(c) { return .noData }
        return .masked
    }

    /// The excluded QA_PIXEL bits as masks: the one rule for QA flags, used per cell by the tile kernels too.
    public struct QAMasks: Hashable, Sendable {
        /// True when bit 0 (fill) makes a cell no data.
        public let fill: Bool
        /// The excluded bits counted as cloud.
        public let cloud: Int
        /// The other excluded bits (counted as masked).
        public let masked: Int

        /// The masks of `bits`.
        public init(_ bits: Set<Int>) {
            let valid = bits.filter { (0..<63).contains($0) }
            fill = valid.contains(0)
            cloud = valid.filter { $0 != 0 && MaskRules.qaCloudBits.contains($0) }.reduce(0) { $0 | (1 << $1) }
            masked = valid.filter { $0 != 0 && !MaskRules.qaCloudBits.contains($0) }.reduce(0) { $0 | (1 << $1) }
        }

        /// The status QA flags `value` give a cell: no data (NaN, fill, or not an integer flag word), cloud, masked
        /// or observed.
        @inlinable
        public func status(_ value: Double) -> CellStatus {
            guard value >= 0 && value < 9.0e15 else { return .noData }
            let flags = Int(value)
            if fill && flags & 1 != 0 { return .noData }
            if flags & cloud != 0 { return .cloud }
            if flags & masked != 0 { return .masked }
            return .observed
        }
    }

    /// The QA masks of `qaExcludeBits`.
    public var qaMasks: QAMasks { QAMasks(qaExcludeBits) }

    /// The status QA_PIXEL flags give a cell (observed when no excluded bit is set).
    @inlinable
    public func status(qa value: Double) -> CellStatus { qaMasks.status(value) }

    /// Parses a comma-separated list of integers (`0,1,3,8`).
    public static func integers(_ text: String, option: String) throws -> Set<Int> {
        var out: Set<Int> = []
        for part in text.split(separator: ",") {
            guard let v = Int(part.trimmingCharacters(in: .whitespaces)) else {
                throw VerdantError.usage("\(option) '\(text)': expected comma-separated integers, e.g. 0,1,3,8,9,10")
            }
            out.insert(v)
        }
        return out
    }

    /// Parses `MIN,MAX`.
    public static func range(_ text: String) throws -> ClosedRange<Double> {
        let parts = text.split(separator: ",").map { Double($0.trimmingCharacters(in: .whitespaces)) }
        guard parts.count == 2, let lo = parts[0], let hi = parts[1], lo.isFinite, hi.isFinite, lo <= hi else {
            throw VerdantError.invalidParameter(
                .validRange, problem: "'\(text)': expected MIN,MAX with MIN ≤ MAX, e.g. 0,1")
        }
        return lo...hi
    }
}

import Foundation
