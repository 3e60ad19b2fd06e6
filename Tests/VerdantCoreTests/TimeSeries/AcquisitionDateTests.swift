import Testing
import VerdantCore

/// ISO 8601 dates and date-times, their instants, days and years.
@Suite struct AcquisitionDateTests {
    @Test func parsesDatesAndDateTimes() throws {
        let d = try #require(AcquisitionDate("2024-03-01"))
        let midnight: Double = 1_709_251_200
        #expect(d.seconds == midnight)
        #expect(!d.hasTime && d.day == "2024-03-01")
        let z = try #require(AcquisitionDate("2024-03-01T03:45:12Z"))
        let time: Double = 3 * 3600 + 45 * 60
        #expect(z.seconds == midnight + time + 12)
        let offset = try #require(AcquisitionDate("2024-03-01T10:45:12+07:00"))
        #expect(offset == z && offset.text != z.text)
        #expect(AcquisitionDate("2024-03-01T03:45:12.250Z")!.seconds == z.seconds + 0.25)
        #expect(AcquisitionDate("2024-03-01 03:45")!.seconds == midnight + time)
        #expect(AcquisitionDate("1969-12-31")!.seconds == -86_400)
        #expect(AcquisitionDate("2000-02-29")!.day == "2000-02-29")
        #expect(AcquisitionDate("1970-01-01")!.years == 0)
        #expect(abs(AcquisitionDate("1971-01-01T06:00:00Z")!.years - 1) < 1e-15)
    }

    @Test func refusesWhatIsNotADate() {
        for text in [
            "", "2024", "2024-3-01", "2024-13-01", "2023-02-29", "2024-04-31", "2024-01-01T25:00", "2024-01-01T10",
            "2024-01-01X", "01/02/2024", "2024-01-01T10:00:00Q"
        ] {
            #expect(AcquisitionDate(text) == nil, "\(text)")
        }
    }

    /// Found by fuzz-dates: a leap second or an offset can move the instant out of the four-digit years, whose
    /// UTC day could not be written back as `YYYY-MM-DD`.
    @Test func refusesInstantsOutsideFourDigitYears() {
        #expect(AcquisitionDate("9999-12-31T23:59:60.999999Z") == nil)
        #expect(AcquisitionDate("0000-01-01T00:00:00+01:00") == nil)
        #expect(AcquisitionDate("9999-12-31T23:59:59Z")?.day == "9999-12-31")
        #expect(AcquisitionDate("0000-03-01T00:00:00-23:59")?.day == "0000-03-01")
        #expect(AcquisitionDate("0000-01-01")?.day == "0000-01-01")
    }

    @Test func ordersByInstant() {
        let a = AcquisitionDate("2024-01-01")!, b = AcquisitionDate("2024-01-01T00:00:01Z")!
        #expect(a < b && !(b < a))
    }
}
