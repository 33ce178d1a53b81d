extension ChatPage {
    /// The page's JavaScript: keeps the chat id and token in a cookie (and localStorage), loads the history,
    /// long-polls for replies, sends messages and shows the bot's presence. Text is only ever set with
    /// `textContent`, never parsed as HTML.
    static let script = #"""

(function () {
  "use strict";
  var COOKIE = "huabei_chat";
  var POLL_SECONDS = 25;
  var STATUS_EVERY_MS = 10000;
  var list = document.getElementById("messages");
  var input = document.getElementById("input");
  var sendButton = document.getElementById("send");
  var offline = document.getElementById("offline");
  var problem = document.getElementById("problem");
  var dot = document.getElementById("dot");
  var presence = document.getElementById("presence");
  var welcome = document.getElementById("welcome");
  var state = { chatId: null, token: null, lastId: 0, shown: {}, generation: 0 };

  function sleep(ms) { return new Promise(function (resolve) { setTimeout(resolve, ms); }); }

  function readIdentity() {
    var match = document.cookie.match(/(?:^|;\s*)huabei_chat=([A-Za-z0-9_-]+)\.([A-Za-z0-9_-]+)/);
    if (match) { return { chatId: match[1], token: match[2] }; }
    try {
      var saved = JSON.parse(localStorage.getItem(COOKIE) || "null");
      if (saved && saved.chatId && saved.token) { return saved; }
    } catch (ignored) {}
    return null;
  }

  function saveIdentity(identity) {
    document.cookie = COOKIE + "=" + identity.chatId + "." + identity.token +
      "; Max-Age=31536000; Path=/; SameSite=Strict";
    try { localStorage.setItem(COOKIE, JSON.stringify(identity)); } catch (ignored) {}
  }

  function forgetIdentity() {
    document.cookie = COOKIE + "=; Max-Age=0; Path=/; SameSite=Strict";
    try { localStorage.removeItem(COOKIE); } catch (ignored) {}
  }

  function showProblem(text) {
    problem.textContent = text || "";
    problem.className = text ? "notice error show" : "notice error";
  }

  var errorTexts = {
    rate_limited: "发送太频繁了，请稍等几秒再试。",
    text_too_long: "消息太长了，请分几次发送（每条最多 4096 个字）。",
    empty_text: "不能发送空白消息。",
    queue_full: "当前咨询人数较多，请稍后再试。",
    chat_full: "本次对话消息已满，已为您开启新的对话。",
    relay_full: "服务繁忙，暂时无法开始新的对话，请稍后再试。",
    body_too_large: "消息太长了，请分几次发送。"
  };

  function api(method, path, body, signal) {
    var headers = { "Accept": "application/json" };
    if (state.token) { headers["Authorization"] = "Bearer " + state.token; }
    if (body !== undefined) { headers["Content-Type"] = "application/json"; }
    return fetch(path, {
      method: method, headers: headers, cache: "no-store", signal: signal,
      body: body === undefined ? undefined : JSON.stringify(body)
    }).then(function (response) {
      return response.json().catch(function () { return {}; }).then(function (json) {
        return { status: response.status, json: json };
      });
    });
  }

  function formatTime(seconds) {
    var date = new Date(seconds * 1000);
    var hh = String(date.getHours()).padStart(2, "0");
    var mm = String(date.getMinutes()).padStart(2, "0");
    return hh + ":" + mm;
  }

  function makeRow(from, text, time) {
    var row = document.createElement("div");
    row.className = "row " + (from === "bot" ? "bot" : "user");
    var bubble = document.createElement("div");
    bubble.className = "bubble";
    bubble.textContent = text;
    var meta = document.createElement("div");
    meta.className = "meta";
    meta.textContent = (from === "bot" ? "花呗助手 · " : "") + formatTime(time);
    row.appendChild(bubble);
    row.appendChild(meta);
    return row;
  }

  function place(row, id) {
    row.dataset.id = String(id);
    var rows = list.querySelectorAll(".row[data-id]");
    for (var i = 0; i < rows.length; i++) {
      if (Number(rows[i].dataset.id) > id) { list.insertBefore(row, rows[i]); return; }
    }
    var firstPending = list.querySelector(".row.pending, .row.failed");
    list.insertBefore(row, firstPending);
  }

  function scrollDown() { list.scrollTop = list.scrollHeight; }

  function show(message) {
    if (state.shown[message.id]) { return; }
    state.shown[message.id] = true;
    welcome.hidden = true;
    place(makeRow(message.from, message.text, message.time), message.id);
    scrollDown();
  }

  function receive(messages) {
    messages.forEach(function (message) {
      show(message);
      if (message.id > state.lastId) { state.lastId = message.id; }
    });
  }

  function startChat() {
    return api("POST", "/api/chats").then(function (result) {
      if (result.status !== 201) { throw new Error(result.json.error || "create_failed"); }
      var identity = { chatId: result.json.chat_id, token: result.json.token };
      saveIdentity(identity);
      adopt(identity);
    });
  }

  function adopt(identity) {
    state.chatId = identity.chatId;
    state.token = identity.token;
    state.lastId = 0;
    state.shown = {};
    state.generation += 1;
    list.querySelectorAll(".row").forEach(function (row) { row.remove(); });
    welcome.hidden = false;
  }

  function restart(notice) {
    forgetIdentity();
    return startChat().then(function () {
      showProblem(notice);
      pollLoop(state.generation);
    });
  }

  function messagesPath(after, timeout) {
    return "/api/chats/" + encodeURIComponent(state.chatId) + "/messages?after=" + after + "&timeout=" + timeout;
  }

  async function pollLoop(generation) {
    var backoff = 1000;
    while (generation === state.generation) {
      var controller = new AbortController();
      var timer = setTimeout(function () { controller.abort(); }, (POLL_SECONDS + 15) * 1000);
      try {
        var result = await api("GET", messagesPath(state.lastId, POLL_SECONDS), undefined, controller.signal);
        if (generation !== state.generation) { return; }
        if (result.status === 200) {
          receive(result.json.messages || []);
          backoff = 1000;
          if (problem.dataset.network) { delete problem.dataset.network; showProblem(""); }
          continue;
        }
        if (result.status === 401) { await restart("会话已失效，已为您开始新的对话。"); return; }
        if (result.status === 429) {
          await sleep(((result.json.retry_after || 1) * 1000));
          continue;
        }
        throw new Error("status " + result.status);
      } catch (error) {
        if (generation !== state.generation) { return; }
        problem.dataset.network = "1";
        showProblem("网络连接中断，正在重新连接…");
        await sleep(backoff);
        backoff = Math.min(backoff * 2, 15000);
      } finally {
        clearTimeout(timer);
      }
    }
  }

  function resizeInput() {
    input.style.height = "auto";
    input.style.height = Math.min(input.scrollHeight, 120) + "px";
  }

  async function send() {
    var text = input.value.trim();
    if (!text || !state.chatId) { return; }
    input.value = "";
    resizeInput();
    var row = makeRow("user", text, Date.now() / 1000);
    row.classList.add("pending");
    welcome.hidden = true;
    list.appendChild(row);
    scrollDown();
    sendButton.disabled = true;
    try {
      var result = await api("POST", "/api/chats/" + encodeURIComponent(state.chatId) + "/messages", { text: text });
      if (result.status === 201) {
        row.classList.remove("pending");
        var id = result.json.id;
        if (state.shown[id]) { row.remove(); } else { state.shown[id] = true; row.remove(); place(row, id); }
        showProblem("");
        return;
      }
      row.classList.remove("pending");
      row.classList.add("failed");
      row.querySelector(".meta").textContent = "未发送";
      if (result.status === 401) {
        await restart("会话已失效，已为您开始新的对话，请重新发送。");
        return;
      }
      if (result.json.error === "chat_full") {
        await restart(errorTexts.chat_full);
        return;
      }
      showProblem(errorTexts[result.json.error] || "发送失败，请稍后重试。");
      input.value = text;
    } catch (error) {
      row.classList.remove("pending");
      row.classList.add("failed");
      row.querySelector(".meta").textContent = "未发送";
      showProblem("网络异常，消息未发送，请稍后重试。");
      input.value = text;
    } finally {
      sendButton.disabled = false;
      input.focus();
    }
  }

  async function statusLoop() {
    for (;;) {
      try {
        var result = await api("GET", "/api/status");
        if (result.status === 200) {
          var online = !!result.json.bot_online;
          offline.className = online ? "notice" : "notice show";
          dot.className = online ? "dot" : "dot off";
          presence.textContent = online ? "在线" : "离线";
        }
      } catch (ignored) {}
      await sleep(STATUS_EVERY_MS);
    }
  }

  async function loadHistory() {
    for (;;) {
      var result = await api("GET", messagesPath(state.lastId, 0));
      if (result.status === 401) { forgetIdentity(); await startChat(); return; }
      if (result.status !== 200) { throw new Error("status " + result.status); }
      var messages = result.json.messages || [];
      receive(messages);
      if (messages.length < 100) { return; }
    }
  }

  async function start() {
    statusLoop();
    for (var attempt = 0; ; attempt++) {
      try {
        var identity = readIdentity();
        if (identity) { adopt(identity); await loadHistory(); } else { await startChat(); }
        break;
      } catch (error) {
        showProblem(errorTexts[error.message] || "无法连接到服务，正在重试…");
        await sleep(Math.min(1000 * Math.pow(2, attempt), 15000));
      }
    }
    showProblem("");
    document.body.dataset.ready = "1";
    pollLoop(state.generation);
  }

  sendButton.addEventListener("click", send);
  input.addEventListener("input", resizeInput);
  input.addEventListener("keydown", function (event) {
    if (event.key === "Enter" && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      send();
    }
  });
  start();
})();

"""#
}
