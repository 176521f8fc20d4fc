// The desk: every button sends one action with the hash of the file its table was built from; the
// server edits the Markdown file (or refuses when the file changed meanwhile) and the tables reload.
(() => {
  "use strict";
  const holder = document.getElementById("desk-table");
  const message = document.getElementById("desk-message");
  let busy = false;

  const digest = () => (document.getElementById("desk-data") || {dataset: {}}).dataset.digest || "";

  function say(text, kind, undo) {
    message.textContent = text;
    message.className = `desk-message ${kind}`;
    message.setAttribute("role", kind === "error" ? "alert" : "status");
    if (!undo) return;
    const button = document.createElement("button");
    button.type = "button";
    button.className = "undo";
    button.textContent = "Hoàn tác (phím u)";
    button.addEventListener("click", takeBack);
    message.append(" ", button);
  }

  // Take back the latest rejection (the server refuses if the file changed since).
  async function takeBack() {
    if (busy) return;
    busy = true;
    try {
      const answer = await (await window.bulletin.post("/desk/undo", {})).json();
      await reload(answer.ok ? () => { const r = holder.querySelector(`tr[data-line="${answer.line}"]`); if (r) r.focus(); } : null);
      say(answer.message, answer.ok ? "ok" : "error");
    } finally {
      busy = false;
    }
  }

  // Swap in the tables as the file is now; then put the focus where the editor will work next.
  async function reload(focus) {
    const response = await fetch("/desk/table", {cache: "no-store"});
    const data = await response.json();
    if (data.digest && data.digest === digest() && !focus) return;
    holder.innerHTML = data.html;
    if (focus) focus();
  }

  function focusAfter(kind, row, line) {
    const rows = () => Array.from(holder.querySelectorAll("table.candidates tbody tr"));
    const index = rows().indexOf(row);
    return () => {
      const target = (kind === "tag" || kind === "reject") && index >= 0
        ? rows()[Math.min(index, rows().length - 1)]
        : holder.querySelector(`tr[data-line="${line}"]`);
      if (target) target.focus();
    };
  }

  async function press(button) {
    const row = button.closest("tr[data-line]");
    if (busy || !row) return;
    busy = true;
    holder.setAttribute("aria-busy", "true");
    const kind = button.dataset.kind;
    try {
      const response = await window.bulletin.post("/desk/action", {
        kind, line: +row.dataset.line, digest: digest(), tag: button.dataset.tag || "",
      });
      const answer = await response.json();
      if (answer.ok || answer.stale) await reload(focusAfter(answer.ok ? kind : "stale", row, answer.line || +row.dataset.line));
      say(answer.message, answer.ok ? "ok" : "error", answer.ok && answer.undo);  // once the tables show it
    } catch (error) {
      say("Không gửi được yêu cầu tới máy chủ xem trước (đã dừng?). Hãy kiểm tra cửa sổ lệnh rồi tải lại trang.", "error");
    } finally {
      busy = false;
      holder.removeAttribute("aria-busy");
    }
  }

  holder.addEventListener("click", (event) => {
    const button = event.target.closest("button[data-kind]");
    if (button && !button.disabled) press(button);
  });

  // Keyboard: j/k between rows, 1-9 a part's tag, 0 no tag, Delete reject, Alt+arrows move.
  document.addEventListener("keydown", (event) => {
    if (event.ctrlKey || event.metaKey) return;
    const rows = Array.from(holder.querySelectorAll("tr[data-line]"));
    const row = document.activeElement && document.activeElement.closest("tr[data-line]");
    const pick = (selector) => { const b = row && row.querySelector(selector); if (b && !b.disabled) { event.preventDefault(); press(b); } };
    if (!event.altKey && (event.key === "j" || event.key === "k")) {
      const at = rows.indexOf(row) + (event.key === "j" ? 1 : -1);
      const next = rows[Math.max(0, Math.min(rows.length - 1, row ? at : 0))];
      if (next) { event.preventDefault(); next.focus(); }
    } else if (event.altKey && event.key === "ArrowUp") pick('button[data-kind="up"]');
    else if (event.altKey && event.key === "ArrowDown") pick('button[data-kind="down"]');
    else if (event.key === "Delete") pick('button[data-kind="reject"]');
    else if (event.key === "u" && message.querySelector("button.undo")) { event.preventDefault(); takeBack(); }
    else if (event.key === "0") pick('button[data-kind="tag"][data-tag=""]');
    else if (/^[1-9]$/.test(event.key)) {
      const tags = row ? Array.from(row.querySelectorAll('.tags button[data-kind="tag"]')).filter((b) => b.dataset.tag) : [];
      const button = tags[+event.key - 1];
      if (button) { event.preventDefault(); press(button); }
    }
  });

  // Someone else changed the file (a text editor, make collect): show it as it is now.
  window.bulletin.onChange(() => { if (!busy) reload(null); });
})();
