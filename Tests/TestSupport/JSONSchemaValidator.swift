import Foundation

/// Checks JSON documents against a JSON Schema (draft 2020-12), for the keywords Verdant's schemas use: `type`
/// (one or an array), `properties`, `required`, `additionalProperties` (boolean or schema), `patternProperties`,
/// `items`, `prefixItems`, `minItems`, `maxItems`, `enum`, `const`, `minimum`, `maximum`, `exclusiveMinimum`,
/// `exclusiveMaximum`, `minLength`, `pattern`, `$ref` (`#/$defs/…` in the same file, or `other.schema.json#/…`
/// beside it), `$defs`, `allOf`, `anyOf`, `oneOf`, `not`; annotations (`title`, `description`, `format`, `$id`,
/// `$schema`, `$comment`, `examples`, `default`) are ignored. A schema with any other keyword is reported as a
/// failure, so that a typo in a schema cannot pass silently.
public struct JSONSchemaValidator: Sendable {
    /// One way a document breaks its schema.
    public struct Failure: Hashable, Sendable, CustomStringConvertible {
        /// Where in the document: `$` for the root, then `.key` and `[index]`.
        public var path: String
        /// What is wrong.
        public var message: String

        /// `path: message`.
        public var description: String { "\(path): \(message)" }
    }

    /// The schema documents by file name (the root's name is `root`).
    let documents: [String: JSONNode]
    /// The root's file name.
    let root: String

    static let annotations: Set<String> = [
        "title", "description", "format", "$id", "$schema", "$comment", "examples", "default", "$defs", "deprecated"
    ]
    static let assertions: Set<String> = [
        "type", "properties", "required", "additionalProperties", "patternProperties", "items", "prefixItems",
        "minItems", "maxItems", "enum", "const", "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum",
        "minLength", "pattern", "$ref", "allOf", "anyOf", "oneOf", "not"
    ]

    /// A validator of `schema`; `others` are the schema files its `$ref`s may name, by file name.
    public init(schema: JSONNode, name: String = "root", others: [String: JSONNode] = [:]) {
        var documents = others
        documents[name] = schema
        self.documents = documents
        self.root = name
    }

    /// A validator of the schema file at `path`, with every `*.schema.json` beside it for `$ref`s.
    public init(file path: String) throws {
        let url = URL(fileURLWithPath: path)
        let folder = url.deletingLastPathComponent()
        var others: [String: JSONNode] = [:]
        for name in try FileManager.default.contentsOfDirectory(atPath: folder.path) where name.hasSuffix(".json") {
            others[name] = try JSONNode(file: folder.appendingPathComponent(name).path)
        }
        guard let schema = others[url.lastPathComponent] else { throw CocoaError(.fileNoSuchFile) }
        self.init(schema: schema, name: url.lastPathComponent, others: others)
    }

    /// The failures of `document` (empty when it is valid).
    public func failures(_ document: JSONNode) -> [Failure] {
        var out: [Failure] = []
        check(document, against: documents[root]!, in: root, at: "$", into: &out)
        return out
    }

    /// The failures of the JSON text `data` (one failure when it is not JSON).
    public func failures(data: Data) -> [Failure] {
        do { return failures(try JSONNode(data: data)) } catch {
            return [Failure(path: "$", message: "not JSON: \(error)")]
        }
    }

    /// The failures of the JSON file at `path`.
    public func failures(file path: String) -> [Failure] {
        guard let data = FileManager.default.contents(atPath: path) else {
            return [Failure(path: "$", message: "\(path): no such file")]
        }
        return failures(data: data)
    }

    /// The `$ref`s of the schema and the files it names that do not resolve, as `file: ref`.
    public func brokenReferences() -> [String] {
        var out: [String] = []
        var seen: Set<String> = []
        var pending = [root]
        while let file = pending.popLast() {
            guard seen.insert(file).inserted, let document = documents[file] else { continue }
            Self.references(in: document) { ref in
                if let (_, target) = resolve(ref, from: file) {
                    pending.append(target)
                } else {
                    out.append("\(file): \(ref)")
                }
            }
        }
        return out.sorted()
    }

    static func references(in node: JSONNode, _ found: (String) -> Void) {
        switch node {
        case .object(let members):
            for (key, value) in members {
                if key == "$ref", let ref = value.text { found(ref) } else { references(in: value, found) }
            }
        case .array(let elements): for e in elements { references(in: e, found) }
        default: break
        }
    }

    // MARK: checking

    private func check(
        _ value: JSONNode, against schema: JSONNode, in document: String, at path: String, into out: inout [Failure]
    ) {
        func fail(_ message: String) { out.append(Failure(path: path, message: message)) }
        switch schema {
        case .bool(true): return
        case .bool(false): return fail("no value is allowed here")
        case .object: break
        default: return fail("schema error: a schema must be an object or a boolean")
        }
        let s = schema.members!
        for key in s.keys where !Self.annotations.contains(key) && !Self.assertions.contains(key) {
            fail("schema error: unsupported keyword '\(key)'")
        }
        if let ref = s["$ref"]?.text {
            if let (target, targetDocument) = resolve(ref, from: document) {
                check(value, against: target, in: targetDocument, at: path, into: &out)
            } else {
                fail("schema error: cannot resolve $ref '\(ref)'")
            }
        }
        if let type = s["type"] { checkType(value, type, fail: fail) }
        if let allowed = s["enum"]?.elements, !allowed.contains(where: { Self.equal($0, value) }) {
            fail("\(Self.show(value)) is not one of \(allowed.map(Self.show).joined(separator: ", "))")
        }
        if let constant = s["const"], !Self.equal(constant, value) {
            fail("\(Self.show(value)) is not \(Self.show(constant))")
        }
        if case .number(let x) = value { checkBounds(x, s, fail: fail) }
        if case .string(let text) = value { checkString(text, s, fail: fail) }
        if case .object(let members) = value {
            checkObject(members, s, in: document, at: path, into: &out)
        }
        if case .array(let elements) = value {
            checkArray(elements, s, in: document, at: path, into: &out)
        }
        checkCombinations(value, s, in: document, at: path, into: &out)
    }

    private func checkType(_ value: JSONNode, _ type: JSONNode, fail: (String) -> Void) {
        let names = type.elements?.compactMap(\.text) ?? type.text.map { [$0] } ?? []
        guard !names.isEmpty else { return fail("schema error: 'type' must be a name or an array of names") }
        if !names.contains(where: { Self.has(value, type: $0) }) {
            fail("\(Self.show(value)) is not of type \(names.joined(separator: " or "))")
        }
    }

    private func checkBounds(_ x: Double, _ s: [String: JSONNode], fail: (String) -> Void) {
        if let m = s["minimum"]?.number, x < m { fail("\(Self.show(.number(x))) is below the minimum \(m)") }
        if let m = s["maximum"]?.number, x > m { fail("\(Self.show(.number(x))) is above the maximum \(m)") }
        if let m = s["exclusiveMinimum"]?.number, x <= m { fail("\(Self.show(.number(x))) is not above \(m)") }
        if let m = s["exclusiveMaximum"]?.number, x >= m { fail("\(Self.show(.number(x))) is not below \(m)") }
    }

    private func checkString(_ text: String, _ s: [String: JSONNode], fail: (String) -> Void) {
        if let m = s["minLength"]?.number, Double(text.count) < m { fail("'\(text)' is shorter than \(Int(m))") }
        if let p = s["pattern"]?.text {
            guard let regex = try? NSRegularExpression(pattern: p) else {
                return fail("schema error: bad pattern '\(p)'")
            }
            if !Self.matches(regex, text) { fail("'\(text)' does not match /\(p)/") }
        }
    }

    private func checkObject(
        _ members: [String: JSONNode], _ s: [String: JSONNode], in document: String, at path: String,
        into out: inout [Failure]
    ) {
        let properties = s["properties"]?.members ?? [:]
        for name in s["required"]?.elements?.compactMap(\.text) ?? [] where members[name] == nil {
            out.append(Failure(path: path, message: "the required key '\(name)' is missing"))
        }
        var patterns: [(NSRegularExpression, JSONNode)] = []
        for (p, schema) in s["patternProperties"]?.members ?? [:] {
            guard let regex = try? NSRegularExpression(pattern: p) else {
                out.append(Failure(path: path, message: "schema error: bad pattern '\(p)'"))
                continue
            }
            patterns.append((regex, schema))
        }
        for key in members.keys.sorted() {
            let value = members[key]!
            let childPath = "\(path).\(key)"
            var matched = false
            if let schema = properties[key] {
                matched = true
                check(value, against: schema, in: document, at: childPath, into: &out)
            }
            for (regex, schema) in patterns where Self.matches(regex, key) {
                matched = true
                check(value, against: schema, in: document, at: childPath, into: &out)
            }
            if !matched, let additional = s["additionalProperties"] {
                if case .bool(false) = additional {
                    out.append(Failure(path: path, message: "the key '\(key)' is not allowed"))
                } else {
                    check(value, against: additional, in: document, at: childPath, into: &out)
                }
            }
        }
    }

    private func checkArray(
        _ elements: [JSONNode], _ s: [String: JSONNode], in document: String, at path: String,
        into out: inout [Failure]
    ) {
        if let m = s["minItems"]?.number, Double(elements.count) < m {
            out.append(Failure(path: path, message: "\(elements.count) items, fewer than \(Int(m))"))
        }
        if let m = s["maxItems"]?.number, Double(elements.count) > m {
            out.append(Failure(path: path, message: "\(elements.count) items, more than \(Int(m))"))
        }
        let prefix = s["prefixItems"]?.elements ?? []
        for (i, element) in elements.enumerated() {
            let schema = i < prefix.count ? prefix[i] : s["items"]
            if let schema { check(element, against: schema, in: document, at: "\(path)[\(i)]", into: &out) }
        }
    }

    private func checkCombinations(
        _ value: JSONNode, _ s: [String: JSONNode], in document: String, at path: String, into out: inout [Failure]
    ) {
        func failuresOf(_ schema: JSONNode) -> [Failure] {
            var f: [Failure] = []
            check(value, against: schema, in: document, at: path, into: &f)
            return f
        }
        for schema in s["allOf"]?.elements ?? [] { out += failuresOf(schema) }
        if let options = s["anyOf"]?.elements {
            let results = options.map(failuresOf)
            if !results.contains(where: \.isEmpty) {
                out.append(Failure(path: path, message: "matches none of anyOf: " + Self.summary(results)))
            }
        }
        if let options = s["oneOf"]?.elements {
            let results = options.map(failuresOf)
            let passing = results.filter(\.isEmpty).count
            if passing == 0 {
                out.append(Failure(path: path, message: "matches none of oneOf: " + Self.summary(results)))
            } else if passing > 1 {
                out.append(Failure(path: path, message: "matches \(passing) of oneOf, not exactly one"))
            }
        }
        if let negated = s["not"], failuresOf(negated).isEmpty {
            out.append(Failure(path: path, message: "matches the schema under 'not'"))
        }
    }

    // MARK: helpers

    /// The schema `ref` names, and the file it is in: `#/a/b` in `document`, `file.json` or `file.json#/a/b`.
    private func resolve(_ ref: String, from document: String) -> (JSONNode, String)? {
        let parts = ref.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
        let file = parts[0].isEmpty ? document : parts[0]
        guard var node = documents[file] else { return nil }
        let pointer = parts.count > 1 ? parts[1] : ""
        for token in pointer.split(separator: "/") {
            let key = token.replacingOccurrences(of: "~1", with: "/").replacingOccurrences(of: "~0", with: "~")
            if let child = node[key] {
                node = child
            } else if let i = Int(key), let elements = node.elements, elements.indices.contains(i) {
                node = elements[i]
            } else {
                return nil
            }
        }
        return (node, file)
    }

    static func has(_ value: JSONNode, type: String) -> Bool {
        switch (type, value) {
        case ("null", .null), ("boolean", .bool), ("number", .number), ("string", .string), ("array", .array),
            ("object", .object):
            true
        case ("integer", .number(let x)): x.isFinite && x == x.rounded()
        default: false
        }
    }

    static func equal(_ a: JSONNode, _ b: JSONNode) -> Bool { a == b }

    static func matches(_ regex: NSRegularExpression, _ text: String) -> Bool {
        regex.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) != nil
    }

    static func show(_ value: JSONNode) -> String {
        switch value {
        case .null: "null"
        case .bool(let b): b ? "true" : "false"
        case .number(let x): x == x.rounded() && abs(x) < 1e15 ? String(Int64(x)) : String(x)
        case .string(let s): "\"\(s)\""
        case .array(let a): "an array of \(a.count)"
        case .object(let o): "an object of \(o.count) keys"
        }
    }

    static func summary(_ results: [[Failure]]) -> String {
        results.enumerated().map { i, f in "#\(i): " + (f.first?.description ?? "passes") }.joined(separator: "; ")
    }
}

extension JSONSchemaValidator {
    /// The folder of Verdant's output schemas, `docs/schemas/`.
    public static var projectSchemas: String { ProjectRoot.path + "/docs/schemas/" }

    /// A validator of the schema `file` of `docs/schemas/`.
    public static func project(_ file: String) throws -> JSONSchemaValidator {
        try JSONSchemaValidator(file: projectSchemas + file)
    }
}
