#!/usr/bin/env python3
"""Browser test of the operator report page (run through Tests/Browser/run.sh, or on its own with the venv's python).

Writes a small turn log (plain and gzip-compressed files, a damaged line, a message full of HTML), runs
`huabei-bot report --format html`, then checks the page: it parses as HTML with balanced tags, holds no script
and fetches nothing; in headless Chromium it opens, shows the figures and the charts, shows the hostile message
as text without running it, and loads no resource. A screenshot goes to --screenshot.

Any failure exits non-zero.
"""

import gzip
import html.parser
import json
import os
import shutil
import subprocess
import sys
import tempfile

import harness

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
HOSTILE = '<img src=x onerror="document.title=\'pwned\'"><script>window.pwned=1</script>'
VOID = {"meta", "br", "img", "input", "link", "hr", "col", "area", "base", "embed", "source", "track", "wbr"}


def record(day, second, chat, text, intent, decision="intent", confidence=0.9, reply_key=None, step="idle"):
    return {
        "v": 1, "time": f"{day}T10:{second // 60:02d}:{second % 60:02d}Z", "channel": "telegram", "chat_id": str(chat),
        "update_id": second, "text": text, "intent": intent, "confidence": confidence, "runner_up": None,
        "decision": decision, "reply_key": reply_key or intent, "step": step, "latency_us": 1000 + second, "notices": [],
    }


def write_logs(data):
    logs = os.path.join(data, "logs")
    os.makedirs(logs)
    first = [
        record("2026-11-01", 1, 1, "花呗用不了了", "freeze_overview", step="diagnose.ask_overdue"),
        record("2026-11-01", 2, 1, "有", "affirm", reply_key="overdue", step="overdue.repaid"),
        record("2026-11-01", 3, 1, "还清了", "affirm", reply_key="overdue.repaid.affirm"),
    ] + [record("2026-11-01", 10 + n, 2, HOSTILE, "out_of_scope", "out_of_scope:predicted", 0.8, "out_of_scope", "menu")
         for n in range(3)]
    second = [record("2026-11-02", 20 + n, 3, "余额宝怎么转出来", "out_of_scope", "out_of_scope:low_confidence", 0.3,
                     "out_of_scope", "menu") for n in range(2)]
    with open(os.path.join(logs, "turns-2026-11-01.jsonl"), "w", encoding="utf-8") as handle:
        for line in first:
            handle.write(json.dumps(line, ensure_ascii=False) + "\n")
        handle.write("this line is damaged\n")
    with gzip.open(os.path.join(logs, "turns-2026-11-02.jsonl.gz"), "wt", encoding="utf-8") as handle:
        for line in second:
            handle.write(json.dumps(line, ensure_ascii=False) + "\n")
    return len(first) + len(second)


class Structure(html.parser.HTMLParser):
    """Checks that every element is closed in order, and collects what must not be there."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack = []
        self.problems = []
        self.tags = {}
        self.external = []
        self.text = []

    def handle_starttag(self, tag, attrs):
        self.tags[tag] = self.tags.get(tag, 0) + 1
        for name, value in attrs:
            if name in ("src", "href") or (value or "").startswith(("http:", "https:", "//")):
                if not (name == "xmlns" and value == "http://www.w3.org/2000/svg"):
                    self.external.append(f"{tag} {name}={value}")
        if tag not in VOID:
            self.stack.append(tag)

    def handle_startendtag(self, tag, attrs):
        self.tags[tag] = self.tags.get(tag, 0) + 1

    def handle_endtag(self, tag):
        if not self.stack or self.stack[-1] != tag:
            self.problems.append(f"</{tag}> closes {self.stack[-1] if self.stack else 'nothing'}")
        else:
            self.stack.pop()

    def handle_data(self, data):
        self.text.append(data)


def run(args, checks):
    data = tempfile.mkdtemp(prefix="report-browser-")
    driver = None
    try:
        turns = write_logs(data)
        page = os.path.join(data, "report.html")
        result = subprocess.run(
            [args.binary, "report", "--data", data, "--intents", os.path.join(ROOT, "Intents"), "--format", "html",
             "--time-zone", "UTC", "--output", page],
            capture_output=True, text=True, timeout=120)
        checks.check("report --format html exits 0", result.returncode == 0, result.stderr.strip())
        if result.returncode != 0:
            return
        with open(page, encoding="utf-8") as handle:
            source = handle.read()

        structure = Structure()
        structure.feed(source)
        structure.close()
        checks.check("the page parses with every element closed in order", not structure.problems and not structure.stack,
                     "; ".join(structure.problems[:5] + structure.stack[:5]))
        checks.check("no script, image, link or iframe element", all(structure.tags.get(tag, 0) == 0
                                                                     for tag in ("script", "img", "link", "iframe")))
        checks.check("nothing fetched from elsewhere (no src, href or external URL)", not structure.external,
                     ", ".join(structure.external[:5]))
        checks.check("inline SVG charts", structure.tags.get("svg", 0) >= 4 and structure.tags.get("rect", 0) > 0)
        checks.check("the hostile message is text in the page source", HOSTILE in "".join(structure.text))

        driver = harness.make_driver("1000,1600", "report-chromium-")
        driver.get("file://" + page)
        from selenium.webdriver.common.by import By
        checks.check("opens with its title", driver.title.startswith("HuabeiBot report 2026-11-01"), driver.title)
        turns_shown = driver.find_element(By.CSS_SELECTOR, "#card-turns .value").text
        checks.check("shows the number of turns", turns_shown == str(turns), turns_shown)
        damaged = driver.find_element(By.CSS_SELECTOR, "#damaged").text
        checks.check("says how many damaged lines were skipped", damaged == "1 damaged line skipped", damaged)
        charts = driver.find_elements(By.CSS_SELECTOR, "svg.chart")
        checks.check("draws the charts", len(charts) >= 4 and all(chart.size["height"] > 20 for chart in charts),
                     f"{len(charts)} charts")
        messages = [element.text for element in driver.find_elements(By.CSS_SELECTOR, "#messages td.message .text")]
        checks.check("lists the not-understood messages, most frequent first", messages[:2] == [HOSTILE, "余额宝怎么转出来"],
                     repr(messages[:2]))
        checks.check("the hostile message did not run", driver.title != "pwned"
                     and driver.execute_script("return window.pwned === undefined")
                     and not driver.find_elements(By.CSS_SELECTOR, "img, script"))
        resources = driver.execute_script("return performance.getEntriesByType('resource').map(e => e.name)")
        checks.check("loads no resource", resources == [], repr(resources))
        width = driver.execute_script("return document.documentElement.scrollWidth")
        checks.check("fits the window without horizontal scrolling", width <= 1000, f"{width}px")
        driver.save_screenshot(args.screenshot)
        print(f"  screenshot: {args.screenshot}")
    finally:
        if driver is not None:
            driver.quit()
        shutil.rmtree(data, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(harness.main(__doc__.splitlines()[0], "browser test: report page in headless Chromium", "report page", run))
