/// The report page's style sheet: system fonts only (no web font, nothing fetched), light and dark.
/// Free of `<` and `&`, so the page stays well-formed XML.
enum ReportHTMLStyle {
    static let css = """
    :root { color-scheme: light dark; --ink: #1d2330; --muted: #667085; --line: #d9dde5; --card: #f6f7f9; --bar: #3b82f6; --part: #f59e0b; }
    @media (prefers-color-scheme: dark) { :root { --ink: #e6e8ee; --muted: #9aa3b2; --line: #39404d; --card: #1f242d; } body { background: #15181e; } }
    * { box-sizing: border-box; }
    body { margin: 0 auto; max-width: 960px; padding: 24px 16px 48px; color: var(--ink);
      font: 15px/1.5 -apple-system, "Segoe UI", "PingFang SC", "Hiragino Sans GB", "Microsoft YaHei", "Noto Sans CJK SC", "WenQuanYi Micro Hei", sans-serif; }
    h1 { font-size: 24px; margin: 0 0 4px; }
    h2 { font-size: 18px; margin: 32px 0 8px; border-bottom: 1px solid var(--line); padding-bottom: 4px; }
    .meta, .note { color: var(--muted); font-size: 13px; }
    .cards { display: grid; grid-template-columns: repeat(auto-fit, minmax(170px, 1fr)); gap: 12px; margin-top: 16px; }
    .card { background: var(--card); border-radius: 8px; padding: 12px 14px; }
    .card .value { font-size: 22px; font-weight: 600; }
    .card .label { color: var(--muted); font-size: 13px; }
    table { border-collapse: collapse; width: 100%; font-size: 14px; }
    th, td { text-align: left; padding: 4px 8px; border-bottom: 1px solid var(--line); vertical-align: top; }
    th { color: var(--muted); font-weight: 500; }
    td.number, th.number { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
    td.message { word-break: break-all; }
    .variants { color: var(--muted); font-size: 13px; }
    svg.chart { width: 100%; height: auto; display: block; margin: 8px 0; }
    svg.chart rect.value { fill: var(--bar); }
    svg.chart rect.part { fill: var(--part); }
    svg.chart line.grid { stroke: var(--line); stroke-width: 1; }
    svg.chart text { fill: var(--muted); font-size: 12px; }
    svg.chart text.number { fill: var(--ink); }
    .legend span { display: inline-block; width: 10px; height: 10px; margin: 0 4px 0 12px; border-radius: 2px; }
    .legend .value { background: var(--bar); }
    .legend .part { background: var(--part); }
    code { font-size: 13px; }
    """
}
