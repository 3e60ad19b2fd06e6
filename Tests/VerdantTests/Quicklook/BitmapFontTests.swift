import Testing

@testable import Verdant

@Suite struct BitmapFontTests {
    @Test func everyGlyphIsFiveRowsOfOneWidth() {
        for (character, rows) in BitmapFont.glyphs {
            #expect(rows.count == 5, "\(character)")
            #expect(Set(rows.map(\.count)).count == 1, "\(character)")
            #expect(rows.allSatisfy { $0.allSatisfy { $0 == "#" || $0 == "." } }, "\(character)")
        }
        #expect(BitmapFont.glyphs[" "]!.allSatisfy { !$0.contains("#") })
        for c in "0123456789.-/ ABCDEGHIKMNORTV" { #expect(BitmapFont.glyphs[c] != nil, "\(c)") }
    }

    @Test func widthIsEachGlyphPlusOneBetweenGlyphs() {
        #expect(BitmapFont.width("1") == 3)
        #expect(BitmapFont.width("10") == 7)
        #expect(BitmapFont.width("M") == 5 && BitmapFont.width("N") == 4)
        #expect(BitmapFont.width("NM") == 10)
        #expect(BitmapFont.width("?") == 3, "an unknown character takes a blank's width")
        #expect(BitmapFont.width("0.25 t/ha") == 9 * 3 + 8, "nine glyphs 3 wide (t, h and a unknown) and eight gaps")
    }
}
