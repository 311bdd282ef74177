/* Web chat of mangluoi-bot: talk to the bot as one of the demo people. */
"use strict";

(function () {
  const API = "/chat/api";
  const STORAGE_KEY = "mangluoi.webchat.person";
  const POLL_MS = 2000;
  const HIDDEN_POLL_MS = 10000;
  const ZONE = "Asia/Ho_Chi_Minh";
  const ZONE_OFFSET_MINUTES = 7 * 60; // Vietnam has kept UTC+7 without daylight saving since 1975.

  const TEXT = {
    empty: "Chưa có tin nhắn nào. Bấm “Bắt đầu” hoặc gõ /start để chào Trợ lý.",
    start: "Bắt đầu",
    shareContact: "📱 Chia sẻ số điện thoại",
    askPhone: "Nhập số điện thoại di động (ví dụ 0905 123 456):",
    sendFailed: "Không gửi được tin nhắn. Vui lòng kiểm tra kết nối rồi thử lại.",
    loadFailed: "Không tải được tin nhắn. Đang thử lại…",
    peopleFailed: "Không tải được danh sách người dùng thử. Vui lòng tải lại trang.",
    botTyping: "Trợ lý đang trả lời",
    download: "Tải xuống",
    tooBig: "Tệp “{name}” nặng {size} MB, quá giới hạn {limit} MB.",
  };

  const els = {
    picker: document.getElementById("person"),
    description: document.getElementById("person-description"),
    currentName: document.getElementById("current-name"),
    list: document.getElementById("messages"),
    status: document.getElementById("status"),
    form: document.getElementById("composer"),
    input: document.getElementById("text"),
    send: document.getElementById("send"),
    attach: document.getElementById("attach"),
    file: document.getElementById("file"),
  };

  const state = {
    people: [],
    upload: null,
    person: null,
    lastId: 0,
    generation: 0,
    busy: false,
    polling: false,
    pollTimer: null,
    lastDay: null,
  };

  // ---- small DOM helpers (never innerHTML with message text) ----

  function el(tag, attrs, children) {
    const node = document.createElement(tag);
    for (const [key, value] of Object.entries(attrs || {})) {
      if (value === undefined || value === null || value === false) continue;
      if (key === "className") node.className = value;
      else if (key === "text") node.textContent = value;
      else if (key === "testid") node.dataset.testid = value;
      else if (key.startsWith("on")) node.addEventListener(key.slice(2), value);
      else node.setAttribute(key, value === true ? "" : value);
    }
    for (const child of children || []) {
      if (child !== null && child !== undefined) node.append(child);
    }
    return node;
  }

  function setStatus(message) {
    els.status.textContent = message || "";
    els.status.hidden = !message;
  }

  // ---- time ----

  function parseTime(iso) {
    if (!iso) return null;
    const hasZone = /(Z|[+-]\d\d:?\d\d)$/.test(iso);
    const date = new Date(hasZone ? iso : iso + "Z");
    return Number.isNaN(date.getTime()) ? null : date;
  }

  function zoneParts(date) {
    try {
      const parts = new Intl.DateTimeFormat("en-GB", {
        timeZone: ZONE, year: "numeric", month: "2-digit", day: "2-digit",
        hour: "2-digit", minute: "2-digit", hourCycle: "h23",
      }).formatToParts(date);
      const get = (type) => parts.find((p) => p.type === type).value;
      return { day: get("day"), month: get("month"), year: get("year"),
        hour: get("hour"), minute: get("minute") };
    } catch (_error) {
      const shifted = new Date(date.getTime() + ZONE_OFFSET_MINUTES * 60000);
      const pad = (n) => String(n).padStart(2, "0");
      return { day: pad(shifted.getUTCDate()), month: pad(shifted.getUTCMonth() + 1),
        year: String(shifted.getUTCFullYear()), hour: pad(shifted.getUTCHours()),
        minute: pad(shifted.getUTCMinutes()) };
    }
  }

  function formatTime(date) {
    const p = zoneParts(date);
    return {
      day: `${p.day}/${p.month}/${p.year}`,
      clock: `${p.hour}:${p.minute}`,
      full: `${p.day}/${p.month}/${p.year} ${p.hour}:${p.minute}`,
    };
  }

  // ---- text with clickable links and commands ----

  const TOKEN_RE = /(https?:\/\/[^\s<>"]+)|((?:^|(?<=\s))\/[a-z][a-z0-9_]{0,31}\b)/gi;

  function trimUrl(url) {
    let end = url.length;
    while (end > 0) {
      const last = url[end - 1];
      if (last === ")") {
        const head = url.slice(0, end);
        const opened = (head.match(/\(/g) || []).length;
        const closed = (head.match(/\)/g) || []).length;
        if (opened >= closed) break;
      } else if (!/[.,;:!?\]}'"»”]/.test(last)) {
        break;
      }
      end -= 1;
    }
    return url.slice(0, end);
  }

  function richText(text, withCommands) {
    const fragment = document.createDocumentFragment();
    let at = 0;
    for (const match of text.matchAll(TOKEN_RE)) {
      let token = match[0];
      if (match[1]) token = trimUrl(token);
      if (!token || (!match[1] && !withCommands)) continue;
      fragment.append(document.createTextNode(text.slice(at, match.index)));
      if (match[1]) {
        fragment.append(el("a", { href: token, target: "_blank", rel: "noopener noreferrer",
          text: token }));
      } else {
        fragment.append(el("button", { type: "button", className: "command", text: token,
          testid: "command-link", title: `Gửi ${token}`,
          onclick: () => sendPayload({ text: token }) }));
      }
      at = match.index + token.length;
    }
    fragment.append(document.createTextNode(text.slice(at)));
    return fragment;
  }

  // ---- rendering ----

  function retireOldButtons() {
    for (const button of els.list.querySelectorAll(".actions button:not([disabled])")) {
      button.disabled = true;
      button.title = "Nút này đã cũ";
    }
    for (const group of els.list.querySelectorAll(".actions:not(.stale)")) {
      group.classList.add("stale");
    }
  }

  function renderOptions(message) {
    const options = message.options || [];
    if (!options.length && !message.ask_contact) return null;
    const columns = Math.max(1, Math.min(Number(message.columns) || 1, 4, options.length || 1));
    const group = el("div", { className: "actions", role: "group",
      "aria-label": "Lựa chọn", testid: "options" });
    if (options.length) {
      const grid = el("div", { className: "options" });
      grid.style.gridTemplateColumns = `repeat(${columns}, minmax(0, 1fr))`;
      for (const option of options) {
        grid.append(el("button", { type: "button", className: "option", text: option.label,
          testid: "option-button",
          onclick: (event) => press(event.currentTarget, { option: option.token,
            label: option.label }) }));
      }
      group.append(grid);
    }
    if (message.ask_contact) {
      group.append(el("button", { type: "button", className: "option contact",
        text: TEXT.shareContact, testid: "contact-button",
        onclick: (event) => shareContact(event.currentTarget) }));
    }
    return group;
  }

  function renderAttachment(message) {
    const parts = [];
    if (message.image && message.image.url) {
      parts.push(el("a", { href: message.image.url, target: "_blank", rel: "noopener",
        className: "image-link" }, [
        el("img", { src: message.image.url, alt: message.image.name || "Ảnh",
          loading: "lazy", className: "image", testid: "message-image" }),
      ]));
    }
    if (message.file && message.file.url && message.style === "zalo") {
      // As on Zalo: no file in the chat, a download link under the text.
      parts.push(el("a", { href: message.file.url, download: message.file.name || true,
        className: "file-link", testid: "message-file-link", text: `📎 ${message.file.name}` }));
    } else if (message.file && message.file.url) {
      parts.push(el("a", { href: message.file.url, download: message.file.name || true,
        className: "file", testid: "message-file", title: TEXT.download }, [
        el("span", { className: "file-icon", "aria-hidden": "true", text: "📄" }),
        el("span", { className: "file-name", text: message.file.name || TEXT.download }),
        el("span", { className: "file-hint", text: TEXT.download }),
      ]));
    }
    return parts;
  }

  function renderDay(date) {
    const day = formatTime(date).day;
    if (day === state.lastDay) return null;
    state.lastDay = day;
    return el("div", { className: "day", role: "separator" }, [el("span", { text: day })]);
  }

  function renderMessage(message) {
    const mine = message.from === "me";
    const date = parseTime(message.time);
    const when = date ? formatTime(date) : null;
    const bubble = el("div", { className: "bubble" });
    for (const part of renderAttachment(message)) bubble.append(part);
    if (message.text) {
      const text = richText(message.text, !mine);
      bubble.append(el("div", { className: "text", testid: "message-text" }, [text]));
    }
    if (when) {
      bubble.append(el("time", { className: "time", datetime: date.toISOString(),
        title: when.full, text: when.clock }));
    }
    const row = el("div", {
      className: `message ${mine ? "mine" : "bot"}${message.style === "zalo" ? " zalo" : ""}`,
      testid: mine ? "message-me" : "message-bot",
      "data-id": String(message.id),
    }, [bubble]);
    const actions = mine ? null : renderOptions(message);
    if (actions) row.append(actions);
    return { row, date };
  }

  function clearEmptyState() {
    const empty = els.list.querySelector(".empty");
    if (empty) empty.remove();
  }

  function showEmptyState() {
    els.list.append(el("div", { className: "empty", testid: "empty-state" }, [
      el("p", { text: TEXT.empty }),
      el("button", { type: "button", className: "option start", text: TEXT.start,
        testid: "start-button", onclick: () => sendPayload({ text: "/start" }) }),
    ]));
  }

  function nearBottom() {
    const list = els.list;
    return list.scrollHeight - list.scrollTop - list.clientHeight < 120;
  }

  function scrollToBottom() {
    els.list.scrollTop = els.list.scrollHeight;
  }

  function appendMessages(messages, forceScroll) {
    const fresh = (messages || []).filter((m) => Number(m.id) > state.lastId);
    if (!fresh.length) return;
    const stick = forceScroll || nearBottom();
    clearEmptyState();
    removeTyping();
    for (const message of fresh) {
      const { row, date } = renderMessage(message);
      if (message.from !== "me") retireOldButtons();
      if (date) {
        const separator = renderDay(date);
        if (separator) els.list.append(separator);
      }
      els.list.append(row);
      state.lastId = Math.max(state.lastId, Number(message.id));
    }
    if (stick) scrollToBottom();
    for (const img of els.list.querySelectorAll("img.image:not([data-watched])")) {
      img.dataset.watched = "1";
      img.addEventListener("load", () => { if (stick) scrollToBottom(); }, { once: true });
    }
  }

  function showTyping() {
    if (els.list.querySelector(".typing")) return;
    els.list.append(el("div", { className: "message bot typing", "aria-label": TEXT.botTyping },
      [el("div", { className: "bubble" }, [el("span"), el("span"), el("span")])]));
    scrollToBottom();
  }

  function removeTyping() {
    const typing = els.list.querySelector(".typing");
    if (typing) typing.remove();
  }

  // ---- network ----

  async function getJson(url, options) {
    const response = await fetch(url, Object.assign({ cache: "no-store" }, options));
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    return response.json();
  }

  async function loadPeople() {
    const data = await getJson(`${API}/people`);
    state.people = data.people || [];
    state.upload = data.upload || null;
    els.picker.replaceChildren(...state.people.map((p) =>
      el("option", { value: p.key, text: `${p.name} — ${p.description}` })));
  }

  async function fetchNew() {
    const generation = state.generation;
    const person = state.person;
    const data = await getJson(
      `${API}/messages?person=${encodeURIComponent(person)}&after=${state.lastId}`);
    if (generation !== state.generation) return 0;
    const count = (data.messages || []).length;
    appendMessages(data.messages);
    return count;
  }

  async function loadTranscript() {
    const generation = state.generation;
    // The server answers in pages; keep asking until nothing newer is left.
    for (let page = 0; page < 50; page += 1) {
      const count = await fetchNew();
      if (generation !== state.generation || count === 0) break;
    }
    if (generation === state.generation && state.lastId === 0) showEmptyState();
    scrollToBottom();
  }

  function schedulePoll() {
    clearTimeout(state.pollTimer);
    state.pollTimer = setTimeout(poll, document.hidden ? HIDDEN_POLL_MS : POLL_MS);
  }

  async function poll() {
    if (state.person && !state.busy && !state.polling) {
      state.polling = true;
      try {
        await fetchNew();
        setStatus("");
      } catch (_error) {
        setStatus(TEXT.loadFailed);
      } finally {
        state.polling = false;
      }
    }
    schedulePoll();
  }

  function setBusy(busy) {
    state.busy = busy;
    els.send.disabled = busy;
    els.attach.disabled = busy;
    els.form.setAttribute("aria-busy", busy ? "true" : "false");
  }

  async function sendPayload(payload) {
    if (state.busy || !state.person) return false;
    const generation = state.generation;
    setBusy(true);
    setStatus("");
    showTyping();
    try {
      const body = Object.assign({ person: state.person, after: state.lastId }, payload);
      const data = await getJson(`${API}/send`, {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify(body),
      });
      if (generation === state.generation) appendMessages(data.messages, true);
      return true;
    } catch (_error) {
      if (generation === state.generation) setStatus(TEXT.sendFailed);
      return false;
    } finally {
      removeTyping();
      setBusy(false);
    }
  }

  function megabytes(bytes) {
    return (Math.round((bytes / 1048576) * 10) / 10).toLocaleString("vi-VN");
  }

  function fill(template, values) {
    return template.replace(/\{(\w+)\}/g, (all, key) => (key in values ? values[key] : all));
  }

  // A photo or document goes as the raw request body; the server checks it again.
  async function uploadFile(file) {
    if (state.busy || !state.person) return;
    const limits = state.upload;
    if (limits && file.size > limits.document_bytes) {
      setStatus(fill(limits.too_big || TEXT.tooBig, { name: file.name,
        size: megabytes(file.size), limit: megabytes(limits.document_bytes) }));
      return;
    }
    const generation = state.generation;
    setBusy(true);
    setStatus("");
    showTyping();
    try {
      const query = new URLSearchParams({ person: state.person, name: file.name || "",
        after: String(state.lastId) });
      const response = await fetch(`${API}/upload?${query}`, {
        method: "POST",
        cache: "no-store",
        headers: { "Content-Type": file.type || "application/octet-stream" },
        body: file,
      });
      const data = await response.json().catch(() => ({}));
      if (generation !== state.generation) return;
      if (!response.ok) {
        setStatus(data.error || TEXT.sendFailed);
        return;
      }
      appendMessages(data.messages, true);
    } catch (_error) {
      if (generation === state.generation) setStatus(TEXT.sendFailed);
    } finally {
      removeTyping();
      setBusy(false);
    }
  }

  async function press(button, payload) {
    const group = button.closest(".actions");
    const buttons = group ? group.querySelectorAll("button") : [button];
    buttons.forEach((b) => { b.disabled = true; });
    button.classList.add("chosen");
    const ok = await sendPayload(payload);
    if (!ok && !(group && group.classList.contains("stale"))) {
      buttons.forEach((b) => { b.disabled = false; });
      button.classList.remove("chosen");
    }
  }

  function shareContact(button) {
    const number = window.prompt(TEXT.askPhone, "");
    if (number === null) return;
    const phone = number.trim();
    if (!phone) return;
    press(button, { contact: phone, label: `📱 ${phone}` });
  }

  // Resolves once no message or file is on its way.
  function whenIdle() {
    return new Promise((resolve) => {
      const check = () => (state.busy ? setTimeout(check, 50) : resolve());
      check();
    });
  }

  // Texts typed while an answer is awaited are sent after it, in order: none is dropped.
  let typed = Promise.resolve();

  function submitText() {
    const text = els.input.value.trim();
    if (!text || !state.person) return;
    els.input.value = "";
    autoGrow();
    const generation = state.generation;
    typed = typed.then(() => sendTyped(text, generation));
  }

  async function sendTyped(text, generation) {
    await whenIdle();
    if (generation !== state.generation) return; // another person was picked meanwhile
    const ok = await sendPayload({ text });
    if (!ok && !els.input.value) {
      els.input.value = text;
      autoGrow();
    }
    els.input.focus();
  }

  // ---- person switching ----

  function describe(key) {
    const person = state.people.find((p) => p.key === key);
    els.currentName.textContent = person ? person.name : "…";
    els.description.textContent = person ? person.description : "";
    document.title = person
      ? `${person.name} — Trợ lý Mạng lưới CĐS Gia Lai`
      : "Trợ lý Mạng lưới CĐS Gia Lai";
  }

  async function choose(key) {
    state.generation += 1;
    state.person = key;
    state.lastId = 0;
    state.lastDay = null;
    els.picker.value = key;
    describe(key);
    try { localStorage.setItem(STORAGE_KEY, key); } catch (_error) { /* private mode */ }
    els.list.replaceChildren();
    removeTyping();
    setStatus("");
    try {
      await loadTranscript();
    } catch (_error) {
      setStatus(TEXT.loadFailed);
    }
    schedulePoll();
  }

  function storedPerson() {
    try { return localStorage.getItem(STORAGE_KEY); } catch (_error) { return null; }
  }

  // ---- input box ----

  function autoGrow() {
    els.input.style.height = "auto";
    els.input.style.height = `${Math.min(els.input.scrollHeight, 140)}px`;
  }

  els.form.addEventListener("submit", (event) => {
    event.preventDefault();
    submitText();
  });
  els.input.addEventListener("keydown", (event) => {
    if (event.key === "Enter" && !event.shiftKey && !event.isComposing && event.keyCode !== 229) {
      event.preventDefault();
      submitText();
    }
  });
  els.input.addEventListener("input", autoGrow);
  els.attach.addEventListener("click", () => { if (!state.busy) els.file.click(); });
  els.file.addEventListener("change", () => {
    const file = els.file.files && els.file.files[0];
    els.file.value = "";
    if (file) uploadFile(file);
  });
  els.picker.addEventListener("change", () => choose(els.picker.value));
  document.addEventListener("visibilitychange", () => { if (!document.hidden) poll(); });

  async function init() {
    setStatus("");
    try {
      await loadPeople();
    } catch (_error) {
      setStatus(TEXT.peopleFailed);
      return;
    }
    const saved = storedPerson();
    const known = state.people.some((p) => p.key === saved);
    const first = state.people.length ? state.people[0].key : null;
    const key = known ? saved : first;
    if (key) await choose(key);
  }

  init();
})();
