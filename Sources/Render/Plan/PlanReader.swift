/// A cursor over template text by Characters: the parts of swift-mustache's `Parser` that its
/// template parser uses, with the same semantics, so the plan splits text at the same grapheme
/// boundaries (a "{" followed by a combining mark is text there, and "\r\n" is one newline).
struct PlanReader {
    enum Failure: Error { case overflow }

    let text: String
    private(set) var position: String.Index

    init(_ text: String) {
        self.text = text
        position = text.startIndex
    }

    var reachedEnd: Bool { position == text.endIndex }

    /// The current Character, or "\0" at the end (as `Parser.current()`).
    var current: Character { reachedEnd ? "\0" : text[position] }

    mutating func advance() { position = text.index(after: position) }

    mutating func set(_ p: String.Index) { position = p }

    /// Consumes `c` when it is next. Throws at the end, as `Parser.read(_:)` does.
    mutating func read(_ c: Character) throws -> Bool {
        guard !reachedEnd else { throw Failure.overflow }
        guard text[position] == c else { return false }
        advance()
        return true
    }

    /// Consumes `s` when it comes next. Throws when fewer Characters than `s` has are left,
    /// as `Parser.read(string:)` does (so a template ending in "{" is a parse error).
    mutating func read(string s: String) throws -> Bool {
        guard s.count > 0 else { return true }
        guard text.distance(from: position, to: text.endIndex) >= s.count else { throw Failure.overflow }
        let end = text.index(position, offsetBy: s.count)
        guard text[position..<end] == s else { return false }
        position = end
        return true
    }

    @discardableResult mutating func read(while accept: (Character) -> Bool) -> Substring {
        let start = position
        while !reachedEnd, accept(text[position]) { advance() }
        return text[start..<position]
    }

    /// How many `c` were skipped.
    mutating func count(while c: Character) -> Int {
        var n = 0
        while !reachedEnd, text[position] == c {
            advance()
            n += 1
        }
        return n
    }

    /// Reads up to a Character of `stop` or the end.
    mutating func read(until stop: Set<Character>) -> Substring {
        read(while: { !stop.contains($0) })
    }

    /// Skips past the first `s`, matching as `Parser.read(untilString:skipToEnd:)` does (after a
    /// partial match it does not look at the mismatching Character again). Throws when absent.
    mutating func skip(past s: String) throws {
        guard s.count > 0 else { return }
        var i = s.startIndex
        while !reachedEnd {
            if text[position] == s[i] {
                i = s.index(after: i)
                if i == s.endIndex {
                    advance()
                    return
                }
            } else {
                i = s.startIndex
            }
            advance()
        }
        throw Failure.overflow
    }
}
