/* The lesson side of an H5P activity: sizes the sandboxed player frame and sends the results
   it reports to the site. A result that cannot be sent (no connection) waits on the phone, in
   localStorage, and goes out when the connection returns or on the next visit; each carries
   an idempotency key, so a resend is counted once. */
(function () {
  "use strict";
  if (window.clusterAcademyH5P) { return; }
  window.clusterAcademyH5P = true;
  var PREFIX = "cluster-academy:h5p:";
  var STORE = "cluster-academy:h5p-queue";
  var RETRY_MS = 20000;
  var sending = false;
  var retryTimer = null;

  function cards() { return document.querySelectorAll("[data-h5p]"); }

  function cardFor(source) {
    var found = null;
    cards().forEach(function (card) {
      var frame = card.querySelector("iframe");
      if (frame && frame.contentWindow === source) { found = card; }
    });
    return found;
  }

  function readQueue() {
    try { return JSON.parse(localStorage.getItem(STORE) || "[]"); } catch (e) { return []; }
  }
  function writeQueue(queue) {
    try { localStorage.setItem(STORE, JSON.stringify(queue)); } catch (e) { /* full or off */ }
  }

  function newKey() {
    if (window.crypto && crypto.randomUUID) { return crypto.randomUUID(); }
    return "10000000-1000-4000-8000-100000000000".replace(/[018]/g, function (c) {
      return (c ^ (crypto.getRandomValues(new Uint8Array(1))[0] & (15 >> (c / 4)))).toString(16);
    });
  }

  function status(contentId, text) {
    cards().forEach(function (card) {
      if (card.getAttribute("data-h5p") === String(contentId)) {
        card.querySelector(".h5p-status").textContent = text;
      }
    });
  }

  function saved(item, body) {
    var card = document.querySelector('[data-h5p="' + item.body.content + '"]');
    if (!card) { return; }
    var text = card.getAttribute("data-h5p-done");
    if (body && body.score !== null && body.score !== undefined) {
      text = card.getAttribute("data-h5p-saved")
        .replace("{score}", String(Number(body.score)))
        .replace("{max}", String(Number(body.max_score)));
    }
    if (body && body.passed) { text += " " + card.getAttribute("data-h5p-passed"); }
    status(item.body.content, text);
  }

  function csrfToken() {
    var card = document.querySelector("[data-h5p-csrf]");
    return card ? card.getAttribute("data-h5p-csrf") : "";
  }

  // A shared phone: results wait for the person who earned them to be signed in again.
  function currentUser() {
    var card = document.querySelector("[data-h5p-user]");
    return card ? card.getAttribute("data-h5p-user") : null;
  }

  function scheduleRetry() {
    if (!retryTimer) {
      retryTimer = setTimeout(function () { retryTimer = null; flush(); }, RETRY_MS);
    }
  }

  // Sends the queue in order. Kept: anything not answered (offline, server down, 5xx, 429)
  // and anything refused for want of a sign-in (401, 403). Dropped: what the site answered,
  // including a refusal of the result itself (400, 404), which is shown.
  function flush() {
    var user = currentUser();
    var queue = readQueue().filter(function (item) { return item.user === user; });
    if (sending || !user || !queue.length) { return; }
    sending = true;
    var item = queue[0];
    fetch(item.url, {
      method: "POST",
      credentials: "same-origin",
      headers: { "Content-Type": "application/json", "X-CSRFToken": csrfToken() },
      body: JSON.stringify(item.body)
    }).then(function (response) {
      return response.json().catch(function () { return {}; }).then(function (body) {
        sending = false;
        if (response.status >= 500 || response.status === 429 ||
            response.status === 401 || response.status === 403) {
          // Server trouble, or the sign-in (or its CSRF token) lapsed: keep the result on
          // the phone and try again later — after signing in again if need be.
          var waiting = document.querySelector('[data-h5p="' + item.body.content + '"]');
          if (waiting) { status(item.body.content, waiting.getAttribute("data-h5p-queued")); }
          scheduleRetry();
          return;
        }
        writeQueue(readQueue().filter(function (other) { return other.body.key !== item.body.key; }));
        if (response.ok) {
          saved(item, body);
        } else {
          var card = document.querySelector('[data-h5p="' + item.body.content + '"]');
          if (card) {
            status(item.body.content, card.getAttribute("data-h5p-refused") + " " + (body.detail || response.status));
          }
        }
        flush();
      });
    }, function () {
      sending = false;
      var card = document.querySelector('[data-h5p="' + item.body.content + '"]');
      if (card) { status(item.body.content, card.getAttribute("data-h5p-queued")); }
      scheduleRetry();
    });
  }

  window.addEventListener("message", function (event) {
    var message = event.data;
    if (!message || typeof message.type !== "string" || message.type.indexOf(PREFIX) !== 0) { return; }
    var card = cardFor(event.source);
    if (!card) { return; }
    var kind = message.type.slice(PREFIX.length);
    if (kind === "height" && typeof message.data === "number") {
      card.querySelector("iframe").style.height = Math.min(Math.max(message.data, 120), 4000) + "px";
    } else if (kind === "xapi" && card.hasAttribute("data-h5p-endpoint")) {
      var queue = readQueue();
      var page = card.getAttribute("data-h5p-page");
      queue.push({
        user: card.getAttribute("data-h5p-user"),
        url: card.getAttribute("data-h5p-endpoint"),
        body: {
          key: newKey(),
          content: Number(card.getAttribute("data-h5p")),
          page: page ? Number(page) : null,
          statement: message.data
        }
      });
      writeQueue(queue);
      flush();
    }
  });
  window.addEventListener("online", flush);
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", flush);
  } else {
    flush();
  }
})();
