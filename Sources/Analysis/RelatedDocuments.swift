/// Related documents: those sharing the most topics and regions with a document, looked for
/// among its neighbours in site order within each shared topic or region (up to `window`
/// documents on either side in that topic's or region's list). Bounded work per document, so
/// the cost grows linearly with the site; among close documents it matches the plain
/// definition (most shared keys, then site order).
enum RelatedDocuments {
    static func find(_ docs: [DocumentShape], limit: Int = 5, window: Int = 25) -> [[Int]] {
        var keyIndex: [String: Int] = [:]
        var holders: [[Int]] = []
        var keysOf: [[(key: Int, at: Int)]] = []
        keysOf.reserveCapacity(docs.count)
        for (i, d) in docs.enumerated() {
            var keys: [(Int, Int)] = []
            for key in d.regions.map({ "r:" + $0 }) + d.topics.map({ "t:" + $0 }) {
                let k: Int
                if let known = keyIndex[key] { k = known } else {
                    k = holders.count
                    keyIndex[key] = k
                    holders.append([])
                }
                if !keys.contains(where: { $0.0 == k }) {
                    keys.append((k, holders[k].count))
                    holders[k].append(i)
                }
            }
            keysOf.append(keys)
        }
        var counts = [Int32](repeating: 0, count: docs.count)
        var touched: [Int] = []
        var out: [[Int]] = []
        out.reserveCapacity(docs.count)
        for i in docs.indices {
            for (k, at) in keysOf[i] {
                let list = holders[k]
                for j in list[max(0, at - window)..<min(list.count, at + window + 1)] where j != i {
                    if counts[j] == 0 { touched.append(j) }
                    counts[j] += 1
                }
            }
            out.append(best(touched, counts: counts, limit: limit))
            for j in touched { counts[j] = 0 }
            touched.removeAll(keepingCapacity: true)
        }
        return out
    }

    /// The `limit` best of `candidates`: highest count, then lowest position.
    static func best(_ candidates: [Int], counts: [Int32], limit: Int) -> [Int] {
        var top: [Int] = []
        func before(_ a: Int, _ b: Int) -> Bool { counts[a] != counts[b] ? counts[a] > counts[b] : a < b }
        for j in candidates {
            if top.count == limit, let last = top.last, !before(j, last) { continue }
            var at = top.count
            while at > 0 && before(j, top[at - 1]) { at -= 1 }
            top.insert(j, at: at)
            if top.count > limit { top.removeLast() }
        }
        return top
    }
}
