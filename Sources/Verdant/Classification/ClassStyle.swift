import Foundation
import GDALKit

/// The legend of a class map: class k of a classifier is cell value k + 1 with a colour of a fixed palette; 0 is
/// "unobserved"; and the QGIS style (`.qml`) that shows it.
enum ClassStyle {
    /// Distinct colours (Tableau's 10, then darker variants), in class order.
    static let palette: [(UInt8, UInt8, UInt8)] = [
        (31, 119, 180), (44, 160, 44), (214, 39, 40), (255, 127, 14), (148, 103, 189), (140, 86, 75),
        (227, 119, 194), (127, 127, 127), (188, 189, 34), (23, 190, 207), (16, 70, 110), (25, 95, 25),
        (130, 20, 25), (160, 80, 10), (90, 60, 120), (85, 50, 45)
    ]

    /// The legend of `classNames`: 0 unobserved (black), then each class.
    static func table(_ classNames: [String]) -> ClassTable {
        ClassTable(
            [.init(value: 0, name: "unobserved", color: (0, 0, 0))]
                + classNames.enumerated().map { k, name in
                    .init(value: k + 1, name: name, color: palette[k % palette.count])
                })
    }

    /// A QGIS layer style: a paletted renderer with each class's colour and name (unobserved transparent).
    static func qml(_ table: ClassTable) -> String {
        func hex(_ c: (UInt8, UInt8, UInt8)) -> String {
            "#" + [c.0, c.1, c.2].map { String(format: "%02x", $0) }.joined()
        }
        func escape(_ s: String) -> String {
            s.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
                .replacingOccurrences(of: "\"", with: "&quot;")
        }
        var entries = ""
        for e in table.entries {
            entries +=
                "        <paletteEntry value=\"\(e.value)\" color=\"\(hex(e.color))\" alpha=\"\(e.value == 0 ? 0 : 255)\" label=\"\(escape(e.name))\"/>\n"
        }
        return """
            <qgis version="3.28" styleCategories="Symbology">
              <pipe>
                <rasterrenderer type="paletted" band="1" opacity="1" alphaBand="-1" nodataColor="">
                  <colorPalette>
            \(entries)      </colorPalette>
                </rasterrenderer>
              </pipe>
            </qgis>

            """
    }
}
