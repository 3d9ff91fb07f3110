/// The Lua filter pandoc runs during an import (pandoc 2.17's Lua API).
///
/// - Images become an HTML comment saying they were left out: the site has no media folder.
/// - Tables become simple grids (merged cells repeated, several paragraphs in a cell joined)
///   so that the gfm writer emits pipe tables; otherwise it falls back to raw HTML tables,
///   which the site's safe Markdown rendering drops.
/// - Spans, bookmarks and links to bookmarks (a Word table of contents) are unwrapped so no
///   raw HTML is left in the text.
/// - The document title (Title style or file properties) and the image count are passed on
///   as two marker comments at the top, which the importer reads and removes.
enum PandocFilter {
    static let titleMarker = "<!-- briefing-import title: "
    static let imagesMarker = "<!-- briefing-import images: "
    static let markerEnd = " -->"

    static let lua = #"""
    local images = 0

    local function comment_text(s)
      s = s:gsub('[\r\n]+', ' ')
      s = s:gsub('%-%-+', '—')
      return s
    end

    function Image(el)
      images = images + 1
      local alt = comment_text(pandoc.utils.stringify(el.caption))
      local text = '图片已略去（导入时不保存图片；需要时请另行处理）'
      if alt ~= '' then text = text .. '：' .. alt end
      return pandoc.RawInline('html', '<!-- ' .. text .. ' -->')
    end

    function Span(el) return el.content end
    function Underline(el) return el.content end
    function SmallCaps(el) return el.content end

    function Link(el)
      if el.target:sub(1, 1) == '#' then return el.content end
    end

    function Div(el) return el.content end

    local function cell_inlines(blocks)
      local out = pandoc.List()
      for i, b in ipairs(blocks) do
        if i > 1 then out:insert(pandoc.Space()) end
        if b.t == 'Plain' or b.t == 'Para' then
          out:extend(b.content)
        else
          out:insert(pandoc.Str(pandoc.utils.stringify(b)))
        end
      end
      return out:map(function(x)
        if x.t == 'LineBreak' or x.t == 'SoftBreak' then return pandoc.Space() end
        return x
      end)
    end

    -- Rows of a table as a grid of inlines; a merged cell is repeated in every place it covers.
    local function grid(rows)
      local out, pending = {}, {}
      for _, row in ipairs(rows) do
        local line, col, ci = {}, 1, 1
        local cells = row.cells
        while ci <= #cells or pending[col] do
          if pending[col] then
            line[col] = pending[col].inl
            pending[col].left = pending[col].left - 1
            if pending[col].left == 0 then pending[col] = nil end
            col = col + 1
          else
            local c = cells[ci]
            ci = ci + 1
            local inl = cell_inlines(c.contents)
            for k = 0, c.col_span - 1 do
              line[col + k] = inl
              if c.row_span > 1 then pending[col + k] = { inl = inl, left = c.row_span - 1 } end
            end
            col = col + c.col_span
          end
        end
        out[#out + 1] = line
      end
      return out
    end

    function Table(t)
      local rows = pandoc.List()
      rows:extend(t.head.rows)
      for _, body in ipairs(t.bodies) do
        rows:extend(body.head)
        rows:extend(body.body)
      end
      rows:extend(t.foot.rows)
      local g = grid(rows)
      if #g == 0 then return {} end
      local width = 0
      for _, line in ipairs(g) do
        for k, _ in pairs(line) do if k > width then width = k end end
      end
      local function blocks(line)
        local o = {}
        for k = 1, width do
          if line[k] and #line[k] > 0 then o[k] = { pandoc.Plain(line[k]) } else o[k] = {} end
        end
        return o
      end
      local body = {}
      for i = 2, #g do body[#body + 1] = blocks(g[i]) end
      local aligns, widths = {}, {}
      for k = 1, width do
        aligns[k] = pandoc.AlignDefault
        widths[k] = 0
      end
      local simple = pandoc.SimpleTable({}, aligns, widths, blocks(g[1]), body)
      local result = pandoc.List()
      local caption = pandoc.utils.stringify(t.caption.long)
      if caption ~= '' then result:insert(pandoc.Para({ pandoc.Str(caption) })) end
      result:insert(pandoc.utils.from_simple_table(simple))
      return result
    end

    function Pandoc(doc)
      local title = ''
      if doc.meta.title then title = comment_text(pandoc.utils.stringify(doc.meta.title)) end
      doc.blocks:insert(1, pandoc.RawBlock('html', '<!-- briefing-import title: ' .. title .. ' -->'))
      doc.blocks:insert(2, pandoc.RawBlock('html', '<!-- briefing-import images: ' .. images .. ' -->'))
      return doc
    end
    """#
}
