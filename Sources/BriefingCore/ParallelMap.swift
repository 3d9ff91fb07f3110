import Dispatch

/// Maps over an array on every core, keeping the input order (so output stays deterministic).
public enum ParallelMap {
    public static func map<T: Sendable, R: Sendable>(_ items: [T], _ transform: @Sendable (T) -> R) -> [R] {
        if items.count < 2 { return items.map(transform) }
        let box = ResultBox<R>(count: items.count)
        DispatchQueue.concurrentPerform(iterations: items.count) { i in
            box.set(i, transform(items[i]))
        }
        return box.values()
    }
}

extension ParallelMap {
    /// Runs `body` for every item on every core; rethrows the first error (by index) after all ran.
    public static func forEach<T: Sendable>(_ items: [T], _ body: @Sendable (T) throws -> Void) throws {
        let errors = ResultBox<(any Error)?>(count: items.count)
        DispatchQueue.concurrentPerform(iterations: items.count) { i in
            do { try body(items[i]); errors.set(i, nil) } catch { errors.set(i, error) }
        }
        if let first = errors.values().compactMap({ $0 }).first { throw first }
    }
}

/// Each slot is written by exactly one iteration, so unsynchronised writes to distinct
/// indices of a preallocated buffer are safe.
final class ResultBox<R>: @unchecked Sendable {
    private var storage: UnsafeMutablePointer<R?>
    private let count: Int
    init(count: Int) {
        self.count = count
        storage = .allocate(capacity: count)
        storage.initialize(repeating: nil, count: count)
    }
    func set(_ i: Int, _ v: R) { storage[i] = v }
    func values() -> [R] { (0..<count).map { storage[$0]! } }
    deinit {
        storage.deinitialize(count: count)
        storage.deallocate()
    }
}
