import Foundation

/// What a file that should be a .docx really is, judged from its bytes before pandoc sees it,
/// so the message can say what to do (pandoc only says "couldn't unpack docx container").
public enum DocxSniffer {
    public enum Verdict: Equatable, Sendable {
        case docx
        case empty
        /// An OLE compound file: a legacy .doc, or a .docx saved with a password (Word
        /// encrypts the whole package inside an OLE container).
        case oleCompound
        /// Not a ZIP at all; the string names what it looks like (RTF, PDF, text …).
        case notZip(String)
        /// Starts like a ZIP but has no end-of-central-directory record: cut off or damaged.
        case damagedZip
        /// A sound ZIP without word/document.xml; the string names what it holds.
        case notWord(String)
    }

    static let oleMagic: [UInt8] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]

    public static func check(_ data: Data) -> Verdict {
        if data.isEmpty { return .empty }
        let head = [UInt8](data.prefix(8))
        if head == oleMagic { return .oleCompound }
        guard head.count >= 4, head[0] == 0x50, head[1] == 0x4B, [3, 5, 7].contains(head[2]) else {
            return .notZip(describe(head: [UInt8](data.prefix(512))))
        }
        // The end-of-central-directory record sits in the last 22 bytes plus a comment of at
        // most 65,535 bytes; a truncated download loses it first.
        let tail = data.suffix(22 + 65_535)
        guard tail.range(of: Data([0x50, 0x4B, 0x05, 0x06])) != nil else { return .damagedZip }
        // Entry names are stored uncompressed in the local headers and the central directory.
        if data.range(of: Data("word/document.xml".utf8)) != nil { return .docx }
        if data.range(of: Data("xl/workbook.xml".utf8)) != nil { return .notWord("一个 Excel 表格（.xlsx）") }
        if data.range(of: Data("ppt/presentation.xml".utf8)) != nil { return .notWord("一个 PowerPoint 演示文稿（.pptx）") }
        if data.range(of: Data("content.xml".utf8)) != nil { return .notWord("一个 OpenDocument 文档（.odt，WPS 或 LibreOffice 的格式）") }
        return .notWord("一个普通的 ZIP 压缩包")
    }

    /// A short Chinese name for what the first bytes look like.
    static func describe(head: [UInt8]) -> String {
        let text = String(decoding: head, as: UTF8.self)
        let lower = text.lowercased()
        if text.hasPrefix("{\\rtf") { return "RTF 文档" }
        if text.hasPrefix("%PDF") { return "PDF 文件" }
        if lower.contains("w:worddocument") || lower.contains("progid=\"word.document\"") { return "Word 2003 XML 文档" }
        if lower.contains("<html") || lower.hasPrefix("mime-version") { return "网页文件（.htm 或 .mht）" }
        if head.starts(with: [0x89, 0x50, 0x4E, 0x47]) || head.starts(with: [0xFF, 0xD8, 0xFF]) { return "图片" }
        let printable = head.filter { $0 >= 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 }.count
        if printable * 10 >= head.count * 9 { return "纯文本文件" }
        return "无法识别的文件"
    }
}
