#!/usr/bin/env python3
"""Real-browser test of the relay's chat page (run through Tests/Browser/run.sh).

Starts `huabei-bot relay` on a free loopback port over a temporary data directory, a tiny test bot that
long-polls the relay's getUpdates and answers every message with "收到：" + text, and headless Chromium.
Then, as a person would: open the page, send 我的花呗被冻结了, see the bot's reply, reload, see the history,
check that user text is shown as text (not HTML), stop the bot and see the offline notice.

Every wait has a deadline; every process is stopped at the end; any failure exits non-zero.
"""

import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request

import harness

BOT_TOKEN = "987654321:browser-test-token_ABCDEFGHIJKLMN"
QUESTION = "我的花呗被冻结了"
REPLY_PREFIX = "收到："
HOSTILE = '<img src=x onerror="document.title=\'pwned\'">'


class Failure(Exception):
    pass


def free_port():
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def http_json(url, data=None, timeout=10):
    body = None if data is None else json.dumps(data).encode("utf-8")
    request = urllib.request.Request(url, data=body, headers={"Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return response.status, json.loads(response.read().decode("utf-8"))
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read().decode("utf-8") or "{}")


def wait_for(what, condition, deadline_seconds, interval=0.1):
    deadline = time.monotonic() + deadline_seconds
    last_error = None
    while time.monotonic() < deadline:
        try:
            value = condition()
            if value:
                return value
        except Exception as error:  # the condition may fail until the thing is ready
            last_error = error
        time.sleep(interval)
    raise Failure(f"timed out after {deadline_seconds}s waiting for {what}" + (f" ({last_error})" if last_error else ""))


class TestBot(threading.Thread):
    """Long-polls getUpdates like the daemon and answers each message with 收到：<text>."""

    def __init__(self, base):
        super().__init__(daemon=True)
        self.api = f"{base}/bot{BOT_TOKEN}"
        self.stopping = threading.Event()
        self.answered = 0
        self.errors = []

    def run(self):
        offset = 0
        while not self.stopping.is_set():
            try:
                status, body = http_json(f"{self.api}/getUpdates?offset={offset}&timeout=2", timeout=10)
                if status != 200 or not body.get("ok"):
                    self.errors.append(f"getUpdates: {status} {body}")
                    time.sleep(0.5)
                    continue
                for update in body["result"]:
                    offset = update["update_id"] + 1
                    message = update["message"]
                    status, sent = http_json(f"{self.api}/sendMessage", {
                        "chat_id": message["chat"]["id"],
                        "text": REPLY_PREFIX + message["text"],
                        "reply_to_message_id": message["message_id"],
                    })
                    if status != 200:
                        self.errors.append(f"sendMessage: {status} {sent}")
                    else:
                        self.answered += 1
            except Exception as error:
                if not self.stopping.is_set():
                    self.errors.append(repr(error))
                    time.sleep(0.5)

    def stop(self):
        self.stopping.set()
        self.join(timeout=15)


def bubbles(driver, sender):
    from selenium.webdriver.common.by import By
    return [element.text for element in driver.find_elements(By.CSS_SELECTOR, f"#messages .row.{sender} .bubble")]


def run(args, checks):
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    data = tempfile.mkdtemp(prefix="relay-browser-")
    log_path = os.path.join(data, "relay.log")
    relay = bot = driver = None
    log = open(log_path, "w")
    try:
        environment = dict(os.environ, HUABEI_BOT_TOKEN=BOT_TOKEN)
        relay = subprocess.Popen(
            [args.binary, "relay", "--listen", f"127.0.0.1:{port}", "--data", data, "--offline-after", "3"],
            env=environment, stdout=log, stderr=subprocess.STDOUT)

        def relay_answers():
            if relay.poll() is not None:
                raise Failure(f"relay exited with {relay.returncode}")
            return http_json(f"{base}/api/status", timeout=2)[0] == 200
        wait_for("the relay to answer", relay_answers, 60)

        bot = TestBot(base)
        bot.start()
        wait_for("the test bot to poll", lambda: http_json(f"{base}/api/status")[1].get("bot_polling"), 20)

        from selenium.webdriver.common.by import By
        driver = harness.make_driver("412,860", "relay-chromium-")
        driver.set_page_load_timeout(30)
        driver.get(base + "/")
        wait_for("the page to start", lambda: driver.execute_script("return document.body.dataset.ready") == "1", 30)
        checks.check("page title is 花呗解冻助手", driver.title == "花呗解冻助手")
        textarea = driver.find_element(By.ID, "input")
        checks.check("Chinese placeholder", "请输入" in (textarea.get_attribute("placeholder") or ""))
        wait_for("the presence to show online",
                 lambda: driver.find_element(By.ID, "presence").text == "在线", 20)
        checks.check("no offline notice while the bot polls",
                     not driver.find_element(By.ID, "offline").is_displayed())

        textarea.send_keys(QUESTION)
        driver.find_element(By.ID, "send").click()
        expected = REPLY_PREFIX + QUESTION
        wait_for("the bot's reply", lambda: expected in bubbles(driver, "bot"), 30)
        checks.check("the question is shown", bubbles(driver, "user") == [QUESTION])
        checks.check("the reply is shown", bubbles(driver, "bot") == [expected])

        cookie = driver.get_cookie("huabei_chat")
        checks.check("the chat is kept in a cookie", cookie is not None and "." in cookie["value"])

        driver.refresh()
        wait_for("the page to start after reload",
                 lambda: driver.execute_script("return document.body.dataset.ready") == "1", 30)
        wait_for("the history after reload", lambda: bubbles(driver, "bot") == [expected], 15)
        checks.check("history survives a reload",
                     bubbles(driver, "user") == [QUESTION] and bubbles(driver, "bot") == [expected])
        driver.save_screenshot(args.screenshot)
        checks.check("screenshot written", os.path.getsize(args.screenshot) > 0)

        textarea = driver.find_element(By.ID, "input")
        textarea.send_keys(HOSTILE)
        driver.find_element(By.ID, "send").click()
        wait_for("the reply to the markup", lambda: REPLY_PREFIX + HOSTILE in bubbles(driver, "bot"), 30)
        images = driver.find_elements(By.CSS_SELECTOR, "#messages img")
        checks.check("user text is shown as text, never as HTML",
                     HOSTILE in bubbles(driver, "user") and not images and driver.title == "花呗解冻助手")

        bot.stop()
        wait_for("the offline notice", lambda: driver.find_element(By.ID, "offline").is_displayed(), 30)
        checks.check("offline notice when the bot stops polling", True)
        checks.check("the test bot saw no errors", not bot.errors)
        if bot.errors:
            print("test bot errors:", *bot.errors[:5], sep="\n  ", file=sys.stderr)
    finally:
        if driver is not None:
            try:
                driver.quit()
            except Exception:
                pass
        if bot is not None and bot.is_alive():
            bot.stop()
        if relay is not None and relay.poll() is None:
            relay.send_signal(signal.SIGTERM)
            try:
                relay.wait(timeout=15)
            except subprocess.TimeoutExpired:
                relay.kill()
                relay.wait()
        log.close()
        if checks.failed or os.environ.get("RELAY_BROWSER_KEEP"):
            with open(log_path) as relay_log:
                tail = relay_log.readlines()[-30:]
            print("relay log (last lines):", *tail, sep="\n  ", file=sys.stderr)
        shutil.rmtree(data, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(harness.main(__doc__.splitlines()[0], "browser test: relay page in headless Chromium", "browser", run))
