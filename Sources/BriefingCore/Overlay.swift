/// A dictionary with a small layer of changes on top of a large shared base.
///
/// `serve` updates a large site after an edit by writing the few changed entries to `top`;
/// copying an overlay then copies only that layer, while the base stays shared with the
/// previous analysis until `flatten()` folds the changes in (in place, once nothing else
/// holds the base).
public struct Overlay<Value: Sendable>: Sendable {
    public private(set) var base: [String: Value]
    public private(set) var top: [String: Value] = [:]

    public init(_ base: [String: Value] = [:]) {
        self.base = base
    }

    /// Reads the top layer first. Writes go to the top layer (nil values are not supported).
    public subscript(key: String) -> Value? {
        get { top[key] ?? base[key] }
        set {
            precondition(newValue != nil, "Overlay does not remove keys")
            top[key] = newValue
        }
    }

    public var keys: [String] {
        top.isEmpty ? Array(base.keys) : Array(Set(base.keys).union(top.keys))
    }

    /// Every entry, changes applied.
    public var all: [String: Value] {
        var out = base
        for (k, v) in top { out[k] = v }
        return out
    }

    /// Moves the top layer into the base.
    public mutating func flatten() {
        guard !top.isEmpty else { return }
        let changes = top
        top = [:]
        for (k, v) in changes { base[k] = v }
    }
}
