extension ChatPage {
    /// The page's CSS: one column, full height on a phone, bubbles left (bot) and right (person).
    static let style = #"""

:root {
  --bg: #f3f5f9; --panel: #ffffff; --ink: #1f2937; --muted: #6b7280;
  --brand: #1677ff; --brand-ink: #ffffff; --bot: #ffffff; --line: #e5e7eb;
  --warn-bg: #fff7e6; --warn-ink: #ad4e00; --error-bg: #fff1f0; --error-ink: #cf1322;
}
* { box-sizing: border-box; }
html, body { height: 100%; margin: 0; }
body {
  font-family: -apple-system, BlinkMacSystemFont, "PingFang SC", "Hiragino Sans GB", "Microsoft YaHei",
    "Noto Sans CJK SC", "WenQuanYi Micro Hei", sans-serif;
  background: var(--bg); color: var(--ink);
  display: flex; justify-content: center;
}
.app {
  display: flex; flex-direction: column; width: 100%; max-width: 720px;
  height: 100vh; height: 100dvh; background: var(--bg);
}
header {
  display: flex; align-items: center; gap: 10px; padding: 12px 16px;
  padding-top: max(12px, env(safe-area-inset-top));
  background: var(--brand); color: var(--brand-ink);
}
header .avatar {
  width: 36px; height: 36px; border-radius: 50%; background: rgba(255,255,255,.2);
  display: flex; align-items: center; justify-content: center; font-weight: 600;
}
header h1 { font-size: 17px; margin: 0; font-weight: 600; }
header .presence { font-size: 12px; opacity: .9; display: flex; align-items: center; gap: 5px; }
header .dot { width: 8px; height: 8px; border-radius: 50%; background: #95de64; }
header .dot.off { background: #d9d9d9; }
.notice {
  display: none; padding: 8px 16px; font-size: 13px; line-height: 1.5;
  background: var(--warn-bg); color: var(--warn-ink); border-bottom: 1px solid #ffd591;
}
.notice.show { display: block; }
.notice.error { background: var(--error-bg); color: var(--error-ink); border-bottom-color: #ffa39e; }
main {
  flex: 1; overflow-y: auto; padding: 16px 12px; display: flex; flex-direction: column; gap: 12px;
  -webkit-overflow-scrolling: touch;
}
.welcome {
  align-self: center; text-align: center; color: var(--muted); font-size: 13px; line-height: 1.7;
  background: var(--panel); border-radius: 12px; padding: 12px 16px; max-width: 90%;
}
.row { display: flex; flex-direction: column; max-width: 82%; }
.row.user { align-self: flex-end; align-items: flex-end; }
.row.bot { align-self: flex-start; align-items: flex-start; }
.bubble {
  padding: 9px 13px; border-radius: 16px; font-size: 15px; line-height: 1.55;
  white-space: pre-wrap; word-break: break-word; overflow-wrap: anywhere;
}
.user .bubble { background: var(--brand); color: var(--brand-ink); border-bottom-right-radius: 4px; }
.bot .bubble {
  background: var(--bot); color: var(--ink); border-bottom-left-radius: 4px; border: 1px solid var(--line);
}
.meta { font-size: 11px; color: var(--muted); margin: 3px 6px 0; }
.row.pending .bubble { opacity: .6; }
.row.failed .meta { color: var(--error-ink); }
footer {
  display: flex; gap: 8px; align-items: flex-end; padding: 10px 12px;
  padding-bottom: max(10px, env(safe-area-inset-bottom));
  background: var(--panel); border-top: 1px solid var(--line);
}
textarea {
  flex: 1; resize: none; font: inherit; font-size: 16px; line-height: 1.4;
  padding: 9px 12px; border: 1px solid var(--line); border-radius: 18px; outline: none;
  max-height: 120px; min-height: 40px; background: #fafafa; color: var(--ink);
}
textarea:focus { border-color: var(--brand); background: #fff; }
button {
  font: inherit; font-size: 15px; border: 0; border-radius: 18px; padding: 0 18px; height: 40px;
  background: var(--brand); color: var(--brand-ink); cursor: pointer; flex: none;
}
button:disabled { background: #91caff; cursor: default; }

"""#
}
