/// The text of an error or warning, with the parameters it names kept as parameters (`"\(param: .scale) must be
/// a non-zero finite number"`), so that each front end shows them under its own names. Adjacent text is kept as
/// one piece, so two texts are equal when they read the same and name the same parameters in the same places.
public struct ErrorText: Hashable, Sendable, CustomStringConvertible, ExpressibleByStringInterpolation {
    /// A piece of the text.
    public enum Part: Hashable, Sendable {
        /// Plain text.
        case text(String)
        /// A parameter, named when the text is shown.
        case parameter(Parameter)
    }

    /// The pieces, in order.
    public var parts: [Part]

    /// Plain text.
    public init(_ text: String) { parts = text.isEmpty ? [] : [.text(text)] }

    /// A string literal.
    public init(stringLiteral value: String) { self.init(value) }

    /// An interpolated literal.
    public init(stringInterpolation: Interpolation) { parts = stringInterpolation.parts }

    /// The parameters the text names.
    public var parameters: [Parameter] {
        parts.compactMap { if case .parameter(let p) = $0 { p } else { nil } }
    }

    /// The text with each parameter named by `naming`.
    public func rendered(naming: (Parameter) -> String) -> String {
        parts.map { part in
            switch part {
            case .text(let t): t
            case .parameter(let p): naming(p)
            }
        }.joined()
    }

    /// The text under the current `ParameterNaming`.
    public var description: String { rendered(naming: ParameterNaming.name(of:)) }

    /// Interpolation that keeps parameters apart.
    public struct Interpolation: StringInterpolationProtocol {
        var parts: [Part] = []

        /// Room for the literal.
        public init(literalCapacity: Int, interpolationCount: Int) {}

        /// Literal text.
        public mutating func appendLiteral(_ literal: String) { append(literal) }

        private mutating func append(_ text: String) {
            guard !text.isEmpty else { return }
            if case .text(let previous)? = parts.last {
                parts[parts.count - 1] = .text(previous + text)
            } else {
                parts.append(.text(text))
            }
        }

        /// A parameter: `"\(param: .minObserved)"`.
        public mutating func appendInterpolation(param: Parameter) { parts.append(.parameter(param)) }

        /// Another error text, its parameters kept.
        public mutating func appendInterpolation(_ text: ErrorText) {
            for part in text.parts {
                if case .text(let t) = part { append(t) } else { parts.append(part) }
            }
        }

        /// Any other value, as text.
        public mutating func appendInterpolation<T>(_ value: T) { append(String(describing: value)) }
    }
}

extension String {
    /// The text of `text` with its parameters named by the current `ParameterNaming` (for warnings and notes,
    /// which are kept as text): `String(naming: "no \(param: .idField) given")`.
    public init(naming text: ErrorText) { self = text.description }
}
