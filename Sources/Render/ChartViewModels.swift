import Mustache

/// View model of one SVG chart; geometry is computed by `ChartBuilder`, markup lives in
/// `chart.mustache`.
public struct ChartVM: ViewModel {
    public var id: String
    public var title: String
    public var desc: String
    public var width: Int
    public var height: Int
    public var rows: [ChartRowVM]
    public var legend: [LegendVM]
    public var tableHead: [String]
    public var tableRows: [ChartTableRowVM]

    public func value(_ key: String) -> TemplateValue? {
        switch key {
        case "id": return tv(id)
        case "title": return tv(title)
        case "desc": return tv(desc)
        case "width": return tv(width)
        case "height": return tv(height)
        case "rows": return tv(rows)
        case "legend": return tv(legend)
        case "tableHead": return tv(tableHead)
        case "tableRows": return tv(tableRows)
        default: return nil
        }
    }
}

public struct ChartRowVM: ViewModel {
    public var label: String
    public var fullLabel: String
    public var textY: Int
    public var barY: Int
    public var labelX: Int
    public var valueX: Int
    public var valueText: String
    public var segments: [SegmentVM]

    public func value(_ key: String) -> TemplateValue? {
        switch key {
        case "label": return tv(label)
        case "fullLabel": return tv(fullLabel)
        case "textY": return tv(textY)
        case "barY": return tv(barY)
        case "labelX": return tv(labelX)
        case "valueX": return tv(valueX)
        case "valueText": return tv(valueText)
        case "segments": return tv(segments)
        default: return nil
        }
    }
}

public struct SegmentVM: ViewModel {
    public var x: String
    public var width: String
    public var color: String
    public var title: String

    public func value(_ key: String) -> TemplateValue? {
        switch key {
        case "x": return tv(x)
        case "width": return tv(width)
        case "color": return tv(color)
        case "title": return tv(title)
        default: return nil
        }
    }
}

public struct LegendVM: ViewModel {
    public var label: String
    public var color: String
    public var x: Int
    public var y: Int
    public var textX: Int
    public var textY: Int

    public func value(_ key: String) -> TemplateValue? {
        switch key {
        case "label": return tv(label)
        case "color": return tv(color)
        case "x": return tv(x)
        case "y": return tv(y)
        case "textX": return tv(textX)
        case "textY": return tv(textY)
        default: return nil
        }
    }
}

public struct ChartTableRowVM: ViewModel {
    public var label: String
    public var cells: [String]

    public func value(_ key: String) -> TemplateValue? {
        switch key {
        case "label": return tv(label)
        case "cells": return tv(cells)
        default: return nil
        }
    }
}
