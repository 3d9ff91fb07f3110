import BriefingCore

/// A parsed formula. Offsets are 0-based character positions in the formula text.
public indirect enum Expr: Hashable, Sendable {
    case number(Quantity, offset: Int)
    case ref(String, offset: Int)
    /// An id pattern with `*` segments; only valid as an argument of sum/avg/min/max.
    case wildcard(String, offset: Int)
    case negate(Expr, offset: Int)
    case binary(BinaryOp, Expr, Expr, offset: Int)
    case call(Function, [Expr], offset: Int)

    /// Every id and pattern the formula mentions, in order of appearance.
    public var references: [String] {
        switch self {
        case .number: return []
        case .ref(let id, _), .wildcard(let id, _): return [id]
        case .negate(let e, _): return e.references
        case .binary(_, let a, let b, _): return a.references + b.references
        case .call(_, let args, _): return args.flatMap(\.references)
        }
    }
}

public enum BinaryOp: String, Hashable, Sendable {
    case add = "+", subtract = "-", multiply = "*", divide = "/"
}

public enum Function: String, Hashable, Sendable, CaseIterable {
    case sum, avg, min, max, share, growth

    var acceptsWildcards: Bool { self != .share && self != .growth }
    var arity: Int? { self == .share || self == .growth ? 2 : nil }
}
