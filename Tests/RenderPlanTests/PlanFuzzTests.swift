@testable import Render
import Testing

/// Random templates built from every planned tag with awkward whitespace around them
/// (standalone lines, CRLF, indentation, blocks and partials): the plan must give
/// swift-mustache's bytes for each. Seeded, so a failure repeats.
@Suite struct PlanFuzzTests {
    struct Random {
        var state: UInt64
        mutating func next(_ n: Int) -> Int {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int((state >> 33) % UInt64(n))
        }
        mutating func pick<T>(_ xs: [T]) -> T { xs[next(xs.count)] }
    }

    static let spaces = ["", " ", "  ", "\t", "\n", "\r\n", "\n  ", "  \n", " \r\n "]
    static let texts = ["a", "b c", "{", "}", "<p>", "'", "x{y", "简报"]
    static let variables = ["v", "n", "t", "f", "m", "zz", ".", "a.b", "a.c", "l", "s", ".v", "empty(l)", "empty(v)", "w"]
    static let sections = ["l", "e", "s", "t", "f", "m", "zz", "a", "v", "n", "blank", "empty(l)", "empty(e)", "empty(v)", "empty(n)", "empty(s)"]

    /// A body of up to `width` pieces; `partials` lets it name the partials, `blocks` the blocks.
    static func body(_ r: inout Random, depth: Int, partials: Bool, blocks: Bool) -> String {
        var out = ""
        for _ in 0..<(1 + r.next(5)) {
            out += r.pick(spaces)
            switch r.next(depth > 0 ? 10 : 6) {
            case 0: out += r.pick(texts)
            case 1: out += "{{\(r.pick(variables))}}"
            case 2: out += r.next(2) == 0 ? "{{{\(r.pick(variables))}}}" : "{{&\(r.pick(variables))}}"
            case 3: out += "{{! \(r.pick(texts)) }}"
            case 4: out += partials ? "{{> \(r.pick(["p", "q", "missing"]))}}" : r.pick(texts)
            case 5: out += r.pick(["\n", "\r\n", "  "])
            case 6, 7:
                let name = r.pick(sections)
                out += "{{\(r.pick(["#", "^"]))\(name)}}" + r.pick(spaces) + body(&r, depth: depth - 1, partials: partials, blocks: blocks)
                    + r.pick(spaces) + "{{/\(name)}}"
            case 8:
                let name = r.pick(["b1", "b2"])
                out += blocks ? "{{$\(name)}}" + r.pick(spaces) + body(&r, depth: depth - 1, partials: partials, blocks: false)
                    + r.pick(spaces) + "{{/\(name)}}" : r.pick(texts)
            default:
                guard partials else { continue }
                out += "{{<parent}}" + r.pick(["", "\n", "  \n"])
                for name in ["b1", "b2"] where r.next(2) == 0 {
                    out += r.pick(["", "\n", " "]) + "{{$\(name)}}" + r.pick(spaces)
                        + body(&r, depth: depth - 1, partials: false, blocks: false) + r.pick(spaces) + "{{/\(name)}}" + r.pick(["", "\n", " \n"])
                }
                out += "{{/parent}}"
            }
        }
        return out + r.pick(spaces)
    }

    static let model = VM([
        "v": .text("V<&>\"'"), "n": .number(-3), "t": .flag(true), "f": .flag(false), "m": .missing, "blank": .text(""),
        "a": .object(VM(["b": .text("ab"), "v": .text("av")])),
        "l": .list([VM(["v": .text("l1"), "w": .number(1)]), VM(["w": .number(2), "m": .text("lm")])]),
        "e": .list([]), "s": .texts(["s1", "s2\n"]),
    ])

    @Test func randomTemplatesRenderAsSwiftMustacheDoes() throws {
        var r = Random(state: 20_240_611)
        var compared = 0
        for _ in 0..<3000 {
            let sources = ["main": Self.body(&r, depth: 3, partials: true, blocks: true),
                           "p": Self.body(&r, depth: 2, partials: false, blocks: true),
                           "q": "  " + Self.body(&r, depth: 1, partials: false, blocks: false) + "\n",
                           "parent": Self.body(&r, depth: 2, partials: false, blocks: true)]
            // Random text may not parse; swift-mustache then refuses it and nothing renders.
            guard let plan = try? Templates(sources: sources, engine: .plan) else { continue }
            let mustache = try Templates(sources: sources, engine: .mustache)
            #expect(plan.plans.templates.count == 4, "not planned: \(sources)")
            let a = plan.render("main", Self.model), b = mustache.render("main", Self.model)
            #expect(Array(a.utf8) == Array(b.utf8), "\(sources.debugDescription)\nplan \(a.debugDescription)\nswift-mustache \(b.debugDescription)")
            if Array(a.utf8) != Array(b.utf8) { return }
            compared += 1
        }
        #expect(compared > 2000)
    }
}
