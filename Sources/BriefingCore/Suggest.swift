/// "Did you mean" suggestions by edit distance, for keys, ids, units and slugs.
public enum Suggest {
    /// The closest candidate within a distance proportional to the word's length, if any.
    public static func nearest(_ word: String, in candidates: some Sequence<String>) -> String? {
        // Nothing sensible is near a very long word, and the distance would be slow to compute.
        guard word.count <= 200 else { return nil }
        let w = Array(word)
        var best: (String, Int)?
        for c in candidates {
            let cc = c.count
            let limit = max(2, min(w.count, cc) / 3)
            // The distance is at least the difference in length: skip hopeless candidates cheaply.
            guard abs(w.count - cc) <= limit else { continue }
            let d = distance(w, Array(c))
            if d <= limit, best == nil || d < best!.1 || (d == best!.1 && c < best!.0) {
                best = (c, d)
            }
        }
        return best?.0
    }

    /// "你是不是想写 `x`？" or the empty string.
    public static func hint(_ word: String, in candidates: some Sequence<String>) -> String {
        if let n = nearest(word, in: candidates) { return "是不是想写 `\(n)`？" }
        return ""
    }

    static func distance(_ a: [Character], _ b: [Character]) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var prev = Array(0...b.count)
        var cur = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            cur[0] = i
            for j in 1...b.count {
                cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            swap(&prev, &cur)
        }
        return prev[b.count]
    }
}
