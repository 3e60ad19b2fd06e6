import Foundation

/// When an image was acquired: an ISO 8601 date (`2024-03-01`) or date-time (`2024-03-01T03:45:12Z`,
/// `2024-03-01T10:45:12+07:00`), kept as written and as an instant (UTC).
///
/// A date without a time is the start of that day in UTC. Dates order by their instant; two values written
/// differently for the same instant are equal.
public struct AcquisitionDate: Hashable, Sendable, Comparable, CustomStringConvertible {
    /// The text as written.
    public let text: String
    /// Seconds since 1970-01-01T00:00:00Z.
    public let seconds: Double
    /// True when the text holds a time of day.
    public let hasTime: Bool

    /// Parses `text`; nil when it is not an ISO 8601 date or date-time (`YYYY-MM-DD`, optionally `Thh:mm`,
    /// `:ss`, `.fff`, and `Z` or `±hh:mm`; a space may stand for the `T`), or when its instant falls outside the
    /// UTC years 0000–9999.
    public init?(_ text: String) {
        let t = text.trimmingCharacters(in: .whitespaces)
        let chars = Array(t.utf8)
        func number(_ range: Range<Int>) -> Int? {
            guard range.upperBound <= chars.count, !range.isEmpty else { return nil }
            var v = 0
            for c in chars[range] {
                guard c >= 48 && c <= 57 else { return nil }
                v = v * 10 + Int(c - 48)
            }
            return v
        }
        guard chars.count >= 10, chars[4] == 45, chars[7] == 45, let year = number(0..<4),
            let month = number(5..<7), let day = number(8..<10), (1...12).contains(month),
            day >= 1, day <= AcquisitionDate.daysIn(month: month, year: year)
        else { return nil }
        var seconds = Double(AcquisitionDate.daysFromEpoch(year: year, month: month, day: day)) * 86_400
        var i = 10
        var hasTime = false
        if i < chars.count {
            guard chars[i] == 84 || chars[i] == 116 || chars[i] == 32, let hour = number(i + 1..<i + 3),
                i + 3 < chars.count, chars[i + 3] == 58, let minute = number(i + 4..<i + 6), hour < 24, minute < 60
            else { return nil }
            hasTime = true
            seconds += Double(hour * 3600 + minute * 60)
            i += 6
            if i < chars.count && chars[i] == 58 {
                guard let s = number(i + 1..<i + 3), s < 61 else { return nil }
                seconds += Double(s)
                i += 3
                if i < chars.count && (chars[i] == 46 || chars[i] == 44) {
                    var j = i + 1, fraction = 0.0, scale = 0.1
                    while j < chars.count, chars[j] >= 48 && chars[j] <= 57 {
                        fraction += Double(chars[j] - 48) * scale
                        scale /= 10
                        j += 1
                    }
                    guard j > i + 1 else { return nil }
                    seconds += fraction
                    i = j
                }
            }
            if i < chars.count {
                if chars[i] == 90 || chars[i] == 122 {
                    i += 1
                } else if chars[i] == 43 || chars[i] == 45 {
                    let sign = chars[i] == 43 ? 1.0 : -1.0
                    guard let oh = number(i + 1..<i + 3), oh < 24 else { return nil }
                    var om = 0
                    if i + 3 < chars.count && chars[i + 3] == 58 {
                        guard let m = number(i + 4..<i + 6), m < 60 else { return nil }
                        om = m
                        i += 6
                    } else if let m = number(i + 3..<i + 5), m < 60 {
                        om = m
                        i += 5
                    } else {
                        i += 3
                    }
                    seconds -= sign * Double(oh * 3600 + om * 60)
                }
            }
            guard i == chars.count else { return nil }
        }
        // The instant's UTC day must itself be writable as `YYYY-MM-DD` (an offset or a leap second can carry
        // 0000-01-01 or 9999-12-31 outside the years 0000–9999).
        guard seconds >= AcquisitionDate.firstSecond, seconds < AcquisitionDate.endSecond else { return nil }
        self.text = t
        self.seconds = seconds
        self.hasTime = hasTime
    }

    /// The first instant of 0000-01-01 (UTC).
    static let firstSecond = Double(daysFromEpoch(year: 0, month: 1, day: 1)) * 86_400
    /// The first instant after 9999-12-31 (UTC).
    static let endSecond = Double(daysFromEpoch(year: 10_000, month: 1, day: 1)) * 86_400

    /// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's days-from-civil).
    static func daysFromEpoch(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    /// Time in years of 365.25 days since 1970-01-01T00:00:00Z: the time axis of trends and seasonal models (a
    /// period of 1 is one mean Julian year).
    public var years: Double { seconds / (86_400 * 365.25) }

    /// The UTC calendar day, `YYYY-MM-DD`.
    public var day: String {
        var days = Int((seconds / 86_400).rounded(.down))
        // Civil from days (H. Hinnant).
        days += 719_468
        let era = (days >= 0 ? days : days - 146_096) / 146_097
        let doe = days - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        let y = yoe + era * 400 + (m <= 2 ? 1 : 0)
        func pad(_ v: Int, _ n: Int) -> String {
            let s = String(v)
            return String(repeating: "0", count: max(0, n - s.count)) + s
        }
        return "\(pad(y, 4))-\(pad(m, 2))-\(pad(d, 2))"
    }

    /// The text as written.
    public var description: String { text }

    /// Same instant.
    public static func == (a: AcquisitionDate, b: AcquisitionDate) -> Bool { a.seconds == b.seconds }

    /// Hashes the instant.
    public func hash(into h: inout Hasher) { h.combine(seconds) }

    /// Earlier first.
    public static func < (a: AcquisitionDate, b: AcquisitionDate) -> Bool { a.seconds < b.seconds }
}
