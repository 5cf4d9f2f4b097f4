import Foundation

/// A minimal log-log line chart written as SVG text, so benchmark figures can be plotted without a plotting tool.
struct SVGLineChart {
    struct Series {
        var name: String
        var color: String
        /// (x, y) pairs; both axes are logarithmic, so every value must be positive.
        var points: [(Double, Double)]
    }

    var title: String
    var xLabel = "AgriPlatforms"
    var yUnit: String
    var series: [Series]

    static let panelWidth = 460.0
    static let panelHeight = 340.0
    static let margin = (left: 60.0, right: 30.0, top: 40.0, bottom: 100.0)

    /// The panels side by side in one SVG document.
    static func document(panels: [SVGLineChart]) -> String {
        let width = panelWidth * Double(panels.count)
        var svg = """
            <svg xmlns="http://www.w3.org/2000/svg" width="\(Int(width))" height="\(Int(panelHeight))" \
            font-family="sans-serif" font-size="12">
            <rect width="100%" height="100%" fill="white"/>

            """
        for (index, panel) in panels.enumerated() {
            svg += "<g transform=\"translate(\(Int(panelWidth) * index),0)\">\n\(panel.body())</g>\n"
        }
        return svg + "</svg>\n"
    }

    /// Decades spanning `values`, e.g. 10, 100, 1000.
    static func decades(_ values: [Double]) -> (low: Double, high: Double) {
        let low = pow(10, floor(log10(values.min() ?? 1)))
        let high = pow(10, ceil(log10(values.max() ?? 10)))
        return (low, high > low ? high : low * 10)
    }

    func body() -> String {
        let all = series.flatMap(\.points).filter { $0.0 > 0 && $0.1 > 0 }
        let xRange = Self.decades(all.map(\.0))
        let yRange = Self.decades(all.map(\.1))
        let m = Self.margin
        let plotWidth = Self.panelWidth - m.left - m.right
        let plotHeight = Self.panelHeight - m.top - m.bottom
        func x(_ value: Double) -> Double {
            m.left + plotWidth * log10(value / xRange.low) / log10(xRange.high / xRange.low)
        }
        func y(_ value: Double) -> Double {
            m.top + plotHeight * (1 - log10(value / yRange.low) / log10(yRange.high / yRange.low))
        }
        func format(_ value: Double) -> String { String(format: "%.4g", value) }
        var svg = "<text x=\"\(m.left)\" y=\"24\" font-weight=\"bold\">\(title)</text>\n"
        svg += "<rect x=\"\(m.left)\" y=\"\(m.top)\" width=\"\(plotWidth)\" height=\"\(plotHeight)\" "
        svg += "fill=\"none\" stroke=\"#444\"/>\n"
        var tick = xRange.low
        while tick <= xRange.high * 1.0001 {
            svg += "<line x1=\"\(x(tick))\" y1=\"\(m.top)\" x2=\"\(x(tick))\" y2=\"\(m.top + plotHeight)\" "
            svg += "stroke=\"#ddd\"/>\n<text x=\"\(x(tick))\" y=\"\(m.top + plotHeight + 16)\" "
            svg += "text-anchor=\"middle\">\(format(tick))</text>\n"
            tick *= 10
        }
        tick = yRange.low
        while tick <= yRange.high * 1.0001 {
            svg += "<line x1=\"\(m.left)\" y1=\"\(y(tick))\" x2=\"\(m.left + plotWidth)\" y2=\"\(y(tick))\" "
            svg += "stroke=\"#ddd\"/>\n<text x=\"\(m.left - 6)\" y=\"\(y(tick) + 4)\" "
            svg += "text-anchor=\"end\">\(format(tick)) \(yUnit)</text>\n"
            tick *= 10
        }
        svg += "<text x=\"\(m.left + plotWidth / 2)\" y=\"\(m.top + plotHeight + 34)\" "
        svg += "text-anchor=\"middle\">\(xLabel) (log scale)</text>\n"
        for (index, line) in series.enumerated() where !line.points.isEmpty {
            let path = line.points.map { "\(x($0.0)),\(y($0.1))" }.joined(separator: " ")
            svg += "<polyline points=\"\(path)\" fill=\"none\" stroke=\"\(line.color)\" stroke-width=\"2\"/>\n"
            for point in line.points {
                svg += "<circle cx=\"\(x(point.0))\" cy=\"\(y(point.1))\" r=\"3\" fill=\"\(line.color)\">"
                svg += "<title>\(format(point.0)): \(format(point.1)) \(yUnit)</title></circle>\n"
            }
            let legendY = m.top + plotHeight + 52 + 16 * Double(index)
            svg += "<line x1=\"\(m.left)\" y1=\"\(legendY - 4)\" x2=\"\(m.left + 20)\" y2=\"\(legendY - 4)\" "
            svg += "stroke=\"\(line.color)\" stroke-width=\"2\"/>\n"
            svg += "<text x=\"\(m.left + 26)\" y=\"\(legendY)\">\(line.name)</text>\n"
        }
        return svg
    }
}
