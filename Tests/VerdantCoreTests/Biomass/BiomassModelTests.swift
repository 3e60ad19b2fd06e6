import Foundation
import Testing
import VerdantCore

@Suite struct BiomassModelTests {
    @Test func forms() throws {
        let linear = try BiomassModel(parsing: "linear:-30,250")
        #expect(linear.agb(0.8) == -30 + 250 * 0.8)
        #expect(linear.agb(0.1) == 0, "clamped at 0")
        let exp = try BiomassModel(parsing: "exp:2.5,3")
        #expect(exp.agb(0.5) == 2.5 * Foundation.exp(1.5))
        let power = try BiomassModel(parsing: "power:200,1.5")
        #expect(power.agb(0.64) == 200 * pow(0.64, 1.5))
        #expect(power.agb(0) == 0 && power.agb(-0.3) == 0)
        #expect(linear.agb(.nan).isNaN && exp.agb(.nan).isNaN && power.agb(.nan).isNaN)
        #expect(exp.expression == "exp:2.5,3.0")
    }

    @Test func carriesItsSource() throws {
        let m = try BiomassModel(parsing: "linear:1,2", source: "Smith 2021, Table 2")
        #expect(m.source == "Smith 2021, Table 2")
        #expect(try BiomassModel(parsing: "linear:1,2").source.contains("no source"))
        #expect(BiomassModel.example.source.contains("not valid for any site"))
        #expect(try BiomassModel(parsing: "example-linear") == BiomassModel.example)
    }

    @Test(arguments: ["linear", "linear:1", "linear:1,2,3", "cubic:1,2", "exp:a,b", "power:1,inf", ""])
    func rejectsBadText(text: String) {
        #expect(throws: VerdantError.self) { try BiomassModel(parsing: text) }
    }
}
