import Foundation
import Mustache
@testable import Render
import Testing

/// Each rule of swift-mustache's rendering, on small templates: the expected text is worked
/// out by hand from swift-mustache's source, and `rendered` also requires swift-mustache's
/// own bytes.
@Suite struct PlanRenderTests {
    @Test func variablesEscapeAndShowValuesAsSwiftDoes() throws {
        #expect(try rendered("{{html}}|{{{html}}}|{{&html}}", model)
            == "&lt;a href=&quot;x&quot;&gt;Tom &amp; &#39;Jerry&#39;&lt;/a&gt;|<a href=\"x\">Tom & 'Jerry'</a>|<a href=\"x\">Tom & 'Jerry'</a>")
        #expect(try rendered("[{{n}}][{{neg}}][{{yes}}][{{no}}][{{gone}}][{{absent}}][{{blank}}]", model)
            == "[42][-7][true][false][][][]")
        // Objects and lists show as `String(describing:)`, escaped.
        #expect(try rendered("{{obj}}|{{{tags}}}|{{tags}}", model)
            == "Named(name: &quot;x&quot;)|[\"x\", \"y\"]|[&quot;x&quot;, &quot;y&quot;]")
        #expect(try rendered("{{list}}", model).hasPrefix("[RenderPlanTests.Named(name: &quot;a&quot;)"))
    }

    /// The registered HTML type escapes bytes: a quote carrying a combining mark is escaped.
    @Test func escapingIsByBytes() throws {
        let out = try rendered("{{q}}", VM(["q": .text("\"\u{301}'")]))
        #expect(Array(out.utf8) == Array("&quot;\u{301}&#39;".utf8))
    }

    /// Without the content-type tag (only templates not loaded through `Templates`),
    /// swift-mustache's own HTML type escapes whole Characters and lets `"\u{301}` through.
    @Test func beforeAContentTypeTagEscapingIsByCharacters() throws {
        let m = VM(["q": .text("\"\u{301}<")])
        let plan = try #require(PlanLibrary(["t": "{{q}}"]).render("t", m))
        let mustache = try MustacheTemplate(string: "{{q}}").render(m)
        #expect(plan == Array(mustache.utf8))
        #expect(plan == Array("\"\u{301}&lt;".utf8))
    }

    @Test func textContentTypeStopsEscapingForTheRestOfItsList() throws {
        let m = VM(["i": .text("<i>"), "yes": .flag(true)])
        #expect(try rendered("{{% CONTENT_TYPE: TEXT }}{{i}}", m) == "<i>")
        #expect(try rendered("{{#yes}}{{% CONTENT_TYPE: TEXT }}{{i}}{{/yes}}{{i}}", m) == "<i>&lt;i&gt;")
    }

    @Test func namesClimbTheStackForTheirFirstPartOnly() throws {
        #expect(try rendered("{{a.b}}/{{a.deep.c}}/{{a.nothing.c}}", model) == "root-b/deep/")
        // outer: found in the root. x: `inner` answers missing, so the root's x is not used.
        // a.b: `inner.a` exists without b; the root's a.b is not used. .outer: this object only.
        #expect(try rendered("{{#inner}}[{{outer}}][{{x}}][{{a.b}}][{{.outer}}]{{/inner}}", model) == "[O][][][]")
        // ".", "" and ".." all name the current object.
        #expect(try rendered("{{#name}}<{{.}}|{{ }}|{{..}}>{{/name}}", model) == "<N|N|N>")
    }

    @Test func sectionsRepeatSwitchOrEnter() throws {
        #expect(try rendered("{{#list}}({{name}}){{/list}}{{#none}}X{{/none}}", model) == "(a)(b)")
        #expect(try rendered("{{#tags}}<{{.}}>{{/tags}}", model) == "<x><y>")
        #expect(try rendered("{{#yes}}Y{{/yes}}{{#no}}N{{/no}}{{#gone}}G{{/gone}}{{#absent}}A{{/absent}}", model) == "Y")
        // Texts and numbers, even "" and 0, become the current object.
        #expect(try rendered("{{#name}}[{{.}}]{{/name}}{{#blank}}B{{/blank}}{{#zero}}Z{{.}}{{/zero}}{{#obj}}{{name}}{{/obj}}", model)
            == "[N]BZ0x")
    }

    @Test func invertedSectionsShowForFalseMissingAbsentAndEmptyLists() throws {
        // An empty list becomes the current object (it shows as "[]" and has no fields).
        #expect(try rendered("{{^none}}[{{.}}|{{outer}}]{{/none}}{{^notags}}[{{.}}]{{/notags}}", model) == "[[]|O][[]]")
        #expect(try rendered("{{^list}}L{{/list}}{{^yes}}Y{{/yes}}{{^no}}N{{/no}}{{^gone}}G{{/gone}}{{^absent}}A{{/absent}}", model)
            == "NGA")
        #expect(try rendered("{{^blank}}B{{/blank}}{{^zero}}Z{{/zero}}{{^obj}}O{{/obj}}{{^name}}T{{/name}}", model) == "")
    }

    @Test func emptyTransformOnTextsAndLists() throws {
        #expect(try rendered("{{#empty(none)}}1{{/empty(none)}}{{^empty(list)}}2{{/empty(list)}}"
                             + "{{#empty(blank)}}3{{/empty(blank)}}{{^empty(tags)}}4{{/empty(tags)}}{{#empty(notags)}}5{{/empty(notags)}}", model)
            == "12345")
        #expect(try rendered("{{empty(list)}} {{empty(none)}}", model) == "false true")
        // Numbers, flags, missing values and objects have no `empty`: the name does not resolve.
        #expect(try rendered("{{#empty(zero)}}a{{/empty(zero)}}{{^empty(zero)}}b{{/empty(zero)}}{{^empty(gone)}}c{{/empty(gone)}}"
                             + "{{^empty(obj)}}d{{/empty(obj)}}{{^empty(yes)}}e{{/empty(yes)}}[{{empty(n)}}]", model) == "bcde[]")
    }

    @Test func standaloneTagsTakeTheirLineAway() throws {
        #expect(try rendered("<ul>\n  {{#list}}\n  <li>{{name}}</li>\n  {{/list}}\n</ul>\n", model)
            == "<ul>\n  <li>a</li>\n  <li>b</li>\n</ul>\n")
        #expect(try rendered("a\n  {{! note }}  \nb\n", model) == "a\nb\n")
        #expect(try rendered("  {{#yes}}x{{/yes}}  \n  {{name}}\n", model) == "  x  \n  N\n")
        #expect(try rendered("-\r\n{{#yes}}\r\nY\r\n{{/yes}}\r\n", model) == "-\r\nY\r\n")
        // The very end of the text ends a line; spaces then the end do not (and those spaces
        // are then read as the indentation of a line that never comes, and dropped).
        #expect(try rendered("-\n{{#yes}}\nY\n  {{/yes}}", model) == "-\nY\n")
        #expect(try rendered("-\n{{#yes}}\nY\n  {{/yes}}  ", model) == "-\nY\n  ")
        // The content-type tag Templates puts in front of every template shares its first
        // line: a leading empty line goes, and a tag there is never standalone.
        #expect(try rendered("\nA", model) == "A")
        #expect(try rendered("{{#yes}}\nY\n{{/yes}}\n", model) == "\nY\n")
    }

    @Test func textQuirksOfTheParser() throws {
        #expect(try rendered("a{b}c{{ name }}}", model) == "a{b}cN}")
        // "{{" then a newline: swift-mustache keeps the newline and drops the braces.
        #expect(try rendered("a{{\nb", model) == "a\nb")
    }

    @Test func standalonePartialsIndentEveryLineAfterTheFirst() throws {
        let p = ["p": "a\nb\n", "q": "x\n  {{> p}}\ny\n", "crlf": "a\r\nb\r\n", "rows": "R\n{{#list}}\n{{name}}\n{{/list}}\n"]
        #expect(try rendered("<div>\n  {{> p}}\n</div>\n", partials: p, model) == "<div>\n  a\n  b\n</div>\n")
        #expect(try rendered("-\n  {{> q}}\n", partials: p, model) == "-\n  x\n    a\n    b\n  y\n")
        // Not alone on its line: no indentation.
        #expect(try rendered("  {{> p}} z\n", partials: p, model) == "  a\nb\n z\n")
        // "\r\n" is not "\n" to swift-mustache's check, so nothing is indented.
        #expect(try rendered("-\n  {{> crlf}}\n", partials: p, model) == "-\n  a\r\nb\r\n")
        // Indentation goes token by token: each pass of a section starts a fresh list.
        #expect(try rendered("-\n  {{> rows}}\n", partials: p, model) == "-\n  R\n  a\nb\n")
        // A partial that does not exist renders nothing.
        #expect(try rendered("[{{> nowhere}}]", model) == "[]")
    }

    @Test func parentsAndBlocks() throws {
        let p = ["base": "<main>\n{{$main}}default{{/main}}\n</main>\n",
                 "page": "<body>\n  {{$content}}\n  <p>default</p>\n  {{/content}}\n</body>\n",
                 "top": "[{{$b}}B{{/b}}]", "mid": "{{<top}}{{$b}}M{{/b}}{{/top}}",
                 "wrap": "{{> leaf}}", "leaf": "<{{$b}}d{{/b}}>"]
        #expect(try rendered("{{<base}}{{$main}}over{{/main}}{{/base}}", partials: p, model) == "<main>\nover\n</main>\n")
        #expect(try rendered("{{<base}}{{/base}}", partials: p, model) == "<main>\ndefault\n</main>\n")
        // Lines of a block drop their first line's indentation, then take the block's.
        #expect(try rendered("{{<page}}\n{{$content}}\n    <h1>T</h1>\n    <p>{{name}}</p>\n{{/content}}\n{{/page}}\n", partials: p, model)
            == "<body>\n  <h1>T</h1>\n  <p>N</p>\n</body>\n")
        // The outermost override wins; overrides reach through plain partials.
        #expect(try rendered("{{<mid}}{{$b}}O{{/b}}{{/mid}}", partials: p, model) == "[O]")
        #expect(try rendered("{{> mid}}", partials: p, model) == "[M]")
        #expect(try rendered("{{<wrap}}{{$b}}X{{/b}}{{/wrap}}", partials: p, model) == "<X>")
    }

    /// What the plan does not take stays with swift-mustache, with every template including it.
    @Test func unsupportedTemplatesFallBack() throws {
        let sources = ["delims": "{{=<% %>=}}<%name%>", "dynamic": "{{>*name}}", "lower": "{{lowercased(name)}}",
                       "index": "{{#list}}{{#first()}}F{{/first()}}{{/list}}", "uses": "[{{> delims}}]",
                       "usesUses": "{{#yes}}{{> uses}}{{/yes}}", "plain": "{{name}}", "N": "dyn"]
        let plan = try Templates(sources: sources, engine: .plan)
        let mustache = try Templates(sources: sources, engine: .mustache)
        #expect(Set(plan.plans.templates.keys) == ["plain", "N"])
        for name in sources.keys {
            #expect(plan.render(name, model) == mustache.render(name, model))
        }
        #expect(plan.render("usesUses", model) == "[N]")
        #expect(plan.render("lower", VM(["name": .text("AbC")])) == "abc")
        // A model that is not a view model goes to swift-mustache.
        #expect(plan.render("plain", ["name": "d"]) == "d")
    }
}
