import BriefingCore
import Testing

/// The PDF route: beside its document's page, and holding that page and its data page, so
/// links into either become anchors inside the file while others stay relative links.
@Suite struct RouteTests {
    let pdf = Route.pdf(.report, slug: "new-energy")

    @Test func pdfLivesBesideItsPage() {
        #expect(pdf.path == "reports/new-energy/new-energy.pdf")
        #expect(Route.pdf(.case, slug: "dalad-grid").path == "cases/dalad-grid/dalad-grid.pdf")
        #expect(pdf.href(from: .document(.report, slug: "new-energy")) == "../../reports/new-energy/new-energy.pdf")
        #expect(pdf.url == "reports/new-energy/new-energy.pdf")
    }

    @Test func linksIntoThePrintedPagesStayInsideThePDF() {
        #expect(Route.data(.report, slug: "new-energy").href(from: pdf, anchor: "ordos.capacity.total") == "#ordos.capacity.total")
        #expect(Route.document(.report, slug: "new-energy").href(from: pdf, anchor: "二、现状") == "#二、现状")
        // The document itself, without an anchor, is its web page.
        #expect(Route.document(.report, slug: "new-energy").href(from: pdf) == "../../reports/new-energy/index.html")
    }

    @Test func linksElsewhereStayRelative() {
        #expect(Route.data(.report, slug: "talent").href(from: pdf, anchor: "talent.pool.total")
            == "../../reports/talent/data/index.html#talent.pool.total")
        #expect(Route.data(.case, slug: "new-energy").href(from: pdf, anchor: "x") == "../../cases/new-energy/data/index.html#x")
        #expect(Route.region("ordos", page: 1).href(from: pdf) == "../../regions/ordos/index.html")
        // From the data page itself nothing changes.
        #expect(Route.document(.report, slug: "new-energy").href(from: .data(.report, slug: "new-energy"), anchor: "a")
            == "../../../reports/new-energy/index.html#a")
    }
}
