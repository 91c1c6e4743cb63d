/// The page's style sheet: system fonts only (nothing to download), one
/// column a laptop reads comfortably, cards for the headline, and print
/// rules that drop the navigation and keep charts whole on a page.
///
/// Tier colours run from dark (global) to grey (standard) and stay apart
/// for the common colour-vision deficiencies; Kano categories use the
/// colours of the usual Kano diagram (must-be red, one-dimensional blue,
/// attractive green).
enum ReportStyle {
    static let css: StaticString = """

    :root { --ink: #1d2733; --muted: #5b6775; --line: #d8dee5; --panel: #f5f7fa; --accent: #1f5f99; }
    * { box-sizing: border-box; }
    body { margin: 0; color: var(--ink); background: #fff;
      font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; }
    header, main, footer { max-width: 1160px; margin: 0 auto; padding: 0 24px; }
    header { padding-top: 22px; border-bottom: 1px solid var(--line); }
    h1 { font-size: 26px; margin: 0 0 2px; }
    h2 { font-size: 20px; margin: 0 0 12px; padding-top: 8px; color: var(--accent); }
    h3 { font-size: 15px; margin: 16px 0 6px; }
    .sub { color: var(--muted); margin: 0 0 10px; }
    nav { display: flex; flex-wrap: wrap; gap: 4px 16px; padding: 6px 0 12px; font-size: 14px; }
    nav a { color: var(--accent); text-decoration: none; }
    nav a:hover { text-decoration: underline; }
    section { padding: 18px 0 8px; border-bottom: 1px solid var(--line); }
    footer { color: var(--muted); font-size: 13px; padding-top: 10px; padding-bottom: 30px; }
    .cards { display: grid; grid-template-columns: repeat(auto-fill, minmax(200px, 1fr)); gap: 12px; }
    .card { background: var(--panel); border: 1px solid var(--line); border-radius: 8px; padding: 10px 14px; }
    .card .label { color: var(--muted); font-size: 13px; }
    .card .value { font-size: 26px; font-weight: 650; font-variant-numeric: tabular-nums; }
    .card .detail { color: var(--muted); font-size: 13px; }
    .note { color: var(--muted); font-size: 13px; max-width: 900px; }
    .problem { color: #a93226; font-weight: 600; max-width: 900px; }
    .two { display: grid; grid-template-columns: repeat(auto-fit, minmax(420px, 1fr)); gap: 8px 28px; }
    svg.chart { width: 100%; height: auto; display: block; font-size: 12px; }
    svg.chart text { fill: var(--ink); }
    .grid line { stroke: #edf0f3; }
    .axis line { stroke: #8a96a3; }
    .axis text { fill: var(--muted); }
    .axis-label { font-size: 12px; }
    .curve { fill: none; stroke: var(--accent); stroke-width: 2.5; }
    .cut { stroke: #c0392b; stroke-dasharray: 5 4; stroke-width: 1.2; }
    .cut-label { fill: #c0392b !important; font-size: 12px; }
    .split { stroke: #8a96a3; stroke-dasharray: 4 4; }
    .quadrant { fill: #9aa5b1 !important; font-size: 13px; font-style: italic; }
    .landmark { fill: #b7c0ca !important; font-size: 10px; }
    .pts circle { fill-opacity: 0.8; }
    .pts.t-global circle, .pts.t-national circle, .pts.t-key circle { fill-opacity: 1; stroke: #fff; stroke-width: 0.8; }
    .base rect { fill: #fff; stroke: #111; stroke-width: 1.6; }
    .base text { font-size: 10px; font-weight: 600; }
    .t-global { fill: #4b2a86; background: #4b2a86; }
    .t-national { fill: #1f78b4; background: #1f78b4; }
    .t-key { fill: #2ca25f; background: #2ca25f; }
    .t-standard { fill: #b9c1c9; background: #b9c1c9; }
    .base-sw { background: #fff; border: 1.6px solid #111; }
    .k-M { fill: #c0392b; background: #c0392b; }
    .k-O { fill: #1f78b4; background: #1f78b4; }
    .k-A { fill: #2ca25f; background: #2ca25f; }
    .k-I { fill: #95a5a6; background: #95a5a6; }
    .k-R { fill: #e67e22; background: #e67e22; }
    .k-Q { fill: #7f8c8d; background: #7f8c8d; }
    .c1 { fill: #1b9e77; background: #1b9e77; } .c2 { fill: #d95f02; background: #d95f02; }
    .c3 { fill: #7570b3; background: #7570b3; } .c4 { fill: #e7298a; background: #e7298a; }
    .c5 { fill: #66a61e; background: #66a61e; } .c6 { fill: #e6ab02; background: #e6ab02; }
    .c7 { fill: #a6761d; background: #a6761d; } .c8 { fill: #666666; background: #666666; }
    .u-low { fill: #9ecae1; } .u-ok { fill: #2c7fb8; } .u-full { fill: #c0392b; }
    .need text { font-size: 11px; }
    .leader { stroke: #9aa5b1; stroke-width: 0.8; }
    .legend { display: flex; flex-wrap: wrap; gap: 4px 16px; font-size: 13px; margin: 4px 0 8px; }
    .legend .sw { display: inline-block; width: 11px; height: 11px; border-radius: 2px; margin-right: 5px; vertical-align: -1px; }
    .table-wrap { overflow-x: auto; margin: 8px 0 12px; }
    table { border-collapse: collapse; font-size: 13px; min-width: 50%; }
    th, td { padding: 4px 10px; border-bottom: 1px solid var(--line); text-align: left; vertical-align: top; }
    th { background: var(--panel); position: sticky; top: 0; }
    td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
    table.sortable th { cursor: pointer; user-select: none; }
    table.sortable th[aria-sort="ascending"]::after { content: " \\25B2"; }
    table.sortable th[aria-sort="descending"]::after { content: " \\25BC"; }
    .scroll { max-height: 640px; overflow-y: auto; }
    input.filter { font: inherit; padding: 5px 9px; width: 320px; max-width: 100%; border: 1px solid var(--line);
      border-radius: 6px; margin-bottom: 6px; }
    .count { color: var(--muted); font-size: 13px; margin-left: 10px; }
    @media print {
      nav, input.filter { display: none; }
      body { font-size: 12px; }
      header, main, footer { max-width: none; padding: 0; }
      section { break-inside: avoid-page; border: 0; }
      svg.chart, .card, tr { break-inside: avoid; }
      svg.chart { max-height: 12cm; }
      .two { grid-template-columns: 1fr 1fr; }
      .table-wrap { overflow: visible; }
      .scroll { max-height: none; overflow: visible; }
      th { position: static; }
    }

    """
}

/// The page's only script: click a column header of a `sortable` table to
/// sort by it (numbers by value: "1.23 M" > "45.2 k"), type in the box
/// above to keep the rows that contain the text. Without the script the
/// tables are simply static.
enum ReportScript {
    static let javascript: StaticString = """

    (function () {
      "use strict";
      var units = { k: 1e3, M: 1e6, bn: 1e9 };
      function sortKey(text) {
        var match = /^(-?[0-9][0-9,]*(?:\\.[0-9]+)?)\\s*(k|M|bn|%)?$/.exec(text.trim());
        if (!match) { return null; }
        return parseFloat(match[1].replace(/,/g, "")) * (units[match[2]] || 1);
      }
      function compare(a, b) {
        var x = sortKey(a), y = sortKey(b);
        if (x !== null && y !== null) { return x - y; }
        if (x !== null) { return -1; }
        if (y !== null) { return 1; }
        return a.localeCompare(b);
      }
      Array.prototype.forEach.call(document.querySelectorAll("table.sortable"), function (table) {
        var headers = table.tHead.rows[0].cells;
        Array.prototype.forEach.call(headers, function (th, column) {
          th.setAttribute("aria-sort", "none");
          th.setAttribute("title", "Sort by " + th.textContent);
          th.addEventListener("click", function () {
            var ascending = th.getAttribute("aria-sort") !== "ascending";
            Array.prototype.forEach.call(headers, function (other) { other.setAttribute("aria-sort", "none"); });
            th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
            var body = table.tBodies[0];
            var rows = Array.prototype.slice.call(body.rows);
            rows.sort(function (r, s) {
              var order = compare(r.cells[column].textContent, s.cells[column].textContent);
              return ascending ? order : -order;
            });
            rows.forEach(function (row) { body.appendChild(row); });
          });
        });
      });
      Array.prototype.forEach.call(document.querySelectorAll("input.filter"), function (input) {
        var table = document.getElementById(input.getAttribute("data-table"));
        if (!table) { return; }
        var counter = document.createElement("span");
        counter.className = "count";
        input.parentNode.insertBefore(counter, input.nextSibling);
        function apply() {
          var needle = input.value.trim().toLowerCase(), shown = 0, rows = table.tBodies[0].rows;
          Array.prototype.forEach.call(rows, function (row) {
            var keep = needle === "" || row.textContent.toLowerCase().indexOf(needle) >= 0;
            row.hidden = !keep;
            if (keep) { shown += 1; }
          });
          counter.textContent = shown + " of " + rows.length + " rows";
        }
        input.addEventListener("input", apply);
        apply();
      });
    })();

    """
}
