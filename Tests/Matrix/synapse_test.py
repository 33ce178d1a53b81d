#!/usr/bin/env python3
"""The daemon against a real Synapse, through the Matrix client-server API (Python standard library only).

Started by Tests/Matrix/run.sh, which installs Synapse. Checks, each waiting for events (a person's /sync long poll
sees the bot's message), never for a guessed time:

  direct    a person opens a direct chat and invites the bot, which joins and runs a whole diagnosis dialogue
  group     in a room of three only the messages that mention the bot are answered
  encrypted an encrypted room gets one plain notice; its encrypted messages are not answered
  token     a wrong access token stops the daemon with exit code 77
  crash     5 rooms send while the daemon is killed with kill -9 three times: every message answered once, in order
  sigterm   SIGTERM during a long /sync ends the daemon within 2 s
  bench     (not in the default set) messages per second through Synapse: first a baseline bot in this script that
            answers every message at once with a fixed text (what the server allows), then the daemon

Expected replies come from `huabei-bot repl --jsonl` fed the same messages, so a reply that is missing, repeated or
out of order shows as a difference.
"""

import argparse
import hashlib
import hmac
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
import uuid

SERVER = "localhost"
BOT = f"@huabei:{SERVER}"
BOT_NAME = "HuabeiBot"
DIALOGUE = ["花呗被冻结了怎么办", "没有", "没有", "是的"]


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class HTTPError(Exception):
    def __init__(self, status, body):
        super().__init__(f"HTTP {status}: {body[:300]}")
        self.status = status
        self.body = body


def request(method, url, body=None, token=None, timeout=60):
    data = None if body is None else json.dumps(body).encode()
    req = urllib.request.Request(url, data=data, method=method)
    if data is not None:
        req.add_header("Content-Type", "application/json")
    if token:
        req.add_header("Authorization", f"Bearer {token}")
    try:
        with urllib.request.urlopen(req, timeout=timeout) as response:
            return json.loads(response.read() or b"{}")
    except urllib.error.HTTPError as error:
        raise HTTPError(error.code, error.read().decode(errors="replace")) from None


class Synapse:
    """Synapse on a free loopback port, SQLite in a temporary directory."""

    def __init__(self, python, workdir):
        self.python = python
        self.dir = os.path.join(workdir, "synapse")
        os.makedirs(self.dir)
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.secret = uuid.uuid4().hex
        self.process = None

    def write_config(self):
        relaxed = {"per_second": 10000, "burst_count": 10000}
        config = {
            "server_name": SERVER,
            "pid_file": os.path.join(self.dir, "homeserver.pid"),
            "listeners": [{"port": self.port, "bind_addresses": ["127.0.0.1"], "type": "http", "tls": False,
                           "x_forwarded": False, "resources": [{"names": ["client"], "compress": False}]}],
            "database": {"name": "sqlite3", "args": {"database": os.path.join(self.dir, "homeserver.db")}},
            "media_store_path": os.path.join(self.dir, "media"),
            "signing_key_path": os.path.join(self.dir, "signing.key"),
            "registration_shared_secret": self.secret,
            "enable_registration": False,
            "report_stats": False,
            "trusted_key_servers": [],
            "suppress_key_server_warning": True,
            "macaroon_secret_key": uuid.uuid4().hex,
            "form_secret": uuid.uuid4().hex,
            "rc_message": relaxed,
            "rc_registration": relaxed,
            "rc_login": {"address": relaxed, "account": relaxed, "failed_attempts": relaxed},
            "rc_joins": {"local": relaxed, "remote": relaxed},
            "rc_joins_per_room": relaxed,
            "rc_invites": {"per_room": relaxed, "per_user": relaxed, "per_issuer": relaxed},
            "rc_presence": {"per_user": relaxed},
            "log_config": os.path.join(self.dir, "log.yaml"),
        }
        with open(os.path.join(self.dir, "log.yaml"), "w") as f:
            f.write("version: 1\nformatters: {f: {format: '%(asctime)s %(levelname)s %(name)s %(message)s'}}\n"
                    f"handlers: {{file: {{class: logging.FileHandler, formatter: f, filename: {self.dir}/homeserver.log}}}}\n"
                    "root: {level: WARNING, handlers: [file]}\ndisable_existing_loggers: false\n")
        path = os.path.join(self.dir, "homeserver.yaml")
        with open(path, "w") as f:
            json.dump(config, f)  # JSON is YAML
        subprocess.run([self.python, "-m", "synapse.app.homeserver", "-c", path, "--generate-keys"], check=True,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        return path

    def start(self):
        path = self.write_config()
        self.output = open(os.path.join(self.dir, "stdout.log"), "w")
        self.process = subprocess.Popen([self.python, "-m", "synapse.app.homeserver", "-c", path],
                                        stdout=self.output, stderr=subprocess.STDOUT)
        deadline = time.monotonic() + 90
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise SystemExit("synapse exited at start; see " + self.dir)
            try:
                request("GET", self.url + "/_matrix/client/versions", timeout=2)
                return
            except (OSError, HTTPError):
                time.sleep(0.1)  # waiting for the port to answer
        raise SystemExit("synapse did not answer within 90 s")

    def register(self, localpart, password, displayname=None, admin=False):
        endpoint = self.url + "/_synapse/admin/v1/register"
        nonce = request("GET", endpoint)["nonce"]
        mac = hmac.new(self.secret.encode(), digestmod=hashlib.sha1)
        mac.update(b"\x00".join([nonce.encode(), localpart.encode(), password.encode(), b"admin" if admin else b"notadmin"]))
        body = {"nonce": nonce, "username": localpart, "password": password, "admin": admin, "mac": mac.hexdigest()}
        if displayname:
            body["displayname"] = displayname
        return request("POST", endpoint, body)

    def stop(self):
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


class Person:
    """A Matrix user whose /sync runs on a thread of its own and collects every room's timeline."""

    changed = threading.Condition()

    def __init__(self, synapse, localpart):
        self.synapse = synapse
        self.user_id = f"@{localpart}:{SERVER}"
        password = uuid.uuid4().hex
        self.token = synapse.register(localpart, password)["access_token"]
        self.timelines = {}
        self.invites = set()
        self.stopped = False
        self.error = None
        self.since = request("GET", self.api("/sync?timeout=0"), token=self.token)["next_batch"]
        self.thread = threading.Thread(target=self.sync_loop, daemon=True)
        self.thread.start()

    def api(self, path):
        return self.synapse.url + "/_matrix/client/v3" + path

    def sync_loop(self):
        while not self.stopped:
            try:
                answer = request("GET", self.api(f"/sync?timeout=5000&since={urllib.parse.quote(self.since)}"),
                                 token=self.token, timeout=30)
            except Exception as error:  # the server is stopping at the end of the run
                self.error = error
                time.sleep(0.2)
                continue
            with Person.changed:
                self.since = answer["next_batch"]
                rooms = answer.get("rooms", {})
                for room_id, room in rooms.get("join", {}).items():
                    self.timelines.setdefault(room_id, []).extend(room.get("timeline", {}).get("events", []))
                self.invites.update(rooms.get("invite", {}).keys())
                Person.changed.notify_all()

    def stop(self):
        self.stopped = True

    def create_room(self, invite, direct=True, encrypted=False, name=None):
        body = {"invite": invite, "is_direct": direct, "preset": "private_chat"}
        if name:
            body["name"] = name
        if encrypted:
            body["initial_state"] = [{"type": "m.room.encryption", "state_key": "",
                                      "content": {"algorithm": "m.megolm.v1.aes-sha2"}}]
        return request("POST", self.api("/createRoom"), body, token=self.token)["room_id"]

    def join(self, room_id):
        request("POST", self.api(f"/join/{urllib.parse.quote(room_id)}"), {}, token=self.token)

    def send(self, room_id, content, event_type="m.room.message"):
        path = f"/rooms/{urllib.parse.quote(room_id)}/send/{event_type}/{uuid.uuid4().hex}"
        return request("PUT", self.api(path), content, token=self.token)["event_id"]

    def say(self, room_id, text, mentions=None):
        content = {"msgtype": "m.text", "body": text}
        if mentions is not None:
            content["m.mentions"] = {"user_ids": mentions}
        return self.send(room_id, content)

    def bot_messages(self, room_id):
        return [event for event in self.timelines.get(room_id, [])
                if event.get("sender") == BOT and event.get("type") == "m.room.message"]

    def bot_texts(self, room_id):
        return [event["content"].get("body") for event in self.bot_messages(room_id)]

    def bot_joined(self, room_id):
        return any(event.get("type") == "m.room.member" and event.get("state_key") == BOT
                   and event.get("content", {}).get("membership") == "join"
                   for event in self.timelines.get(room_id, []))


def wait_until(predicate, timeout, what):
    deadline = time.monotonic() + timeout
    with Person.changed:
        while not predicate():
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise AssertionError(f"timed out after {timeout} s waiting for {what}")
            Person.changed.wait(remaining)


def expect(condition, message):
    if not condition:
        raise AssertionError(message)


class Daemon:
    """`huabei-bot run --channel matrix`, logging in with the bot's user id and a password file."""

    def __init__(self, args, synapse, workdir, name="bot", extra_env=None):
        self.args = args
        self.synapse = synapse
        self.data = os.path.join(workdir, name + "-data")
        self.log_path = os.path.join(workdir, name + ".log")
        self.extra_env = extra_env or {}
        self.process = None
        self.starts = 0

    def start(self, wait=True):
        env = dict(os.environ)
        env.pop("HUABEI_BOT_TOKEN", None)
        env.update({
            "HUABEI_CHANNEL_MATRIX_USER_ID": BOT,
            "HUABEI_CHANNEL_PASSWORD_FILE": self.args.password_file,
            "HUABEI_DAEMON_BACKOFF_INITIAL_SECONDS": "0.2",
            "HUABEI_DAEMON_BACKOFF_MAX_SECONDS": "2",
            "HUABEI_LOGGING_LEVEL": "debug",
        })
        env.update(self.extra_env)
        self.log = open(self.log_path, "a")
        self.log_offset = os.path.getsize(self.log_path)
        self.process = subprocess.Popen(
            [self.args.bin, "run", "--channel", "matrix", "--base-url", self.synapse.url, "--data", self.data,
             "--intents", self.args.intents],
            stdout=self.log, stderr=subprocess.STDOUT, env=env, cwd=self.args.root)
        self.starts += 1
        if wait:
            self.wait_for_log("polling for updates", 120)

    def log_text(self):
        with open(self.log_path, encoding="utf-8", errors="replace") as f:
            f.seek(self.log_offset)
            return f.read()

    def wait_for_log(self, text, timeout):
        deadline = time.monotonic() + timeout
        while text not in self.log_text():
            if self.process.poll() is not None:
                raise AssertionError(f"the daemon exited ({self.process.returncode}) before logging '{text}'; see {self.log_path}")
            if time.monotonic() > deadline:
                raise AssertionError(f"the daemon did not log '{text}' within {timeout} s; see {self.log_path}")
            time.sleep(0.05)  # reading its log as it grows

    def kill9(self):
        self.process.send_signal(signal.SIGKILL)
        self.process.wait()

    def stop(self):
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                return self.process.wait(10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                return self.process.wait()
        return self.process.returncode if self.process else None


def repl_replies(args, messages):
    """What the bot answers to `messages` in one chat, from the REPL on the same intents."""
    result = subprocess.run([args.bin, "repl", "--jsonl", "--intents", args.intents], input="\n".join(messages) + "\n",
                            capture_output=True, text=True, cwd=args.root, check=True)
    return [json.loads(line)["reply"] for line in result.stdout.splitlines() if line.strip()]


# MARK: checks

def check_direct(ctx):
    alice = ctx.person("alice")
    room = alice.create_room([BOT], direct=True)
    wait_until(lambda: alice.bot_joined(room), 30, "the bot to accept the invitation")
    expected = repl_replies(ctx.args, DIALOGUE)
    for index, text in enumerate(DIALOGUE):
        alice.say(room, text)
        wait_until(lambda: len(alice.bot_messages(room)) >= index + 1, 30, f"the answer to '{text}'")
    expect(alice.bot_texts(room) == expected, f"the dialogue differs from the REPL's:\n{alice.bot_texts(room)}\n{expected}")
    expect(any("\n" in text for text in expected), "the dialogue should have a reply with line breaks")
    last = alice.bot_messages(room)[-1]["content"]
    expect(last.get("msgtype") == "m.text", "replies are m.text")
    print(f"direct: {len(DIALOGUE)} messages of a diagnosis answered as the REPL answers them, line breaks kept")


def check_group(ctx):
    alice, bob = ctx.person("alice"), ctx.person("bob")
    room = alice.create_room([BOT, bob.user_id], direct=False, name="花呗互助群")
    wait_until(lambda: room in bob.invites, 30, "bob's invitation")
    bob.join(room)
    wait_until(lambda: alice.bot_joined(room), 30, "the bot to join the group")
    alice.say(room, "大家好，花呗被冻结了怎么办")  # no mention: not answered
    alice.say(room, f"{BOT_NAME}: 花呗被冻结了怎么办", mentions=[BOT])
    wait_until(lambda: len(alice.bot_messages(room)) >= 1, 30, "the answer to the mention")
    bob.say(room, f"{BOT} 没有")  # a client that does not say whom it mentions: the user id in the text
    wait_until(lambda: len(alice.bot_messages(room)) >= 2, 30, "the answer to the second mention")
    bob.say(room, "HuabeiBot 你好", mentions=[])  # says it mentions nobody
    alice.say(room, f"{BOT_NAME}: 是的", mentions=[BOT])
    wait_until(lambda: len(alice.bot_messages(room)) >= 3, 30, "the answer to the third mention")
    expected = repl_replies(ctx.args, ["花呗被冻结了怎么办", "没有", "是的"])
    expect(alice.bot_texts(room) == expected, f"group answers differ:\n{alice.bot_texts(room)}\n{expected}")
    print("group: only the 3 mentions of 5 messages answered, the mention taken out of the text")


def check_encrypted(ctx):
    carol = ctx.person("carol")
    room = carol.create_room([BOT], direct=True, encrypted=True)
    wait_until(lambda: len(carol.bot_messages(room)) >= 1, 30, "the encrypted-room notice")
    notice = carol.bot_texts(room)[0]
    expect("encrypted" in notice and "加密" in notice, f"not the notice: {notice}")
    carol.send(room, {"algorithm": "m.megolm.v1.aes-sha2", "ciphertext": "AwgAEnAC", "sender_key": "x", "session_id": "y",
                      "device_id": "Z"}, event_type="m.room.encrypted")
    carol.say(room, "花呗被冻结了怎么办")  # a plain message in the encrypted room can be read
    wait_until(lambda: len(carol.bot_messages(room)) >= 2, 30, "the answer to the plain message")
    expect(carol.bot_texts(room)[1:] == repl_replies(ctx.args, ["花呗被冻结了怎么办"]), "the plain message's answer differs")
    expect(len(carol.bot_messages(room)) == 2, "the encrypted message must get no answer")
    expect("encrypted room" in ctx.daemon.log_text(), "the notice must be logged")
    print("encrypted: one plain notice, the encrypted message not answered, a log line")


def check_token(ctx):
    wrong = Daemon(ctx.args, ctx.synapse, ctx.workdir, name="wrong-token",
                   extra_env={"HUABEI_BOT_TOKEN": "syt_aHVhYmVp_wrongwrongwrong_0000"})
    wrong.start(wait=False)
    try:
        code = wrong.process.wait(60)
    except subprocess.TimeoutExpired:
        wrong.stop()
        raise AssertionError("the daemon with a wrong token did not stop")
    expect(code == 77, f"a wrong token must exit 77, not {code}")
    expect("syt_aHVhYmVp_wrongwrongwrong_0000" not in open(wrong.log_path).read(), "the token must not be logged")
    print("token: a wrong access token exits 77 and is not logged")


def check_crash(ctx, rooms=5, per_room=12, kills=3):
    people = [ctx.person(f"p{index}") for index in range(rooms)]
    room_of = {}
    for person in people:
        room_of[person.user_id] = person.create_room([BOT], direct=True)
    wait_until(lambda: all(p.bot_joined(room_of[p.user_id]) for p in people), 60, "the bot to join the 5 rooms")
    scripts = {}
    for index, person in enumerate(people):
        # Each room its own dialogue: a diagnosis, then questions and thanks.
        base = DIALOGUE + ["多久能恢复", "谢谢", "你好", "花呗冻结了", "我有逾期", "怎么办", "还有别的原因吗", "好的"]
        scripts[person.user_id] = [f"{text}" for text in (base[index:] + base[:index])][:per_room]
    expected = {uid: repl_replies(ctx.args, script) for uid, script in scripts.items()}
    total = rooms * per_room
    errors = []

    def talk(person):
        try:
            for text in scripts[person.user_id]:
                person.say(room_of[person.user_id], text)
                time.sleep(0.15)  # paced traffic, not a wait for anything
        except Exception as error:
            errors.append(error)

    threads = [threading.Thread(target=talk, args=(p,)) for p in people]
    for thread in threads:
        thread.start()

    def answered():
        return sum(len(p.bot_messages(room_of[p.user_id])) for p in people)

    for kill in range(kills):
        threshold = (kill + 1) * total // (kills + 2)
        wait_until(lambda: answered() >= threshold, 120, f"{threshold} answers before kill {kill + 1}")
        ctx.daemon.kill9()
        ctx.daemon.start(wait=False)
    for thread in threads:
        thread.join()
    expect(not errors, f"sending failed: {errors}")
    wait_until(lambda: answered() >= total, 180, f"all {total} answers")
    code = ctx.daemon.stop()
    expect(code == 0, f"the daemon should stop cleanly, exit {code}")
    # Whatever the daemon sent before stopping has reached the people's /sync by now: a marker from each person
    # comes after it.
    for person in people:
        person.say(room_of[person.user_id], "marker")
    wait_until(lambda: all(any(e.get("content", {}).get("body") == "marker" for e in p.timelines[room_of[p.user_id]])
                           for p in people), 30, "the markers")
    for person in people:
        got = person.bot_texts(room_of[person.user_id])
        expect(got == expected[person.user_id],
               f"{person.user_id}: {len(got)} answers, expected {len(expected[person.user_id])}, in order, once each")
    ctx.daemon.start()
    print(f"crash: {total} messages from {rooms} rooms, {kills} kill -9 during traffic: every one answered once, in order")


def check_sigterm(ctx):
    daemon = ctx.daemon
    if daemon.process is None or daemon.process.poll() is not None:
        daemon.start()
    # The daemon is idle in its 30 s long poll once its log has been quiet for a second.
    last = None
    quiet_since = time.monotonic()
    while time.monotonic() - quiet_since < 1.0:
        text = daemon.log_text()
        if text != last:
            last, quiet_since = text, time.monotonic()
        time.sleep(0.05)
    started = time.monotonic()
    daemon.process.send_signal(signal.SIGTERM)
    code = daemon.process.wait(10)
    elapsed = time.monotonic() - started
    expect(code == 0, f"SIGTERM must exit 0, not {code}")
    expect(elapsed < 2.0, f"SIGTERM took {elapsed:.2f} s")
    print(f"sigterm: exit 0 in {elapsed:.2f} s during a long /sync")


class BaselineBot:
    """The server's own ceiling: a bot in this script that joins every invitation and answers every message at once
    with a fixed text, through the same /sync and PUT calls as the daemon."""

    def __init__(self, synapse, localpart, password):
        self.synapse = synapse
        self.user_id = f"@{localpart}:{SERVER}"
        self.token = request("POST", synapse.url + "/_matrix/client/v3/login",
                             {"type": "m.login.password", "identifier": {"type": "m.id.user", "user": localpart},
                              "password": password})["access_token"]
        self.stopped = False
        self.errors = []
        self.filter = urllib.parse.quote(json.dumps({"room": {"timeline": {"limit": 100}}}))
        self.thread = threading.Thread(target=self.run, daemon=True)
        self.thread.start()

    def run(self):
        api = self.synapse.url + "/_matrix/client/v3"
        since = request("GET", api + "/sync?timeout=0", token=self.token)["next_batch"]
        while not self.stopped:
            try:
                since = self.answer(api, since)
            except Exception as error:  # recorded and shown; the check then times out
                self.errors.append(error)
                print(f"baseline bot: {error}", file=sys.stderr)

    def answer(self, api, since):
        if True:
            # A timeline limit as the daemon's, so that a busy room's sync is not cut to the default 10 events.
            answer = request("GET", api + f"/sync?timeout=5000&filter={self.filter}&since={urllib.parse.quote(since)}",
                             token=self.token)
            since = answer["next_batch"]
            rooms = answer.get("rooms", {})
            for room_id in rooms.get("invite", {}):
                request("POST", api + f"/join/{urllib.parse.quote(room_id)}", {}, token=self.token)
            for room_id, room in rooms.get("join", {}).items():
                for event in room.get("timeline", {}).get("events", []):
                    if event.get("type") == "m.room.message" and event.get("sender") != self.user_id:
                        path = f"/rooms/{urllib.parse.quote(room_id)}/send/m.room.message/{uuid.uuid4().hex}"
                        request("PUT", api + path, {"msgtype": "m.text", "body": "收到"}, token=self.token)
        return since


def measure(ctx, bot_id, prefix, rooms, per_room):
    people = [ctx.person(f"{prefix}{index}") for index in range(rooms)]
    room_of = {p.user_id: p.create_room([bot_id], direct=True) for p in people}

    def replies(person):
        return [e for e in person.timelines.get(room_of[person.user_id], [])
                if e.get("sender") == bot_id and e.get("type") == "m.room.message"]

    def joined(person):
        return any(e.get("type") == "m.room.member" and e.get("state_key") == bot_id
                   and e.get("content", {}).get("membership") == "join" for e in person.timelines.get(room_of[person.user_id], []))

    wait_until(lambda: all(joined(p) for p in people), 60, f"{bot_id} to join")
    total = rooms * per_room
    started = time.monotonic()

    def talk(person):
        for _ in range(per_room):
            person.say(room_of[person.user_id], "花呗被冻结了怎么办")

    threads = [threading.Thread(target=talk, args=(p,)) for p in people]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    sent = time.monotonic() - started
    wait_until(lambda: sum(len(replies(p)) for p in people) >= total, 300, f"every answer from {bot_id}")
    elapsed = time.monotonic() - started
    return total, elapsed, total / sent


def check_bench(ctx, rooms=5, per_room=40):
    password = uuid.uuid4().hex
    ctx.synapse.register("echo", password)
    baseline = BaselineBot(ctx.synapse, "echo", password)
    total, elapsed, sending = measure(ctx, baseline.user_id, "e", rooms, per_room)
    baseline.stopped = True
    print(f"bench baseline: {total} messages from {rooms} rooms answered by a bot in this script in {elapsed:.1f} s: "
          f"{total / elapsed:.1f} messages/s (the people alone sent {sending:.1f} messages/s)")
    total, elapsed, sending = measure(ctx, BOT, "b", rooms, per_room)
    print(f"bench daemon: {total} messages from {rooms} rooms answered in {elapsed:.1f} s: {total / elapsed:.1f} messages/s "
          f"(the people alone sent {sending:.1f} messages/s)")


CHECKS = {"direct": check_direct, "group": check_group, "encrypted": check_encrypted, "token": check_token,
          "crash": check_crash, "sigterm": check_sigterm, "bench": check_bench}
DEFAULT = ["direct", "group", "encrypted", "token", "crash", "sigterm"]


class Context:
    def __init__(self, args, synapse, workdir):
        self.args, self.synapse, self.workdir = args, synapse, workdir
        self.people = {}
        self.daemon = Daemon(args, synapse, workdir)

    def person(self, name):
        if name not in self.people:
            self.people[name] = Person(self.synapse, name)
        return self.people[name]


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--bin", required=True)
    parser.add_argument("--synapse-python", required=True)
    parser.add_argument("--intents", required=True)
    parser.add_argument("--keep", action="store_true", help="keep the temporary directory")
    parser.add_argument("checks", nargs="*", metavar="CHECK", help=f"some of {', '.join(CHECKS)} (default: all but bench)")
    args = parser.parse_args()
    unknown = [name for name in args.checks if name not in CHECKS]
    if unknown:
        parser.error(f"unknown checks: {', '.join(unknown)}")
    args.checks = args.checks or DEFAULT
    # A SIGTERM (make interrupted, a timeout) still stops Synapse and the daemon: the `finally` below runs.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    args.root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    workdir = tempfile.mkdtemp(prefix="huabei-matrix-")
    synapse = Synapse(args.synapse_python, workdir)
    ctx = None
    failed = False
    try:
        started = time.monotonic()
        synapse.start()
        print(f"synapse on {synapse.url} in {time.monotonic() - started:.1f} s")
        password = uuid.uuid4().hex
        synapse.register("huabei", password, displayname=BOT_NAME)
        args.password_file = os.path.join(workdir, "bot.password")
        with open(args.password_file, "w") as f:
            f.write(password + "\n")
        os.chmod(args.password_file, 0o600)
        ctx = Context(args, synapse, workdir)
        ctx.daemon.start()
        token_file = os.path.join(ctx.daemon.data, "matrix.token")
        expect(oct(os.stat(token_file).st_mode & 0o777) == "0o600", "the kept login token must be mode 0600")
        for name in args.checks:
            CHECKS[name](ctx)
    except (AssertionError, HTTPError, OSError) as error:
        failed = True
        print(f"FAIL: {error}", file=sys.stderr)
        if ctx:
            print(f"daemon log: {ctx.daemon.log_path}", file=sys.stderr)
    finally:
        if ctx:
            ctx.daemon.stop()
            for person in ctx.people.values():
                person.stop()
        synapse.stop()
        if failed or args.keep:
            print(f"kept {workdir}", file=sys.stderr)
        else:
            shutil.rmtree(workdir, ignore_errors=True)
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
