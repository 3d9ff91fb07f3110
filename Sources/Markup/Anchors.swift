import BriefingCore

/// Heading anchors that keep Chinese characters: lowercased, whitespace to `-`, anything
/// that is not a letter, digit, `-` or `_` dropped; repeats get `-1`, `-2`.
public struct AnchorMaker {
    var used: [String: Int] = [:]

    public init() {}

    public static func slug(_ text: String) -> String { TextSlug.make(text) }

    public mutating func make(_ text: String) -> String {
        let base = AnchorMaker.slug(text)
        var candidate = base
        if let n = used[base] {
            var k = n
            repeat { k += 1; candidate = "\(base)-\(k)" } while used[candidate] != nil
            used[base] = k
        }
        used[candidate] = used[candidate] ?? 0
        return candidate
    }
}
