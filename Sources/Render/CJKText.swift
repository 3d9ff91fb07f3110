/// Short plain-text excerpts of Chinese prose (no word boundaries to respect).
public enum CJKText {
    public static func truncate(_ s: String, _ limit: Int) -> String {
        let t = s.trimmed()
        guard t.count > limit else { return t }
        var cut = String(t.prefix(limit))
        // Prefer ending at a sentence or clause mark when one is near the end.
        if let i = cut.lastIndex(where: { "。；！？".contains($0) }), cut.distance(from: cut.startIndex, to: i) > limit / 2 {
            cut = String(cut[...i])
            return cut
        }
        return cut + "…"
    }
}
