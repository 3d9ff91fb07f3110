import BriefingCore
import Testing

@Suite struct ByteSearchTests {
    @Test func findsWhatFoundationFinds() {
        #expect("见[20万元]（fig:x）".containsBytes("（fig:"))
        #expect(!"见[20万元](fig:x)".containsBytes("（"))
        #expect("【20万元】(fig:x)".containsBytes("】("))
        #expect("abc".containsBytes(""))
        #expect(!"ab".containsBytes("abc"))
        #expect("aab".containsBytes("ab"))
        #expect("xyz".dropFirst().containsBytes("yz"))
        // A needle split across characters still matches only whole byte sequences.
        #expect(!"（".containsBytes("\u{FF09}"))
    }
}
