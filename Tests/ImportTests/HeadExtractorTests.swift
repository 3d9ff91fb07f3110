import Foundation
import Import
import Testing

/// Title, authors and date from the top of a report laid out as the 汇编 lays them out.
@Suite struct HeadExtractorTests {
    @Test func authorLinesAndTitleParagraph() {
        let md = """
        鄂尔多斯市新能源产业高质量发展路径研究

        作者： 行动学习第一小组

        执  笔： 李宝山 高鹏

        指导教师： 甘宜汴、丁国春

        碳达峰、碳中和目标是党中央作出的重大战略决策。

        二〇二二年六月
        """
        let (meta, body) = HeadExtractor.extract(markdown: md, documentTitle: "", fileStem: "x")
        #expect(meta.title == "鄂尔多斯市新能源产业高质量发展路径研究")
        #expect(meta.titleSource == .paragraph)
        #expect(meta.group == "行动学习第一小组")
        #expect(meta.writers == ["李宝山", "高鹏"])
        #expect(meta.advisors == ["甘宜汴", "丁国春"])
        #expect(meta.date?.iso == "2022-06-01")
        #expect(meta.date?.hasDay == false)
        #expect(body.hasPrefix("碳达峰、碳中和目标"))
        #expect(!body.contains("执"))
    }

    @Test func documentTitleAndHeadingTitle() {
        let md = "# 乡村产业振兴的路径选择\n\n执笔人：白海娟\n\n2022年6月17日\n\n# 一、基本情况\n\n正文。"
        let (meta, body) = HeadExtractor.extract(markdown: md, documentTitle: "", fileStem: "x")
        #expect(meta.title == "乡村产业振兴的路径选择")
        #expect(meta.titleSource == .heading)
        #expect(meta.writers == ["白海娟"])
        #expect(meta.date?.iso == "2022-06-17")
        #expect(meta.date?.hasDay == true)
        #expect(body == "# 一、基本情况\n\n正文。")

        let (m2, b2) = HeadExtractor.extract(markdown: "# 一、基本情况\n\n正文。", documentTitle: "文件标题", fileStem: "x")
        #expect(m2.title == "文件标题")
        #expect(m2.titleSource == .documentTitle)
        #expect(b2 == "# 一、基本情况\n\n正文。")
        #expect(m2.date == nil)

        // A numbered section is not a title; nothing else is: the file name, marked as such.
        let (m3, _) = HeadExtractor.extract(markdown: "一、基本情况。正文很长的一段话。", documentTitle: "", fileStem: "report")
        #expect(m3.title == "report")
        #expect(m3.titleSource == .fileName)
    }

    @Test func dates() {
        #expect(ReportDate.parse("2022年6月17日")?.iso == "2022-06-17")
        #expect(ReportDate.parse("2022 年 6 月")?.iso == "2022-06-01")
        #expect(ReportDate.parse("２０２２年６月")?.iso == "2022-06-01")
        #expect(ReportDate.parse("二〇二二年十二月三十一日")?.iso == "2022-12-31")
        #expect(ReportDate.parse("2024-02-29")?.iso == "2024-02-29")
        #expect(ReportDate.parse("2023-02-29") == nil)
        #expect(ReportDate.parse("2022年13月") == nil)
        #expect(ReportDate.parse("2022年6月召开会议") == nil)
    }
}
