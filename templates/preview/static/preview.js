// The preview's pages: follow the server's events, and send requests that change something with the token.
(() => {
  "use strict";
  const token = document.querySelector('meta[name="bulletin-token"]').content;
  const body = document.body;
  const listeners = [];

  // What other pages (the desk) use: bulletin.post(url, data) and bulletin.onChange(callback).
  window.bulletin = {
    token,
    post(url, data) {
      return fetch(url, {method: "POST", headers: {"X-Bulletin-Token": token, "Content-Type": "application/json"},
                         body: JSON.stringify(data || {})});
    },
    onChange(callback) { listeners.push(callback); },
  };

  const events = new EventSource("/events");
  events.onmessage = (message) => {
    const state = JSON.parse(message.data);
    if (state.session !== body.dataset.session) { location.reload(); return; }  // the server restarted
    const before = {version: +body.dataset.version, edition: +body.dataset.edition};
    if (state.version === before.version) return;
    body.dataset.version = state.version;
    body.dataset.edition = state.edition;
    listeners.forEach((callback) => callback(state, before));
  };

  const frame = document.getElementById("edition");
  if (!frame) return;

  // Reload the edition where the editor was reading (several changes in a row: the place read before the first).
  let restoreY = null;
  // Links that leave the preview (the sources, the published archive) open in a new tab: in the frame, another
  // site would take the edition's place, or refuse to be framed. The edition's bytes stay as make issue writes them.
  function openOutsideLinksInNewTab() {
    let links = [];
    try { links = frame.contentDocument ? frame.contentDocument.querySelectorAll("a[href]") : []; } catch (e) { return; }
    for (const link of links) {
      if (link.origin !== location.origin) { link.target = "_blank"; link.rel = "noopener noreferrer"; }
    }
  }
  frame.addEventListener("load", () => {
    openOutsideLinksInNewTab();
    if (restoreY !== null) frame.contentWindow.scrollTo(0, restoreY);
    restoreY = null;
    body.dataset.shown = body.dataset.edition;
  });
  function reloadEdition(url) {
    const view = frame.contentWindow;
    if (restoreY === null && view.location.pathname === url) restoreY = view.scrollY;
    if (view.location.pathname === url) view.location.reload();
    else view.location.replace(url);  // first good render, or the frame was showing the PDF
  }

  let painted = +body.dataset.version;  // two quick changes: an answer that comes late must not undo a newer one
  window.bulletin.onChange(async (state, before) => {
    const response = await fetch("/fragments");
    const parts = await response.json();
    if (state.edition !== before.edition) reloadEdition(parts.edition_url);
    if (parts.version < painted) return;
    painted = parts.version;
    document.getElementById("banner").innerHTML = parts.banner;
    const errors = document.querySelector("#banner .banner");
    document.title = (errors ? `(${errors.dataset.problems} lỗi) ` : "") + document.title.replace(/^\(\d+ lỗi\) /, "");
    document.getElementById("panel").innerHTML = parts.panel;
  });

  document.getElementById("pdf-button").addEventListener("click", () => window.bulletin.post("/pdf"));
})();
