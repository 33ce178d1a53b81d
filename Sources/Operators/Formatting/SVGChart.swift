/// Small bar charts as inline SVG: no script, no external resource. Every label is escaped.
enum SVGChart {
    /// One bar: a label, its value, and an optional second value drawn over it (a part of the whole).
    struct Bar {
        var label: String
        var value: Double
        var part: Double?
        /// The tooltip.
        var title: String
    }

    private typealias H = HTMLText

    /// Vertical bars, for a series over days or ranges. Labels are thinned out to about 12 when crowded.
    static func columns(_ bars: [Bar], label: String, width: Double = 880, height: Double = 220) -> String {
        let top = 12.0
        let bottom = 36.0
        let left = 56.0
        let plotHeight = height - top - bottom
        let plotWidth = width - left - 8
        let maximum = niceMaximum(bars.map(\.value).max() ?? 0)
        let slot = bars.isEmpty ? plotWidth : plotWidth / Double(bars.count)
        let barWidth = max(1, slot * 0.72)
        let labelEvery = max(1, Int((Double(bars.count) / 12).rounded(.up)))
        var svg = open(width: width, height: height, label: label)
        svg += axis(maximum: maximum, left: left, top: top, plotWidth: plotWidth, plotHeight: plotHeight)
        for (index, bar) in bars.enumerated() {
            let x = left + Double(index) * slot + (slot - barWidth) / 2
            let barHeight = maximum > 0 ? bar.value / maximum * plotHeight : 0
            svg += "<g class=\"bar\"><title>\(H.escaped(bar.title))</title>"
            svg += rect(x: x, y: top + plotHeight - barHeight, width: barWidth, height: barHeight, class: "value")
            if let part = bar.part, maximum > 0 {
                let partHeight = part / maximum * plotHeight
                svg += rect(x: x, y: top + plotHeight - partHeight, width: barWidth, height: partHeight, class: "part")
            }
            svg += "</g>"
            if index % labelEvery == 0 {
                svg += "<text class=\"label\" x=\"\(H.coordinate(x + barWidth / 2))\" y=\"\(H.coordinate(height - bottom + 16))\" "
                    + "text-anchor=\"middle\">\(H.escaped(bar.label))</text>"
            }
        }
        return svg + "</svg>"
    }

    /// Horizontal bars with their labels on the left, for shares of a whole.
    static func rows(_ bars: [Bar], label: String, width: Double = 880, valueText: (Bar) -> String) -> String {
        let rowHeight = 22.0
        let left = 300.0
        let right = 90.0
        let height = max(rowHeight, Double(bars.count) * rowHeight) + 8
        let plotWidth = width - left - right
        let maximum = bars.map(\.value).max() ?? 0
        var svg = open(width: width, height: height, label: label)
        for (index, bar) in bars.enumerated() {
            let y = 4 + Double(index) * rowHeight
            let barWidth = maximum > 0 ? max(1, bar.value / maximum * plotWidth) : 0
            svg += "<g class=\"bar\"><title>\(H.escaped(bar.title))</title>"
            svg += "<text class=\"label\" x=\"\(H.coordinate(left - 8))\" y=\"\(H.coordinate(y + 15))\" text-anchor=\"end\">\(H.escaped(bar.label))</text>"
            svg += rect(x: left, y: y + 3, width: barWidth, height: rowHeight - 6, class: "value")
            if let part = bar.part, maximum > 0 {
                svg += rect(x: left, y: y + 3, width: part / maximum * plotWidth, height: rowHeight - 6, class: "part")
            }
            svg += "<text class=\"number\" x=\"\(H.coordinate(left + barWidth + 6))\" y=\"\(H.coordinate(y + 15))\">\(H.escaped(valueText(bar)))</text>"
            svg += "</g>"
        }
        return svg + "</svg>"
    }

    private static func open(width: Double, height: Double, label: String) -> String {
        "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" viewBox=\"0 0 \(H.coordinate(width)) \(H.coordinate(height))\" "
            + "role=\"img\" aria-label=\"\(H.escaped(label))\">"
    }

    private static func rect(x: Double, y: Double, width: Double, height: Double, class name: String) -> String {
        "<rect class=\"\(name)\" x=\"\(H.coordinate(x))\" y=\"\(H.coordinate(y))\" width=\"\(H.coordinate(max(0, width)))\" "
            + "height=\"\(H.coordinate(max(0, height)))\"/>"
    }

    private static func axis(maximum: Double, left: Double, top: Double, plotWidth: Double, plotHeight: Double) -> String {
        var svg = ""
        for step in 0...4 {
            let value = maximum * Double(step) / 4
            let y = top + plotHeight - plotHeight * Double(step) / 4
            svg += "<line class=\"grid\" x1=\"\(H.coordinate(left))\" x2=\"\(H.coordinate(left + plotWidth))\" "
                + "y1=\"\(H.coordinate(y))\" y2=\"\(H.coordinate(y))\"/>"
            svg += "<text class=\"axis\" x=\"\(H.coordinate(left - 6))\" y=\"\(H.coordinate(y + 4))\" text-anchor=\"end\">"
                + "\(TerminalText.grouped(Int(value.rounded())))</text>"
        }
        return svg
    }

    /// A round number at or above `value`: 1, 2 or 5 times a power of ten.
    static func niceMaximum(_ value: Double) -> Double {
        guard value > 0 else { return 1 }
        var scale = 1.0
        while scale * 10 <= value { scale *= 10 }
        for factor in [1.0, 2, 5, 10] where factor * scale >= value { return factor * scale }
        return 10 * scale
    }
}
