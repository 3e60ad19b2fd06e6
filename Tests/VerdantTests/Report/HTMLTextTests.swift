import Testing
import Verdant

/// Numbers for reading: thousands separators, precision by size, no "-0".
struct HTMLTextTests {
    @Test func numbersHaveThousandsSeparators() {
        #expect(HTMLText.number(1_234_567.891, digits: 2) == "1,234,567.89")
        #expect(HTMLText.number(-1234.5, digits: 1) == "-1,234.5")
        #expect(HTMLText.number(999, digits: 0) == "999")
        #expect(HTMLText.number(1000, digits: 0) == "1,000")
        #expect(HTMLText.number(-0.001, digits: 2) == "0.00", "a rounded negative zero reads as zero")
        #expect(HTMLText.number(nil, digits: 2) == "" && HTMLText.number(.nan, digits: 2) == "")
    }

    @Test func magnitudeChoosesThePrecision() {
        #expect(HTMLText.magnitude(113_310.068) == "113,310")
        #expect(HTMLText.magnitude(691.24) == "691.2")
        #expect(HTMLText.magnitude(12.345) == "12.35")
        #expect(HTMLText.magnitude(0.1234) == "0.123")
        #expect(HTMLText.magnitude(0.001234) == "0.0012")
        #expect(HTMLText.magnitude(0) == "0")
    }

    @Test func percentAndEscape() {
        #expect(HTMLText.percent(0.1234) == "12.3")
        #expect(HTMLText.escape("a<b & \"c\">") == "a&lt;b &amp; &quot;c&quot;&gt;")
    }

    @Test func columnLabelsCarryUnits() {
        #expect(ColumnLabel.of("co2e_t").unit == "tCO2e" && ColumnLabel.of("co2e_t").label == "CO2e")
        #expect(ColumnLabel.of("unobserved_fraction").shownUnit == "%")
        #expect(ColumnLabel.of("unobserved_fraction").format(0.375) == "37.5")
        #expect(ColumnLabel.of("parcel_ha").format(1234.5678) == "1,234.57")
        #expect(ColumnLabel.of("mean_evi").label == "Mean EVI")
        #expect(ColumnLabel.of("class_forest_ha").label == "forest" && ColumnLabel.of("class_forest_ha").unit == "ha")
    }
}
