import Testing
import VerdantCore

@Suite struct GreenCoverTests {
    @Test func ndviHasADefaultOtherIndicesNone() {
        #expect(GreenCover.defaultThreshold(for: .ndvi) == 0.4)
        for index in SpectralIndex.all where index != .ndvi {
            #expect(GreenCover.defaultThreshold(for: index) == nil, "\(index)")
        }
        #expect(GreenCover.source.contains("Weier") && GreenCover.source.contains("Herring"))
        #expect(GreenCover.source.contains("2000") && GreenCover.source.contains("0.2 to 0.4"))
    }

    @Test func aGivenThresholdWinsOverTheDefault() throws {
        #expect(try GreenCover.threshold(nil, for: .ndvi) == 0.4)
        #expect(try GreenCover.threshold(0.6, for: .ndvi) == 0.6)
        #expect(try GreenCover.threshold(nil, for: .evi) == nil)
        #expect(try GreenCover.threshold(0.3, for: .evi) == 0.3)
        #expect(try GreenCover.threshold(-0.2, for: .gndvi) == -0.2)
    }

    @Test(arguments: [Double.nan, .infinity, -.infinity])
    func aThresholdMustBeFinite(value: Double) {
        do {
            _ = try GreenCover.threshold(value, for: .ndvi)
            Issue.record("threshold \(value) was accepted")
        } catch let error as VerdantError {
            guard case .invalidParameter(let parameter, _) = error else {
                Issue.record("unexpected error \(error)")
                return
            }
            #expect(parameter == .greenThreshold)
            #expect(error.description.contains("greenThreshold") && error.description.contains("finite"))
        } catch {
            Issue.record("unexpected error \(error)")
        }
    }

    @Test func theThresholdItselfIsGreenAndUndefinedNeverIs() {
        #expect(GreenCover.isGreen(0.4, threshold: 0.4))
        #expect(GreenCover.isGreen(0.4.nextUp, threshold: 0.4))
        #expect(!GreenCover.isGreen(0.4.nextDown, threshold: 0.4))
        #expect(!GreenCover.isGreen(.nan, threshold: 0.4))
        // No threshold is passed as NaN: nothing is green.
        #expect(!GreenCover.isGreen(1, threshold: .nan))
    }

    @Test func theSourceSaysWhetherTheThresholdWasGiven() {
        #expect(GreenCover.sourceText(given: nil, threshold: 0.4) == GreenCover.source)
        #expect(GreenCover.sourceText(given: 0.5, threshold: 0.5)?.contains("given") == true)
        #expect(GreenCover.sourceText(given: nil, threshold: nil) == nil)
    }
}
