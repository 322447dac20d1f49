/* The action-plan form, enhanced: every keystroke is kept on the phone (localStorage), and
   sent to the server a moment after typing stops. Offline, the text stays on the phone and
   is sent when the connection returns (or on the next visit). The server refuses a save
   based on an older revision (changed on another device); then the page says so and the
   full form post shows both versions. Without JavaScript the form posts as usual. */
(function () {
    "use strict";
    var form = document.querySelector("form[data-autosave]");
    if (!form || !window.fetch || !window.localStorage) { return; }
    var key = form.getAttribute("data-storage-key");
    var status = form.querySelector(".save-status");
    var revision = form.querySelector("input[name=revision]");
    var timer = null;
    var sending = false;
    var editedWhileSending = false;

    function say(name) { status.textContent = form.getAttribute("data-msg-" + name) || name; }

    function fields() {
        var out = [];
        form.querySelectorAll("textarea[name], input[name]").forEach(function (el) {
            if (el.type === "hidden" && /-rows$|^revision$|^csrfmiddlewaretoken$/.test(el.name)) { return; }
            if (el.type === "checkbox") { if (el.checked) { out.push([el.name, el.value]); } return; }
            out.push([el.name, el.value]);
        });
        return out;
    }

    function load() {
        try { return JSON.parse(localStorage.getItem(key) || "null"); } catch (e) { return null; }
    }

    function keep() {
        try {
            localStorage.setItem(key, JSON.stringify({ fields: fields(), revision: +revision.value, at: Date.now() }));
        } catch (e) { /* storage full or blocked: the server save still runs */ }
    }

    function forget() { localStorage.removeItem(key); }

    // Rows of actions: the last row is always blank; "Add another action" adds one here.
    function addRow(container) {
        var rows = container.querySelectorAll(".action-row");
        var last = rows[rows.length - 1];
        var copy = last.cloneNode(true);
        var section = container.getAttribute("data-section");
        var n = rows.length;
        copy.querySelectorAll("[name]").forEach(function (el) {
            el.name = el.name.replace(/-\d+-([a-z]+)$/, "-" + n + "-$1");
            if (el.id) { el.id = el.name; }
            if (el.type === "checkbox") { el.checked = false; } else { el.value = ""; }
            if (/-id$/.test(el.name)) { el.value = newId(); }  // the row's own id, kept across saves
        });
        copy.querySelectorAll("label[for]").forEach(function (label) {
            label.htmlFor = label.htmlFor.replace(/-\d+-([a-z]+)$/, "-" + n + "-$1");
        });
        var legend = copy.querySelector("legend");
        if (legend) { legend.textContent = legend.textContent.replace(/\d+/, String(n + 1)); }
        container.appendChild(copy);
        container.querySelector("input[name=s-" + section + "-rows]").value = String(n + 1);
        return copy;
    }

    form.querySelectorAll("[data-add-row]").forEach(function (button) {
        button.addEventListener("click", function (event) {
            event.preventDefault();
            var container = button.closest("fieldset").querySelector(".action-rows");
            var row = addRow(container);
            var first = row.querySelector("textarea, input:not([type=hidden])");
            if (first) { first.focus(); }
        });
    });

    function restore(saved) {
        saved.fields.forEach(function (pair) {
            var name = pair[0];
            var match = /^s-(.+)-(\d+)-[a-z]+$/.exec(name);
            if (match && !form.elements[name]) {
                var container = form.querySelector(".action-rows[data-section='" + match[1] + "']");
                while (container && !form.elements[name]) { addRow(container); }
            }
            var el = form.elements[name];
            if (!el || !el.type) { return; }
            if (el.type === "checkbox") { el.checked = true; } else { el.value = pair[1]; }
        });
    }

    // Two snapshots say the same when their typed text does: row ids, blank boxes and
    // spaces at the ends (which the server trims) do not count.
    function typed(pairs) {
        var out = {};
        pairs.forEach(function (pair) {
            var value = String(pair[1]).trim();
            if (value && !/-id$/.test(pair[0])) { out[pair[0]] = value; }
        });
        return out;
    }
    function same(a, b) {
        var x = typed(a), y = typed(b);
        var keys = Object.keys(x);
        return keys.length === Object.keys(y).length && keys.every(function (k) { return x[k] === y[k]; });
    }

    function newId() {
        return (window.crypto && crypto.randomUUID ? crypto.randomUUID() : String(Math.random()).slice(2) + Date.now())
            .replace(/-/g, "").slice(0, 12);
    }

    function send() {
        timer = null;
        if (sending) { editedWhileSending = true; return; }
        if (!navigator.onLine) { say("offline"); return; }
        sending = true;
        editedWhileSending = false;
        say("saving");
        var body = new FormData(form);
        body.set("action", "save");
        fetch(form.getAttribute("action") || window.location.href, {
            method: "POST", body: body, credentials: "same-origin",
            headers: { "X-Autosave": "1", "Accept": "application/json" }
        }).then(function (response) {
            return response.json().then(function (data) { return { ok: response.ok, code: response.status, data: data }; });
        }).then(function (result) {
            sending = false;
            if (result.ok) {
                revision.value = result.data.revision;
                status.textContent = result.data.saved;
                if (editedWhileSending) { schedule(); } else { forget(); }
            } else if (result.code === 409) {
                status.textContent = result.data.message || form.getAttribute("data-msg-conflict");
            } else {
                say("error");
            }
        }).catch(function () {
            sending = false;
            say(navigator.onLine ? "error" : "offline");
        });
    }

    function schedule() {
        if (timer) { window.clearTimeout(timer); }
        timer = window.setTimeout(send, 1500);
    }

    form.addEventListener("input", function () {
        keep();
        if (sending) { editedWhileSending = true; }
        schedule();
    });
    window.addEventListener("online", function () { if (load()) { send(); } });
    window.addEventListener("offline", function () { if (load()) { say("offline"); } });

    form.addEventListener("submit", function (event) {
        keep();
        if (!navigator.onLine) {
            // With the site's service worker in charge, the submission waits in its queue
            // and is sent when the phone is back online (offline app); without one it
            // cannot wait, so it is held back here.
            if (navigator.serviceWorker && navigator.serviceWorker.controller) { return; }
            event.preventDefault();
            say("submit-offline");
            return;
        }
        if (timer) { window.clearTimeout(timer); timer = null; }
    });

    // What this phone kept from an earlier visit: put it back and send it.
    var saved = load();
    if (saved && saved.fields) {
        if (same(saved.fields, fields())) {
            forget();
        } else if (saved.revision >= +revision.value) {
            restore(saved);
            say("restored");
            send();
        } else {
            // Saved elsewhere since: show this phone's text, but with the revision it was
            // written against, so saving it is refused and the page shows both versions.
            restore(saved);
            revision.value = saved.revision;
            say("conflict");
        }
    }
})();
