"""What both browser tests share: the pass/fail tally, headless Chromium from Debian, and the command line.

Selenium is given Debian's chromedriver and chromium explicitly and runs offline, so it never tries to download
a driver.
"""

import argparse
import atexit
import os
import shutil
import tempfile


class Checks:
    """Counts and prints named checks; a failure does not stop the test."""

    def __init__(self):
        self.passed = 0
        self.failed = 0

    def check(self, name, condition, detail=""):
        if condition:
            self.passed += 1
            print(f"  ok    {name}")
        else:
            self.failed += 1
            print(f"  FAIL  {name}" + (f": {detail}" if detail else ""))


def make_driver(window_size, profile_prefix):
    """Headless Chromium with a Chinese UI language and a fresh profile (removed when the test exits);
    `window_size` is "WIDTH,HEIGHT"."""
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = "/usr/bin/chromium"
    for argument in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                     f"--window-size={window_size}", "--lang=zh-CN", "--no-first-run"):
        options.add_argument(argument)
    profile = tempfile.mkdtemp(prefix=profile_prefix)
    atexit.register(shutil.rmtree, profile, True)
    options.add_argument(f"--user-data-dir={profile}")
    return webdriver.Chrome(service=Service(executable_path="/usr/bin/chromedriver"), options=options)


def main(description, title, summary, run):
    """Parses --binary and --screenshot, calls `run(args, checks)`, prints the tally; returns the exit status."""
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--binary", required=True, help="the huabei-bot executable")
    parser.add_argument("--screenshot", required=True, help="where to write the PNG screenshot")
    args = parser.parse_args()
    os.environ.setdefault("SE_OFFLINE", "true")  # Selenium Manager must never try to download anything
    checks = Checks()
    print(title)
    try:
        run(args, checks)
    except Exception as error:
        checks.failed += 1
        print(f"  FAIL  {type(error).__name__}: {error}")
    print(f"{summary}: {checks.passed} passed, {checks.failed} failed")
    return 1 if checks.failed else 0
