import BriefingCore
import Testing

/// Quantities in Chinese numerals found in running text (for the unbound-numbers report):
/// the expected lists are read off the sentences by hand.
@Suite struct ChineseQuantityScannerTests {
    func found(_ text: String) -> [String] {
        ChineseQuantityScanner.scan(text, units: UnitRegistry()).map(\.written)
    }

    @Test func bareHundredThousandAndTenThousandWithAQualifierOrMore() {
        #expect(found("全旗企业不足千家，近百家参与，培训百余人，覆盖万余人。") == ["不足千家", "近百家", "百余人", "万余人"])
    }

    @Test func bareNumeralsWithoutAQualifierNameThings() {
        #expect(found("走进千家万户，百姓满意，万众一心。").isEmpty)
        #expect(found("按“抓两头、带中间”的方法，整治“两张皮”。").isEmpty)
    }

    @Test func oneOnlyAsAMultiple() {
        #expect(found("收入提高一倍，一是加强领导，统一规划。") == ["一倍"])
    }

    @Test func aYearWrittenDigitByDigitIsNotAQuantity() {
        #expect(found("二〇二一年，全市五个盟市参与。") == ["五个"])
    }
}
