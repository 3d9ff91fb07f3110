import Foundation
import Import
import Testing

/// What a would-be .docx is, from its first and last bytes.
@Suite struct DocxSnifferTests {
    let eocd: [UInt8] = [0x50, 0x4B, 0x05, 0x06] + [UInt8](repeating: 0, count: 18)

    @Test func verdicts() {
        let localHeader: [UInt8] = [0x50, 0x4B, 0x03, 0x04]
        #expect(DocxSniffer.check(Data()) == .empty)
        #expect(DocxSniffer.check(Data([0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0, 0])) == .oleCompound)
        #expect(DocxSniffer.check(Data("全市装机413.8万千瓦。\n".utf8)) == .notZip("纯文本文件"))
        #expect(DocxSniffer.check(Data("{\\rtf1\\ansi".utf8)) == .notZip("RTF 文档"))
        #expect(DocxSniffer.check(Data("%PDF-1.7".utf8)) == .notZip("PDF 文件"))
        #expect(DocxSniffer.check(Data(localHeader + Array("word/document.xml".utf8))) == .damagedZip)
        #expect(DocxSniffer.check(Data(localHeader + Array("word/document.xml".utf8) + eocd)) == .docx)
        #expect(DocxSniffer.check(Data(localHeader + Array("xl/workbook.xml".utf8) + eocd)) == .notWord("一个 Excel 表格（.xlsx）"))
    }
}
