import Foundation
import GDALKit

/// QGIS layer styles (`.qml` text) for Verdant's outputs, so that QGIS shows them well with no clicks: a colour ramp
/// over a fixed range for value rasters (viridis for indices, a sequential green ramp for biomass and carbon, with the
/// unit in the legend), and parcel outlines labelled by their id for per-parcel tables. Pure text building.
public enum QGISStyle {
    /// A colour ramp: stops from 0 (the minimum) to 1 (the maximum), each an RGB colour.
    public struct Ramp: Hashable, Sendable {
        /// The ramp's name (as QGIS names its built-in ramps).
        public let name: String
        /// The stops, by position in 0...1, first at 0 and last at 1.
        public let stops: [Stop]

        /// One stop of a ramp.
        public struct Stop: Hashable, Sendable {
            /// Position in 0...1.
            public let position: Double
            /// Red, green, blue.
            public let red: UInt8, green: UInt8, blue: UInt8
        }

        init(name: String, _ colors: [(UInt8, UInt8, UInt8)]) {
            self.name = name
            let last = Double(colors.count - 1)
            stops = colors.enumerated().map { i, c in
                Stop(position: Double(i) / last, red: c.0, green: c.1, blue: c.2)
            }
        }

        /// Matplotlib's viridis (perceptually uniform, readable in grey and by colour-blind readers).
        public static let viridis = Ramp(
            name: "Viridis",
            [(68, 1, 84), (59, 82, 139), (33, 145, 140), (94, 201, 98), (253, 231, 37)])

        /// ColorBrewer's YlGn (yellow to dark green): a sequential ramp for biomass and carbon densities.
        public static let yellowGreen = Ramp(
            name: "YlGn",
            [(255, 255, 229), (217, 240, 163), (120, 198, 121), (35, 132, 67), (0, 69, 41)])
    }

    /// How a single-band value raster is shown: a ramp from `minimum` to `maximum` (values outside take the end
    /// colours), its legend labelled with `unit`.
    public struct Pseudocolor: Hashable, Sendable {
        /// The value at the start of the ramp.
        public var minimum: Double
        /// The value at the end of the ramp.
        public var maximum: Double
        /// The ramp.
        public var ramp: Ramp
        /// The unit shown after the legend's values (empty: none).
        public var unit: String

        /// A pseudocolour style.
        public init(minimum: Double, maximum: Double, ramp: Ramp, unit: String) {
            self.minimum = minimum
            self.maximum = maximum
            self.ramp = ramp
            self.unit = unit
        }

        /// The style of a vegetation index raster (by its name, `ndvi`): viridis over −0.2…0.9 (NDRE, whose values
        /// over vegetation are lower, over −0.1…0.6).
        public static func index(_ name: String) -> Pseudocolor {
            name.lowercased() == "ndre"
                ? Pseudocolor(minimum: -0.1, maximum: 0.6, ramp: .viridis, unit: "")
                : Pseudocolor(minimum: -0.2, maximum: 0.9, ramp: .viridis, unit: "")
        }

        /// The style of a density raster (AGB, carbon, CO2e per hectare): the sequential ramp from 0 to `maximum`
        /// rounded up to a round number (300 when `maximum` is not a positive number).
        public static func density(maximum: Double, unit: String) -> Pseudocolor {
            Pseudocolor(minimum: 0, maximum: QGISStyle.roundUp(maximum), ramp: .yellowGreen, unit: unit)
        }
    }

    /// One value of a paletted (class) raster style.
    public struct PaletteEntry: Hashable, Sendable {
        /// The cell value.
        public var value: Int
        /// The legend label.
        public var label: String
        /// Red, green, blue.
        public var red: UInt8, green: UInt8, blue: UInt8
        /// 0 (transparent) to 255 (opaque).
        public var alpha: UInt8

        /// A palette entry.
        public init(value: Int, label: String, red: UInt8, green: UInt8, blue: UInt8, alpha: UInt8 = 255) {
            self.value = value
            self.label = label
            (self.red, self.green, self.blue, self.alpha) = (red, green, blue, alpha)
        }
    }

    /// `x` rounded up to one or two significant figures (1, 1.5, 2, 2.5, 3, 4, 5, 6, 8 × a power of ten).
    static func roundUp(_ x: Double) -> Double {
        guard x.isFinite, x > 0 else { return 300 }
        let scale = pow(10, floor(log10(x)))
        let steps: [Double] = [1, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10]
        return (steps.first { $0 * scale >= x * (1 - 1e-12) } ?? 10) * scale
    }

    /// The QML of a paletted raster style: each value's colour and label (band 1).
    public static func qml(palette: [PaletteEntry], band: Int = 1) -> String {
        var entries = ""
        for e in palette {
            let color = "#" + [e.red, e.green, e.blue].map { String(format: "%02x", $0) }.joined()
            entries +=
                "        <paletteEntry value=\"\(e.value)\" color=\"\(color)\" alpha=\"\(e.alpha)\" label=\"\(escape(e.label))\"/>\n"
        }
        return """
            <!DOCTYPE qgis PUBLIC 'http://mrcc.com/qgis.dtd' 'SYSTEM'>
            <qgis version="3.28.0" styleCategories="Symbology">
              <pipe>
                <rasterrenderer type="paletted" band="\(band)" opacity="1" alphaBand="-1" nodataColor="">
                  <rasterTransparency/>
                  <colorPalette>
            \(entries)      </colorPalette>
                </rasterrenderer>
                <brightnesscontrast brightness="0" contrast="0" gamma="1"/>
                <rasterresampler maxOversampling="2"/>
              </pipe>
              <blendMode>0</blendMode>
            </qgis>

            """
    }

    /// The path of the style beside a raster: the same name with the `.qml` extension (how QGIS finds it).
    public static func path(beside raster: String) -> String {
        (raster as NSString).deletingPathExtension + ".qml"
    }

    /// The QML of a single-band pseudocolour raster style (band 1; nodata transparent).
    public static func qml(_ style: Pseudocolor, band: Int = 1) -> String {
        let range = style.maximum - style.minimum
        let suffix = style.unit.isEmpty ? "" : " " + style.unit
        func rgba(_ s: Ramp.Stop) -> String { "\(s.red),\(s.green),\(s.blue),255" }
        let inner = style.ramp.stops.dropFirst().dropLast().map { "\(number($0.position));\(rgba($0))" }
            .joined(separator: ":")
        var items = ""
        for stop in style.ramp.stops {
            let value = stop.position >= 1 ? style.maximum : style.minimum + stop.position * range
            let label = number(value, digits: 3) + suffix
            items +=
                "          <item alpha=\"255\" value=\"\(number(value))\" label=\"\(escape(label))\" color=\"\(hex(stop))\"/>\n"
        }
        return """
            <!DOCTYPE qgis PUBLIC 'http://mrcc.com/qgis.dtd' 'SYSTEM'>
            <qgis version="3.28.0" styleCategories="Symbology">
              <pipe>
                <rasterrenderer type="singlebandpseudocolor" band="\(band)" opacity="1" alphaBand="-1" nodataColor="" classificationMin="\(number(style.minimum))" classificationMax="\(number(style.maximum))">
                  <rasterTransparency/>
                  <minMaxOrigin>
                    <limits>None</limits>
                    <extent>WholeRaster</extent>
                    <statAccuracy>Estimated</statAccuracy>
                    <cumulativeCutLower>0.02</cumulativeCutLower>
                    <cumulativeCutUpper>0.98</cumulativeCutUpper>
                    <stdDevFactor>2</stdDevFactor>
                  </minMaxOrigin>
                  <rastershader>
                    <colorrampshader colorRampType="INTERPOLATED" classificationMode="1" clip="0" minimumValue="\(number(style.minimum))" maximumValue="\(number(style.maximum))" labelPrecision="3">
                      <colorramp type="gradient" name="[source]">
                        <Option type="Map">
                          <Option type="QString" name="color1" value="\(rgba(style.ramp.stops[0]))"/>
                          <Option type="QString" name="color2" value="\(rgba(style.ramp.stops[style.ramp.stops.count - 1]))"/>
                          <Option type="QString" name="discrete" value="0"/>
                          <Option type="QString" name="rampType" value="gradient"/>
                          <Option type="QString" name="stops" value="\(inner)"/>
                        </Option>
                      </colorramp>
            \(items)          <rampLegendSettings minimumLabel="" maximumLabel="" prefix="" suffix="\(escape(suffix))" direction="0" useContinuousLegend="1" orientation="2"/>
                    </colorrampshader>
                  </rastershader>
                </rasterrenderer>
                <brightnesscontrast brightness="0" contrast="0" gamma="1"/>
                <huesaturation saturation="0" colorizeOn="0" grayscaleMode="0" colorizeStrength="100" colorizeRed="255" colorizeGreen="128" colorizeBlue="128"/>
                <rasterresampler maxOversampling="2"/>
              </pipe>
              <blendMode>0</blendMode>
            </qgis>

            """
    }

    /// The QML of a parcel layer: each polygon outlined (not filled) and labelled with its `idField`.
    public static func parcels(idField: String) -> String {
        """
        <!DOCTYPE qgis PUBLIC 'http://mrcc.com/qgis.dtd' 'SYSTEM'>
        <qgis version="3.28.0" styleCategories="Symbology|Labeling" labelsEnabled="1">
          <renderer-v2 type="singleSymbol" symbollevels="0" enableorderby="0" forceraster="0">
            <symbols>
              <symbol type="fill" name="0" alpha="1" clip_to_extent="1" force_rhr="0">
                <layer class="SimpleFill" enabled="1" pass="0" locked="0">
                  <Option type="Map">
                    <Option type="QString" name="color" value="0,0,0,0"/>
                    <Option type="QString" name="style" value="no"/>
                    <Option type="QString" name="outline_color" value="255,215,0,255"/>
                    <Option type="QString" name="outline_style" value="solid"/>
                    <Option type="QString" name="outline_width" value="0.6"/>
                    <Option type="QString" name="outline_width_unit" value="MM"/>
                    <Option type="QString" name="joinstyle" value="miter"/>
                  </Option>
                </layer>
              </symbol>
            </symbols>
          </renderer-v2>
          <labeling type="simple">
            <settings calloutType="simple">
              <text-style fieldName="\(escape(idField))" isExpression="0" fontSize="9" fontSizeUnit="Point" textColor="0,0,0,255" textOpacity="1" fontWeight="50" fontItalic="0" namedStyle="Regular" fontFamily="Sans Serif"/>
              <text-buffer bufferDraw="1" bufferSize="1" bufferSizeUnits="MM" bufferColor="255,255,255,255" bufferOpacity="1" bufferJoinStyle="128" bufferNoFill="1"/>
              <placement placement="1" offsetType="0" dist="0" priority="5" centroidWhole="0" centroidInside="1" fitInPolygonOnly="0"/>
              <rendering obstacle="1" scaleVisibility="0" upsidedownLabels="0" limitNumLabels="0" drawLabels="1" displayAll="0" fontMinPixelSize="3"/>
            </settings>
          </labeling>
          <blendMode>0</blendMode>
          <featureBlendMode>0</featureBlendMode>
          <layerGeometryType>2</layerGeometryType>
        </qgis>

        """
    }

    /// A number as QML writes it: shortest round-trip form, or with `digits` significant figures for labels.
    static func number(_ v: Double, digits: Int? = nil) -> String {
        let value = abs(v) < 1e-12 ? 0 : v
        guard let digits else { return "\(value)" }
        var text = String(format: "%.\(digits)g", value)
        if text == "-0" { text = "0" }
        return text
    }

    static func hex(_ s: Ramp.Stop) -> String {
        "#" + [s.red, s.green, s.blue].map { String(format: "%02x", $0) }.joined()
    }

    /// Text escaped for an XML attribute.
    static func escape(_ s: String) -> String {
        s.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
    }
}
