@testable import Analysis
import BriefingCore
import Testing

@Suite struct RelatedDocumentsTests {
    func doc(_ n: Int, regions: [String], topics: [String]) -> DocumentShape {
        DocumentShape(kind: .report, slug: "d\(n)", order: nil, date: "2024-01-01", topics: topics, regions: regions,
                      figures: [], indicatorIDs: [], chartIDs: [])
    }

    func keys(_ d: DocumentShape) -> [String] {
        var seen: Set<String> = []
        return (d.regions.map { "r:" + $0 } + d.topics.map { "t:" + $0 }).filter { seen.insert($0).inserted }
    }

    /// The plain definition: count shared keys for every pair, sort, take five.
    func reference(_ docs: [DocumentShape]) -> [[Int]] {
        func keys(_ d: DocumentShape) -> Set<String> { Set(self.keys(d)) }
        return docs.indices.map { i in
            var shared: [(j: Int, n: Int)] = []
            for j in docs.indices where j != i {
                let n = keys(docs[i]).intersection(keys(docs[j])).count
                if n > 0 { shared.append((j, n)) }
            }
            return shared.sorted { $0.n != $1.n ? $0.n > $1.n : $0.j < $1.j }.prefix(5).map(\.j)
        }
    }

    @Test func smallCaseByHand() {
        let docs = [
            doc(0, regions: ["a"], topics: ["x", "y"]),
            doc(1, regions: ["b"], topics: ["x"]),          // shares x with 0
            doc(2, regions: ["a"], topics: ["y", "y"]),     // shares a, y with 0 (y once)
            doc(3, regions: ["c"], topics: ["z"]),          // shares nothing
            doc(4, regions: ["a", "b"], topics: ["x", "y"]), // shares a, x, y with 0
        ]
        let r = RelatedDocuments.find(docs)
        #expect(r[0] == [4, 2, 1])
        #expect(r[3] == [])
        #expect(r[1] == [4, 0])        // 4 shares b and x, 0 shares x
        #expect(r[4] == [0, 1, 2])     // 0: a,x,y; 1: b,x; 2: a,y → 0 first, then 1 and 2 tie at 2 by order
    }

    func randomDocs(_ n: Int, seed: UInt64) -> [DocumentShape] {
        var rng = SplitMix(seed: seed)
        let regions = (0..<7).map { "r\($0)" }, topics = (0..<5).map { "t\($0)" }
        return (0..<n).map { n in
            doc(n, regions: (0..<Int(rng.next() % 3)).map { _ in regions[Int(rng.next() % 7)] },
                topics: (0..<Int(rng.next() % 4)).map { _ in topics[Int(rng.next() % 5)] })
        }
    }

    /// When the window covers every document, the bounded search is the plain definition.
    @Test func matchesThePlainDefinitionWhenTheWindowCoversAll() {
        let docs = randomDocs(300, seed: 42)
        #expect(RelatedDocuments.find(docs, window: 300) == reference(docs))
    }

    /// The bounded definition, written plainly: a document counts once per shared topic or
    /// region in whose list it stands within `window` places of this one.
    func windowed(_ docs: [DocumentShape], window: Int) -> [[Int]] {
        var lists: [String: [Int]] = [:]
        for (i, d) in docs.enumerated() { for k in keys(d) { lists[k, default: []].append(i) } }
        return docs.indices.map { i in
            var count: [Int: Int] = [:]
            for k in keys(docs[i]) {
                let list = lists[k]!
                let at = list.firstIndex(of: i)!
                for (p, j) in list.enumerated() where j != i && abs(p - at) <= window { count[j, default: 0] += 1 }
            }
            return count.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }.prefix(5).map(\.key)
        }
    }

    @Test func boundedWindowMatchesItsPlainDefinition() {
        let docs = randomDocs(400, seed: 7)
        #expect(RelatedDocuments.find(docs, window: 3) == windowed(docs, window: 3))
        #expect(RelatedDocuments.find(docs) == windowed(docs, window: 25))
    }
}

/// A small deterministic generator, so the random corpus is the same on every run.
struct SplitMix {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
