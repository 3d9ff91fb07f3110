import Dispatch

/// Wall-clock time of each pipeline phase, for `briefing build --timings`.
public struct Timings: Sendable {
    public struct Phase: Sendable {
        public var name: String
        public var seconds: Double
        public var count: Int
        public var unit: String
    }

    public private(set) var phases: [Phase] = []

    public init() {}

    public static func now() -> UInt64 { DispatchTime.now().uptimeNanoseconds }

    public static func seconds(since start: UInt64) -> Double { Double(now() - start) / 1e9 }

    public mutating func record(_ name: String, since start: UInt64, count: Int, unit: String) {
        phases.append(Phase(name: name, seconds: Timings.seconds(since: start), count: count, unit: unit))
    }

    public mutating func record(_ name: String, seconds: Double, count: Int, unit: String) {
        phases.append(Phase(name: name, seconds: seconds, count: count, unit: unit))
    }

    public var report: String {
        var out = "phase timings:\n"
        for p in phases {
            let secs = String(format: "%8.3f s", p.seconds)
            out += "  \(p.name.padding(toLength: 9, withPad: " ", startingAt: 0))\(secs)  \(p.count) \(p.unit)\n"
        }
        return out
    }
}
