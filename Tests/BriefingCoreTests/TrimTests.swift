import BriefingCore
import Foundation
import Testing

@Suite struct TrimTests {
    static let samples = [
        "", " ", "\t", "abc", "  abc  ", "\u{3000}亿元\u{3000}", "\u{00A0}12.5 万千瓦\t", "\r\n 287.3\n",
        "\u{2028}x\u{2029}", " a b ", "\u{0085}y\u{000B}", "\u{200B}z\u{200B}", "é\u{0301} ", " \u{0301}a",
        "\n\n", "\u{205F}\u{202F}q", "第1行\n第2行\n", "\u{1680}\u{180E}w\u{FEFF}", "\u{2000}\u{200A}v\u{200C}",
    ]

    @Test(arguments: samples) func matchesFoundation(_ s: String) {
        #expect(s.trimmed() == s.trimmingCharacters(in: .whitespacesAndNewlines))
        #expect(s.trimmedSpaces() == s.trimmingCharacters(in: .whitespaces))
    }

    @Test func keepsLineBreaksWhenTrimmingSpaces() {
        #expect(" \n12 \n ".trimmedSpaces() == "\n12 \n")
        #expect(" \n12 \n ".trimmed() == "12")
    }
}
