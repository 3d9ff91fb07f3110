import BriefingCore
@testable import Render
import Testing

@Suite struct RelatedDocumentsTests {
    func doc(_ n: Int, regions: [String], topics: [String]) -> Document {
        Document(kind: .report, slug: "d\(n)", file: "content/reports/d\(n).md", title: "D\(n)", date: "2024-01-01",
                 topics: topics, regions: regions)
    }

    /// The plain definition: count shared keys for every pair, sort, take five.
    func reference(_ docs: [Document]) -> [[Int]] {
        func keys(_ d: Document) -> Set<String> { Set(d.regions.map { "r:" + $0 } + d.topics.map { "t:" + $0 }) }
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
        let r = Renderer.relatedDocuments(docs)
        #expect(r[0] == [4, 2, 1])
        #expect(r[3] == [])
        #expect(r[1] == [4, 0])        // 4 shares b and x, 0 shares x
        #expect(r[4] == [0, 1, 2])     // 0: a,x,y; 1: b,x; 2: a,y → 0 first, then 1 and 2 tie at 2 by order
    }

    @Test func matchesThePlainDefinition() {
        var rng = SplitMix(seed: 42)
        let regions = (0..<7).map { "r\($0)" }, topics = (0..<5).map { "t\($0)" }
        let docs = (0..<300).map { n in
            doc(n, regions: (0..<Int(rng.next() % 3)).map { _ in regions[Int(rng.next() % 7)] },
                topics: (0..<Int(rng.next() % 4)).map { _ in topics[Int(rng.next() % 5)] })
        }
        #expect(Renderer.relatedDocuments(docs) == reference(docs))
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
