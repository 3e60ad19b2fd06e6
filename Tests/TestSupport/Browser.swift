import Foundation

/// Headless Chromium and poppler's `pdftotext`, for the tests that look at reports as people do (Debian's
/// `chromium` and `poppler-utils`; `.ci/run` installs them).
public enum Browser {
    /// The Chromium executable, if one is installed.
    public static let chromium: String? = which(["chromium", "chromium-browser", "google-chrome"])
    /// `pdftotext`, if installed.
    public static let pdftotext: String? = which(["pdftotext"])
    /// True when both are there.
    public static var available: Bool { chromium != nil && pdftotext != nil }

    static func which(_ names: [String]) -> String? {
        let path = (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":")
        for name in names {
            for folder in path where FileManager.default.isExecutableFile(atPath: "\(folder)/\(name)") {
                return "\(folder)/\(name)"
            }
        }
        return nil
    }

    /// Runs `executable` with `arguments`; its standard output.
    static func run(_ executable: String, _ arguments: [String]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self)
    }

    /// Chromium's arguments for a headless run with a profile of its own in `scratch`.
    static func headless(_ scratch: String) -> [String] {
        ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--user-data-dir=\(scratch)/profile"]
    }

    /// What the page `html` measures in a `width`-pixel-wide viewport: the document's scroll width, the viewport's
    /// width, and the width of the element `#measure` (0 when absent). The page is shown in an iframe of that width
    /// (Chromium's headless window is never narrower than 500 px), and measured once loaded.
    public static func measure(
        html: String, width: Int, element measure: String, in scratch: String
    ) throws -> (
        scrollWidth: Int, viewport: Int, element: Int
    ) {
        let chromium = try require(chromium, "chromium")
        let source = html.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "\"", with: "&quot;")
        let probe = """
            <!DOCTYPE html><html><body style="margin:0">
            <iframe id="f" style="width:\(width)px;height:900px;border:0" srcdoc="\(source)" onload="
            var d=this.contentDocument,e=d.getElementById('\(measure)');
            document.body.setAttribute('data-probe',[d.documentElement.scrollWidth,this.contentWindow.innerWidth,e?Math.round(e.getBoundingClientRect().width):0].join(','))">
            </iframe></body></html>
            """
        let page = scratch + "/probe-\(width).html"
        try Data(probe.utf8).write(to: URL(fileURLWithPath: page))
        let dom = try run(
            chromium, headless(scratch) + ["--window-size=\(max(width, 500) + 40),1000", "--dump-dom", "file://\(page)"]
        )
        guard let range = dom.range(of: #"data-probe="(\d+),(\d+),(\d+)""#, options: .regularExpression) else {
            throw BrowserError.noMeasure(String(dom.prefix(300)))
        }
        let numbers = dom[range].dropFirst("data-probe=\"".count).dropLast().split(separator: ",").map { Int($0)! }
        return (numbers[0], numbers[1], numbers[2])
    }

    /// What `script` returns (as a string) when run in the page `html`, loaded in a `width`-pixel-wide frame: the
    /// script runs once the page has loaded, as a user's clicks would, and may use everything the page defines.
    /// A script that throws returns `error: ` and the exception.
    public static func evaluate(html: String, script: String, width: Int = 1280, in scratch: String) throws -> String {
        let chromium = try require(chromium, "chromium")
        let source = html.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "\"", with: "&quot;")
        let literal = String(decoding: try JSONSerialization.data(withJSONObject: [script]), as: UTF8.self)
            .dropFirst().dropLast().replacingOccurrences(of: "</", with: "<\\/")
        let probe = """
            <!DOCTYPE html><html><body style="margin:0"><script>
            function probe(f){var r;try{r=String(f.contentWindow.eval(\(literal)))}catch(e){r='error: '+e}
            document.body.setAttribute('data-result',encodeURIComponent(r))}
            </script>
            <iframe style="width:\(width)px;height:900px;border:0" onload="probe(this)" srcdoc="\(source)"></iframe>
            </body></html>
            """
        let page = scratch + "/evaluate-\(width).html"
        try Data(probe.utf8).write(to: URL(fileURLWithPath: page))
        let dom = try run(
            chromium, headless(scratch) + ["--window-size=\(max(width, 500) + 40),1000", "--dump-dom", "file://\(page)"]
        )
        guard let range = dom.range(of: #"data-result="[^"]*""#, options: .regularExpression),
            let result = String(dom[range].dropFirst("data-result=\"".count).dropLast()).removingPercentEncoding
        else {
            throw BrowserError.noMeasure(String(dom.prefix(300)))
        }
        return result
    }

    /// Prints the page at `htmlPath` to `pdfPath`.
    public static func printToPDF(_ htmlPath: String, to pdfPath: String, in scratch: String) throws {
        let chromium = try require(chromium, "chromium")
        _ = try run(
            chromium, headless(scratch) + ["--no-pdf-header-footer", "--print-to-pdf=\(pdfPath)", "file://\(htmlPath)"])
    }

    /// A screenshot of the page at `htmlPath`, `width` × `height` pixels, into `pngPath`.
    public static func screenshot(
        _ htmlPath: String, to pngPath: String, width: Int, height: Int, in scratch: String
    )
        throws
    {
        let chromium = try require(chromium, "chromium")
        _ = try run(
            chromium,
            headless(scratch) + [
                "--hide-scrollbars", "--window-size=\(width),\(height)", "--screenshot=\(pngPath)", "file://\(htmlPath)"
            ])
    }

    /// The text of a PDF, by `pdftotext`.
    public static func text(ofPDF path: String) throws -> String {
        try run(try require(pdftotext, "pdftotext"), [path, "-"])
    }

    static func require(_ tool: String?, _ name: String) throws -> String {
        guard let tool else { throw BrowserError.missing(name) }
        return tool
    }

    /// Why a browser check could not run.
    public enum BrowserError: Error {
        /// The tool is not installed.
        case missing(String)
        /// The page gave no measure (the first bytes of Chromium's DOM).
        case noMeasure(String)
    }
}
