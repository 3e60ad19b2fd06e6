import Foundation
import FuzzSupport
@testable import Verdant
@testable import VerdantCore

/// The fuzzer's entry point: libFuzzer's driver on `fuzzDates`.
@main enum DatesFuzzer {
    static func main() { FuzzMain.run(fuzzDates) }
}

/// Fuzzes the dates of a time series.
///
/// `AcquisitionDate`: any text either is not a date or gives an instant whose UTC day, read again, is a date at
/// most a day earlier (`day` is the start of the instant's UTC day). `DatesTable`: any bytes as a dates table
/// (whose files do not exist) throw a `VerdantError`, and never crash, when read and when brought onto one grid.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzDates(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
    if let text = String(bytes: bytes, encoding: .utf8) {
        for line in text.split(separator: "\n").prefix(8) {
            guard let date = AcquisitionDate(String(line)) else { continue }
            FuzzCheck.require(date.seconds.isFinite, "'\(line)' gives a non-finite instant")
            let day = date.day
            guard let again = AcquisitionDate(day) else {
                FuzzCheck.fail("'\(line)' gives the day '\(day)', which does not read back")
                return 0
            }
            FuzzCheck.require(
                again.seconds <= date.seconds && date.seconds - again.seconds < 86_400,
                "'\(line)' (\(date.seconds) s) gives the day '\(day)' (\(again.seconds) s)")
            FuzzCheck.require(!again.hasTime && again.day == day, "the day '\(day)' does not read back as itself")
        }
    }
    let path = FuzzScratch.write(data, size, name: "dates.csv")
    var setup = SensorSetup()
    setup.scale = 1
    do {
        let series = try SeriesInputs.dates(path, setup: setup, needing: [.red, .nir])
        // Files named by a table that parsed are opened only now; none exists in the scratch folder.
        _ = try series.onCommonGrid(roles: { _ in [.red, .nir] })
    } catch {
        FuzzCheck.require(error is VerdantError, "the dates table threw \(error), not a VerdantError")
    }
    return 0
}
