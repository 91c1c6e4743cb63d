/// The report's charts: small SVG drawings written straight into the page,
/// so report.html needs no chart library and no network.
///
/// Every chart draws into a `viewBox` of fixed units and scales to the
/// width of the page; coordinates are written with one decimal, which is
/// finer than a screen pixel and keeps reruns byte-identical. Colours come
/// from CSS classes (`s0`, `s1`, ... per series) defined once in the page.

/// Maps a closed interval of data values onto an interval of drawing units.
struct LinearScale: Sendable {
    var domain: (low: Double, high: Double)
    var range: (low: Double, high: Double)

    init(domain: (Double, Double), range: (Double, Double)) {
        // A degenerate domain (one value) is widened so the point lands mid-range.
        self.domain = domain.0 < domain.1 ? domain : (domain.0 - 1, domain.0 + 1)
        self.range = range
    }

    func callAsFunction(_ value: Double) -> Double {
        range.low + (value - domain.low) / (domain.high - domain.low) * (range.high - range.low)
    }

    /// About `count` round tick values inside the domain (steps of 1, 2 or 5 x 10^k).
    func ticks(_ count: Int = 5) -> [Double] {
        let span = domain.high - domain.low
        guard span > 0, span.isFinite else { return [domain.low] }
        let raw = span / Double(max(count, 1))
        var magnitude = 1.0
        while magnitude * 10 <= raw { magnitude *= 10 }
        while magnitude > raw { magnitude /= 10 }
        let step = [1.0, 2, 5, 10].map { $0 * magnitude }.first { $0 >= raw } ?? magnitude * 10
        var value = (domain.low / step).rounded(.up) * step
        var ticks: [Double] = []
        while value <= domain.high + step * 1e-9 {
            ticks.append(abs(value) < step * 1e-9 ? 0 : value)
            value += step
        }
        return ticks
    }
}

/// Numbers inside SVG attributes: one decimal, no trailing zeros.
func svgNumber(_ value: Double) -> String { Format.trimmed(value, 1) }

/// A drawing area with margins for the axes' labels.
struct ChartFrame: Sendable {
    var width: Double
    var height: Double
    var left: Double = 56
    var right: Double = 28
    var top: Double = 14
    var bottom: Double = 40

    var plotLeft: Double { left }
    var plotRight: Double { width - right }
    var plotTop: Double { top }
    var plotBottom: Double { height - bottom }

    /// `<svg>` with a readable label for screen readers, scaling to the page width.
    func svg(_ html: inout HTML, label: String, _ content: (inout HTML) -> Void) {
        html.element("svg", ["viewBox": "0 0 \(svgNumber(width)) \(svgNumber(height))", "role": "img",
                             "aria-label": label, "class": "chart"]) { html in
            html.element("title", text: label)
            content(&html)
        }
    }

    /// Axis lines, grid lines and tick labels.
    func axes(_ html: inout HTML, x: LinearScale, y: LinearScale, xTicks: [Double], yTicks: [Double],
              xFormat: (Double) -> String, yFormat: (Double) -> String, xLabel: String, yLabel: String) {
        html.element("g", ["class": "grid"]) { html in
            for tick in yTicks {
                let position = svgNumber(y(tick))
                html.empty("line", ["x1": svgNumber(plotLeft), "x2": svgNumber(plotRight), "y1": position, "y2": position])
            }
            for tick in xTicks {
                let position = svgNumber(x(tick))
                html.empty("line", ["x1": position, "x2": position, "y1": svgNumber(plotTop), "y2": svgNumber(plotBottom)])
            }
        }
        html.element("g", ["class": "axis"]) { html in
            html.empty("line", ["x1": svgNumber(plotLeft), "x2": svgNumber(plotRight),
                                "y1": svgNumber(plotBottom), "y2": svgNumber(plotBottom)])
            html.empty("line", ["x1": svgNumber(plotLeft), "x2": svgNumber(plotLeft),
                                "y1": svgNumber(plotTop), "y2": svgNumber(plotBottom)])
            for tick in xTicks {
                html.element("text", ["x": svgNumber(x(tick)), "y": svgNumber(plotBottom + 15), "text-anchor": "middle"],
                             text: xFormat(tick))
            }
            for tick in yTicks {
                html.element("text", ["x": svgNumber(plotLeft - 6), "y": svgNumber(y(tick) + 4), "text-anchor": "end"],
                             text: yFormat(tick))
            }
            html.element("text", ["x": svgNumber((plotLeft + plotRight) / 2), "y": svgNumber(height - 6),
                                  "text-anchor": "middle", "class": "axis-label"], text: xLabel)
            html.element("text", ["x": svgNumber(12), "y": svgNumber((plotTop + plotBottom) / 2), "text-anchor": "middle",
                                  "class": "axis-label",
                                  "transform": "rotate(-90 12 \(svgNumber((plotTop + plotBottom) / 2)))"], text: yLabel)
        }
    }
}

/// One named series of a chart and its colour class.
struct ChartSeries: Hashable, Sendable {
    var name: String
    /// CSS class giving the colour (`t-global`, `c3`, ...).
    var colourClass: String
}

/// A legend under a chart: a coloured swatch and the series name each.
func chartLegend(_ html: inout HTML, _ series: [ChartSeries], counts: [String]? = nil) {
    html.element("div", ["class": "legend"]) { html in
        for (index, entry) in series.enumerated() {
            html.element("span") { html in
                html.element("i", ["class": "sw \(entry.colourClass)"])
                html.text(entry.name + (counts.map { " " + $0[index] } ?? ""))
            }
        }
    }
}

// MARK: - Labels

/// Places text labels next to points so that they do not overlap each other
/// (or the points registered as obstacles), trying right, left, above and
/// below at growing distances; first come, first placed, so callers pass
/// the most important points first.
struct LabelPlacer: Sendable {
    struct Box: Sendable {
        var left, top, right, bottom: Double
        func overlaps(_ other: Box) -> Bool {
            left < other.right && other.left < right && top < other.bottom && other.top < bottom
        }
    }

    struct Placement: Sendable {
        var x: Double
        var y: Double
        var anchor: String
        /// Whether the label sits away from its point (draw a leader line).
        var displaced: Bool
    }

    var bounds: Box
    var fontSize: Double
    private(set) var taken: [Box] = []

    init(bounds: Box, fontSize: Double) {
        self.bounds = bounds
        self.fontSize = fontSize
    }

    /// A point (or other mark) that labels must not cover.
    mutating func obstacle(x: Double, y: Double, radius: Double) {
        taken.append(Box(left: x - radius, top: y - radius, right: x + radius, bottom: y + radius))
    }

    /// Where to write `text` for the point at (x, y); `nil` when every spot
    /// is taken and `required` is false (the hover title still names it).
    /// A required label that fits nowhere goes where it covers the least.
    mutating func place(_ text: String, x: Double, y: Double, gap: Double = 7, required: Bool) -> Placement? {
        // Average glyph width of a sans-serif face is about 0.6 em; a little more keeps neighbours apart.
        let width = Double(text.count) * fontSize * 0.65 + 2, height = fontSize + 2
        var best: (box: Box, placement: Placement, covered: Double)?
        for step in 0..<Self.steps {
            let shift = Double((step + 1) / 2) * (height + 1) * (step % 2 == 0 ? 1 : -1)
            let candidates: [(Box, Placement)] = [
                (Box(left: x + gap, top: y + shift - height / 2, right: x + gap + width, bottom: y + shift + height / 2),
                 Placement(x: x + gap, y: y + shift + height * 0.35, anchor: "start", displaced: step > 0)),
                (Box(left: x - gap - width, top: y + shift - height / 2, right: x - gap, bottom: y + shift + height / 2),
                 Placement(x: x - gap, y: y + shift + height * 0.35, anchor: "end", displaced: step > 0)),
            ]
            for (box, placement) in candidates {
                guard box.left >= bounds.left, box.right <= bounds.right, box.top >= bounds.top, box.bottom <= bounds.bottom
                else { continue }
                let covered = taken.reduce(0) { $0 + $1.overlapArea(box) }
                if covered == 0 {
                    taken.append(box)
                    return placement
                }
                if best == nil || covered < best!.covered { best = (box, placement, covered) }
            }
        }
        guard required, let best else { return nil }
        taken.append(best.box)
        return best.placement
    }

    /// Rows tried above and below the point, alternately, on each side.
    static let steps = 13
}

extension LabelPlacer.Box {
    func overlapArea(_ other: Self) -> Double {
        max(0, min(right, other.right) - max(left, other.left)) * max(0, min(bottom, other.bottom) - max(top, other.top))
    }
}

// MARK: - Pareto curve

/// The cumulative turnover curve of the ABC analysis: clients ranked by
/// turnover (x: share of clients) against the share of turnover they make (y).
struct ParetoChart: Sendable {
    /// (share of clients, cumulative share of turnover), from (0, 0) to (1, 1), x ascending.
    var curve: [(x: Double, y: Double)]
    /// The cut-offs of the policy, as shares of turnover, with their labels ("A 80 %").
    var cutoffs: [(share: Double, label: String)]
    /// Where each class ends, as a share of clients, with its label ("A: 312 clients").
    var classEnds: [(share: Double, label: String)]

    /// At most `limit` points of the curve: the ranks at even steps, so a
    /// million clients draw as a few hundred segments; the shape is kept
    /// because the curve is concave (turnover descends along the ranks).
    static func curve(cumulativeShares: [Double], limit: Int = 400) -> [(x: Double, y: Double)] {
        let n = cumulativeShares.count
        guard n > 0 else { return [(0, 0)] }
        var points: [(x: Double, y: Double)] = [(0, 0)]
        let step = max(1, n / limit)
        var rank = step
        while rank < n {
            points.append((Double(rank) / Double(n), cumulativeShares[rank - 1]))
            rank += step
        }
        points.append((1, cumulativeShares[n - 1]))
        return points
    }

    func draw(_ html: inout HTML, label: String) {
        let frame = ChartFrame(width: 720, height: 320)
        let x = LinearScale(domain: (0, 1), range: (frame.plotLeft, frame.plotRight))
        let y = LinearScale(domain: (0, 1), range: (frame.plotBottom, frame.plotTop))
        let ticks = [0, 0.2, 0.4, 0.6, 0.8, 1.0]
        frame.svg(&html, label: label) { html in
            frame.axes(&html, x: x, y: y, xTicks: ticks, yTicks: ticks, xFormat: { Format.percent($0, decimals: 0) },
                       yFormat: { Format.percent($0, decimals: 0) },
                       xLabel: "share of clients, largest turnover first", yLabel: "share of turnover")
            for cutoff in cutoffs {
                let level = svgNumber(y(cutoff.share))
                html.empty("line", ["class": "cut", "x1": svgNumber(frame.plotLeft), "x2": svgNumber(frame.plotRight),
                                    "y1": level, "y2": level])
                html.element("text", ["class": "cut-label", "x": svgNumber(frame.plotRight - 4),
                                      "y": svgNumber(y(cutoff.share) + 14), "text-anchor": "end"], text: cutoff.label)
            }
            for (index, end) in classEnds.enumerated() {
                let position = svgNumber(x(end.share))
                html.empty("line", ["class": "cut", "x1": position, "x2": position,
                                    "y1": svgNumber(frame.plotTop), "y2": svgNumber(frame.plotBottom)])
                html.element("text", ["class": "cut-label", "x": svgNumber(x(end.share) + 4),
                                      "y": svgNumber(frame.plotBottom - 8 - Double(index) * 14)], text: end.label)
            }
            let path = curve.map { "\(svgNumber(x($0.x))),\(svgNumber(y($0.y)))" }.joined(separator: " ")
            html.empty("polyline", ["class": "curve", "points": path])
        }
    }
}

// MARK: - Bars

/// One horizontal bar.
struct Bar: Sendable {
    var label: String
    var value: Double
    /// The figure printed after the bar ("41.2 %", "312").
    var valueLabel: String
    var colourClass: String
    /// Hover text.
    var title: String?
}

/// Horizontal bars with their labels on the left and values on the right,
/// and an optional reference line (100 % capacity).
struct BarChart: Sendable {
    var bars: [Bar]
    /// The value at the right end of the axis; at least the largest bar.
    var scaleMaximum: Double?
    var reference: (value: Double, label: String)?
    var barHeight: Double = 18
    var labelWidth: Double = 170
    /// Drawing units across; a chart in half a page column uses fewer, so its text stays readable.
    var width: Double = 720
    /// Room right of the longest bar for its value label.
    var valueWidth: Double = 110

    func draw(_ html: inout HTML, label: String) {
        let gap = 6.0
        let frame = ChartFrame(width: width, height: Double(bars.count) * (barHeight + gap) + 34, left: labelWidth,
                               right: valueWidth, top: 6, bottom: 28)
        let maximum = max(scaleMaximum ?? 0, bars.map(\.value).max() ?? 0, reference?.value ?? 0, 1e-12)
        let x = LinearScale(domain: (0, maximum), range: (frame.plotLeft, frame.plotRight))
        frame.svg(&html, label: label) { html in
            for (index, bar) in bars.enumerated() {
                let top = frame.plotTop + Double(index) * (barHeight + gap)
                let middle = svgNumber(top + barHeight / 2 + 4)
                html.element("text", ["x": svgNumber(frame.plotLeft - 8), "y": middle, "text-anchor": "end"],
                             text: Self.shortened(bar.label, to: Int(labelWidth / 7)))
                html.element("rect", ["class": bar.colourClass, "x": svgNumber(frame.plotLeft), "y": svgNumber(top),
                                      "width": svgNumber(max(0, x(max(0, bar.value)) - frame.plotLeft)),
                                      "height": svgNumber(barHeight)]) { html in
                    if let title = bar.title { html.element("title", text: title) }
                }
                html.element("text", ["x": svgNumber(x(max(0, bar.value)) + 6), "y": middle], text: bar.valueLabel)
            }
            if let reference {
                let position = svgNumber(x(reference.value))
                html.empty("line", ["class": "cut", "x1": position, "x2": position, "y1": svgNumber(frame.plotTop - 4),
                                    "y2": svgNumber(frame.plotBottom)])
                html.element("text", ["class": "cut-label", "x": position, "y": svgNumber(frame.height - 8),
                                      "text-anchor": "middle"], text: reference.label)
            }
        }
    }

    /// Long names end in an ellipsis so the bars keep their room; the full name is in the hover title.
    static func shortened(_ text: String, to length: Int) -> String {
        text.count <= length ? text : String(text.prefix(max(1, length - 1))) + "…"
    }
}

// MARK: - Scatter

/// One point of a scatter chart.
struct ScatterPoint: Sendable {
    var x: Double
    var y: Double
    /// Index into the chart's series.
    var series: Int
    /// Radius in drawing units.
    var radius: Double = 3
    /// Hover text; `nil` keeps large charts small.
    var title: String?
}

/// A labelled mark drawn over the points (a manager's base, a capital).
struct ScatterMark: Sendable {
    enum Shape: Sendable { case square, label }
    var x: Double
    var y: Double
    var shape: Shape
    var text: String
    var title: String?
}

/// Points coloured by series, with optional marks on top.
///
/// With `equalAspect` one unit of x is as long as one unit of y (the PCA
/// map, where distances mean something); `xStretch` multiplies x for the
/// equirectangular map, where a degree of longitude is cos(latitude) of a
/// degree of latitude.
struct ScatterChart: Sendable {
    var points: [ScatterPoint]
    var series: [ChartSeries]
    var marks: [ScatterMark] = []
    var xLabel: String
    var yLabel: String
    var equalAspect = false
    var xStretch = 1.0
    var maxHeight = 520.0
    /// The data window to draw (x range, y range); `nil` fits every point and mark.
    /// Points outside the window are left out.
    var window: (x: (Double, Double), y: (Double, Double))?

    func draw(_ html: inout HTML, label: String) {
        var domainX: (Double, Double), domainY: (Double, Double)
        if let window {
            (domainX, domainY) = window
        } else {
            let xs = points.map(\.x) + marks.map(\.x), ys = points.map(\.y) + marks.map(\.y)
            guard let minX = xs.min(), let maxX = xs.max(), let minY = ys.min(), let maxY = ys.max() else { return }
            // 4 % padding so points on the edge are not cut in half.
            let padX = max((maxX - minX) * 0.04, 1e-6), padY = max((maxY - minY) * 0.04, 1e-6)
            (domainX, domainY) = ((minX - padX, maxX + padX), (minY - padY, maxY + padY))
        }
        var frame = ChartFrame(width: 720, height: 400)
        let plotWidth = frame.plotRight - frame.plotLeft
        if equalAspect || xStretch != 1 {
            // Height follows from the data's aspect; a too-tall picture widens x instead.
            let spanX = (domainX.1 - domainX.0) * xStretch, spanY = domainY.1 - domainY.0
            var plotHeight = plotWidth * spanY / spanX
            let maxPlotHeight = maxHeight - frame.top - frame.bottom
            if plotHeight > maxPlotHeight {
                plotHeight = maxPlotHeight
                let wantedSpanX = spanY * plotWidth / plotHeight / xStretch
                let middle = (domainX.0 + domainX.1) / 2
                domainX = (middle - wantedSpanX / 2, middle + wantedSpanX / 2)
            } else if plotHeight < 160 {
                plotHeight = 160
                let wantedSpanY = spanX * plotHeight / plotWidth
                let middle = (domainY.0 + domainY.1) / 2
                domainY = (middle - wantedSpanY / 2, middle + wantedSpanY / 2)
            }
            frame.height = plotHeight + frame.top + frame.bottom
        }
        let x = LinearScale(domain: domainX, range: (frame.plotLeft, frame.plotRight))
        let y = LinearScale(domain: domainY, range: (frame.plotBottom, frame.plotTop))
        frame.svg(&html, label: label) { html in
            frame.axes(&html, x: x, y: y, xTicks: x.ticks(), yTicks: y.ticks(), xFormat: { Format.trimmed($0, 2) },
                       yFormat: { Format.trimmed($0, 2) }, xLabel: xLabel, yLabel: yLabel)
            for (index, entry) in series.enumerated() {
                html.element("g", ["class": "pts \(entry.colourClass)"]) { html in
                    for point in points where point.series == index
                        && domainX.0 <= point.x && point.x <= domainX.1 && domainY.0 <= point.y && point.y <= domainY.1 {
                        let attributes: KeyValuePairs<StaticString, String?> = [
                            "cx": svgNumber(x(point.x)), "cy": svgNumber(y(point.y)),
                            "r": point.radius == 3 ? nil : svgNumber(point.radius),
                        ]
                        if let title = point.title {
                            html.element("circle", attributes) { $0.element("title", text: title) }
                        } else {
                            html.empty("circle", attributes)
                        }
                    }
                }
            }
            var placer = LabelPlacer(bounds: .init(left: frame.plotLeft, top: frame.plotTop, right: frame.plotRight,
                                                   bottom: frame.plotBottom), fontSize: 10)
            let inside = marks.filter { domainX.0 <= $0.x && $0.x <= domainX.1 && domainY.0 <= $0.y && $0.y <= domainY.1 }
            for mark in inside where mark.shape == .square { placer.obstacle(x: x(mark.x), y: y(mark.y), radius: 4) }
            for mark in inside where mark.shape == .label {
                html.element("text", ["class": "landmark", "x": svgNumber(x(mark.x)), "y": svgNumber(y(mark.y)),
                                      "text-anchor": "middle"], text: mark.text)
            }
            for mark in inside where mark.shape == .square {
                html.element("g", ["class": "base"]) { html in
                    html.element("rect", ["x": svgNumber(x(mark.x) - 4), "y": svgNumber(y(mark.y) - 4),
                                          "width": "8", "height": "8"]) { html in
                        if let title = mark.title { html.element("title", text: title) }
                    }
                    if !mark.text.isEmpty, let spot = placer.place(mark.text, x: x(mark.x), y: y(mark.y), required: false) {
                        html.element("text", ["x": svgNumber(spot.x), "y": svgNumber(spot.y), "text-anchor": spot.anchor],
                                     text: mark.text)
                    }
                }
            }
        }
    }
}

// MARK: - Kano quadrant

/// Better (y, 0...1) against |Worse| (x, 0...1) per need, split at 0.5
/// into the four quadrants of the Kano satisfaction diagram: attractive
/// (top left: delights, its absence costs little), one-dimensional (top
/// right), must-be (bottom right: only its absence is felt), indifferent
/// (bottom left).
struct QuadrantChart: Sendable {
    struct Point: Sendable {
        var worse: Double
        var better: Double
        var label: String
        /// Colour class of the need's category.
        var colourClass: String
        var title: String
    }

    var points: [Point]

    func draw(_ html: inout HTML, label: String) {
        let frame = ChartFrame(width: 460, height: 400, left: 48, right: 14, top: 12, bottom: 40)
        let x = LinearScale(domain: (0, 1), range: (frame.plotLeft, frame.plotRight))
        let y = LinearScale(domain: (0, 1), range: (frame.plotBottom, frame.plotTop))
        let ticks = [0, 0.25, 0.5, 0.75, 1.0]
        frame.svg(&html, label: label) { html in
            let quadrants: [(x: Double, y: Double, anchor: String, name: String)] = [
                (0.02, 0.97, "start", "attractive"), (0.98, 0.97, "end", "one-dimensional"),
                (0.98, 0.03, "end", "must-be"), (0.02, 0.03, "start", "indifferent"),
            ]
            frame.axes(&html, x: x, y: y, xTicks: ticks, yTicks: ticks, xFormat: { Format.trimmed($0, 2) },
                       yFormat: { Format.trimmed($0, 2) }, xLabel: "|Worse|: dissatisfaction when missing",
                       yLabel: "Better: satisfaction when present")
            let middleX = svgNumber(x(0.5)), middleY = svgNumber(y(0.5))
            html.empty("line", ["class": "split", "x1": middleX, "x2": middleX, "y1": svgNumber(frame.plotTop),
                                "y2": svgNumber(frame.plotBottom)])
            html.empty("line", ["class": "split", "x1": svgNumber(frame.plotLeft), "x2": svgNumber(frame.plotRight),
                                "y1": middleY, "y2": middleY])
            for quadrant in quadrants {
                html.element("text", ["class": "quadrant", "x": svgNumber(x(quadrant.x)),
                                      "y": svgNumber(y(quadrant.y) + (quadrant.y > 0.5 ? 10 : -4)),
                                      "text-anchor": quadrant.anchor], text: quadrant.name)
            }
            let positions = points.map { (x(min(max($0.worse, 0), 1)), y(min(max($0.better, 0), 1))) }
            var placer = LabelPlacer(bounds: .init(left: frame.plotLeft, top: frame.plotTop, right: frame.plotRight,
                                                   bottom: frame.plotBottom), fontSize: 11)
            for (cx, cy) in positions { placer.obstacle(x: cx, y: cy, radius: 5) }
            for (point, (cx, cy)) in zip(points, positions) {
                html.element("g", ["class": "need \(point.colourClass)"]) { html in
                    html.element("circle", ["cx": svgNumber(cx), "cy": svgNumber(cy), "r": "5"]) { html in
                        html.element("title", text: point.title)
                    }
                    let text = BarChart.shortened(point.label, to: 28)
                    guard let spot = placer.place(text, x: cx, y: cy, required: true) else { return }
                    if spot.displaced {
                        html.empty("line", ["class": "leader", "x1": svgNumber(cx), "y1": svgNumber(cy),
                                            "x2": svgNumber(spot.x), "y2": svgNumber(spot.y - 4)])
                    }
                    html.element("text", ["x": svgNumber(spot.x), "y": svgNumber(spot.y), "text-anchor": spot.anchor], text: text)
                }
            }
        }
    }
}
