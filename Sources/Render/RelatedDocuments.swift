import BriefingCore

extension Renderer {
    /// Up to `limit` related documents per document: most shared regions and topics first,
    /// then earlier in site order.
    ///
    /// Each document walks the lists of documents sharing one of its keys and counts hits in
    /// a reused array: no hashing or sorting per pair, which at 100,000 reports took minutes.
    static func relatedDocuments(_ docs: [Document], limit: Int = 5) -> [[Int]] {
        var keyIndex: [String: Int] = [:]
        var holders: [[Int]] = []
        var keysOf: [[Int]] = []
        keysOf.reserveCapacity(docs.count)
        for (i, d) in docs.enumerated() {
            var keys: [Int] = []
            for key in d.regions.map({ "r:" + $0 }) + d.topics.map({ "t:" + $0 }) {
                let k: Int
                if let known = keyIndex[key] { k = known } else {
                    k = holders.count
                    keyIndex[key] = k
                    holders.append([])
                }
                if !keys.contains(k) {
                    keys.append(k)
                    holders[k].append(i)
                }
            }
            keysOf.append(keys)
        }
        // Chunks run in parallel, each with its own counters.
        let chunk = max(1, docs.count / 64)
        let starts = Array(stride(from: 0, to: docs.count, by: chunk))
        let lists = holders, keyLists = keysOf, total = docs.count
        let parts = ParallelMap.map(starts) { start in
            var counts = [Int32](repeating: 0, count: total)
            var touched: [Int] = []
            var out: [[Int]] = []
            for i in start..<min(start + chunk, total) {
                for k in keyLists[i] {
                    for j in lists[k] where j != i {
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
        return parts.flatMap { $0 }
    }

    /// The `limit` best of `candidates`: highest count, then lowest index.
    private static func best(_ candidates: [Int], counts: [Int32], limit: Int) -> [Int] {
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
