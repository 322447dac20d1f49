/* Small enhancements; every page works without this file. */
(function () {
    "use strict";
    // A form sent twice on a slow connection: disable its button after the first press.
    document.addEventListener("submit", function (event) {
        if (event.defaultPrevented) { return; }  // held back (e.g. offline): press again later
        var button = event.target.querySelector("button[data-once]");
        if (button) {
            window.setTimeout(function () { button.disabled = true; }, 0);
        }
    });
    // Take screen readers and keyboards straight to a form's error summary.
    var summary = document.querySelector("[data-autofocus]");
    if (summary) { summary.focus(); }
    // An online video loads only when asked for: it costs data.
    document.querySelectorAll(".video-embed[data-player] a").forEach(function (link) {
        link.addEventListener("click", function (event) {
            event.preventDefault();
            var frame = document.createElement("iframe");
            frame.src = link.parentNode.getAttribute("data-player") + "?autoplay=1";
            frame.title = link.textContent;
            frame.allow = "autoplay; fullscreen; picture-in-picture";
            frame.setAttribute("allowfullscreen", "");
            link.parentNode.replaceChild(frame, link);
        });
    });
    // A quiz's clock, counted down on the phone (the server keeps the real one). At zero the
    // answers on the page are sent, so nothing typed is lost.
    var timer = document.querySelector(".quiz-timer[data-seconds]");
    if (timer) {
        // Counted from the seconds the server sent, so a phone's wrong clock does not matter.
        var deadline = Date.now() + 1000 * parseInt(timer.getAttribute("data-seconds"), 10);
        var shown = timer.querySelector("[data-left]");
        var tick = function () {
            var left = Math.max(0, Math.round((deadline - Date.now()) / 1000));
            shown.textContent = Math.floor(left / 60) + ":" + ("0" + (left % 60)).slice(-2);
            timer.classList.toggle("is-low", left < 60);
            if (left === 0) {
                var form = document.querySelector(".quiz-form");
                var finish = form && form.querySelector("button[value=finish]");
                if (finish) { finish.click(); }
                return;
            }
            window.setTimeout(tick, 1000);
        };
        if (!isNaN(deadline)) { tick(); }
    }
    // Close the language menu with Escape.
    document.addEventListener("keydown", function (event) {
        if (event.key !== "Escape") { return; }
        document.querySelectorAll("details.lang-switch[open]").forEach(function (d) {
            d.removeAttribute("open");
            d.querySelector("summary").focus();
        });
    });
})();

/* Offline use, on pages that work without it (the offline app; docs/architecture.md,
   "Offline use"). Kept in this one file: one request fewer on a slow connection.
   Registers the service worker (sw.js), tells it who is signed in, shows what works
   without a connection, sends the phone's queue when online, saves and removes courses,
   and fills in "On this phone". */
(function () {
    "use strict";
    if (!("serviceWorker" in navigator) || !window.caches) { return; }
    var root = document.documentElement;
    var language = root.lang || "en";
    var who = document.querySelector("meta[name=ca-user]");
    var user = who ? who.content : "";
    var savedKey = "ca-saved-" + user;

    function ask(message) {
        return navigator.serviceWorker.ready.then(function (registration) {
            return new Promise(function (resolve) {
                var channel = new MessageChannel();
                channel.port1.onmessage = function (event) { resolve(event.data); };
                (navigator.serviceWorker.controller || registration.active).postMessage(message, [channel.port2]);
            });
        });
    }
    function text(name) {
        var node = document.getElementById("offline-text");
        var all = node ? JSON.parse(node.textContent) : {};
        return all[name] || "";
    }
    function fill(template, values) {
        return template.replace(/%\((\w+)\)s/g, function (_, key) { return values[key]; });
    }
    function size(bytes) {
        var units = ["B", "KB", "MB", "GB"], n = bytes || 0, i = 0;
        while (n >= 1024 && i < units.length - 1) { n /= 1024; i += 1; }
        return (i ? n.toFixed(1) : n) + " " + units[i];
    }
    function when(iso) {
        return iso ? new Date(iso).toLocaleString(language) : "–";
    }
    function saved() {
        try { return JSON.parse(localStorage.getItem(savedKey) || "{}"); } catch (e) { return {}; }
    }
    function keep(all) { localStorage.setItem(savedKey, JSON.stringify(all)); }

    navigator.serviceWorker.register("/sw.js").catch(function () { return null; });
    ask({type: "user", user: user, lang: language});
    // "On this phone" is kept for the signed-in person, so it opens offline even before
    // any course is saved (a form queued offline lands there).
    if (user && navigator.onLine) {
        var phonePage = "/" + language + "/offline/";
        caches.open("ca-u" + user + "-pages").then(function (cache) {
            return cache.match(phonePage).then(function (found) { return found || cache.add(phonePage); });
        }).catch(function () { return null; });
    }

    // What works without a connection shows itself; what needs one steps aside.
    function mode() {
        var off = !navigator.onLine;
        root.classList.toggle("is-offline", off);
        document.querySelectorAll("[data-offline-only]").forEach(function (node) { node.hidden = !off; });
        document.querySelectorAll("[data-online-only]").forEach(function (node) { node.hidden = off; });
    }
    mode();
    window.addEventListener("offline", mode);
    window.addEventListener("online", function () { mode(); send(); });

    // The result of sending the queue, on whatever page is open.
    function report(result) {
        var box = document.getElementById("sync-status");
        if (!box || !result || !result.sent) { return; }
        var line = fill(text("sent"), {count: result.sent});
        if (result.attention) { line += " " + text("attention"); }
        box.querySelector("[data-message]").textContent = line;
        box.hidden = false;
        renderPhone();
    }
    navigator.serviceWorker.addEventListener("message", function (event) {
        if (event.data && event.data.type === "synced") { report(event.data.result); }
    });
    // A connection that has just come back often drops the first requests: what is left
    // is tried again a few times, further apart, while the page stays open.
    var retries = 0, retryTimer = null;
    function send() {
        if (!navigator.onLine || !user) { return; }
        clearTimeout(retryTimer);
        ask({type: "flush"}).then(function (result) {
            if (result && result.left && (result.error || result.failed) && retries < 5) {
                retryTimer = setTimeout(send, [3, 10, 30, 60, 120][retries++] * 1000);
            } else if (result && !result.left) {
                retries = 0;
            }
        });
    }
    send();

    // A saved lesson opened without a connection counts as read, at the next sync.
    var lesson = document.querySelector("[data-lesson]");
    if (lesson && user && !navigator.onLine) {
        ask({type: "add", item: {user: user, lang: language, kind: "lesson_read",
                                 target: lesson.getAttribute("data-lesson"), label: lesson.querySelector("h1").textContent}});
    }

    // "Save this course for offline": list, say the size, download with a progress bar.
    document.querySelectorAll("[data-offline-save]").forEach(function (box) {
        var state = box.querySelector("[data-state]");
        var bar = box.querySelector("progress");
        var videos = box.querySelector("[data-videos]");
        var buttons = {};
        box.querySelectorAll("button[data-action]").forEach(function (b) { buttons[b.getAttribute("data-action")] = b; });
        var listing = null;
        var show = function () {
            var record = saved()[box.getAttribute("data-offline-save")];
            buttons.save.hidden = !!record;
            buttons.download.hidden = true;
            buttons.remove.hidden = !record;
            videos.hidden = true;
            state.textContent = record
                ? fill(text("saved"), {size: size(record.bytes), date: when(record.savedAt)})
                : text("notSaved");
        };
        box.hidden = !user;
        show();
        buttons.save.addEventListener("click", function () {
            buttons.save.disabled = true;
            fetch(box.getAttribute("data-offline-save"), {credentials: "same-origin"}).then(function (response) {
                if (!response.ok) { throw new Error(response.status); }
                return response.json();
            }).then(function (found) {
                listing = found;
                state.textContent = fill(text("needs"), {size: size(found.bytes), count: found.files.length});
                if (found.videos.length) {
                    videos.hidden = false;
                    videos.querySelector("span").textContent = fill(text("videos"), {count: found.videos.length, size: size(found.video_bytes)});
                }
                if (found.needs_connection) { state.textContent += " " + text("needsConnection"); }
                buttons.save.hidden = true;
                buttons.download.hidden = false;
            }).catch(function () {
                state.textContent = text("failed");
            }).then(function () { buttons.save.disabled = false; });
        });
        buttons.download.addEventListener("click", function () {
            var files = listing.files.slice();
            if (videos.querySelector("input").checked) { files = files.concat(listing.videos); }
            var total = 0, failed = 0, done = 0;
            buttons.download.disabled = true;
            bar.hidden = false;
            // Ask the browser not to clear saved courses (and the queue) when space runs low.
            if (navigator.storage && navigator.storage.persist) { navigator.storage.persist(); }
            bar.max = files.length;
            bar.value = 0;
            caches.open(listing.cache).then(function (cache) {
                return files.reduce(function (chain, file) {
                    return chain.then(function () {
                        return fetch(file.url, {credentials: "same-origin", headers: {"X-Offline-Save": "1"}})
                            .then(function (response) {
                                // A page that now sends elsewhere (a report already sent) is
                                // not kept: a redirected answer cannot stand in for a page.
                                if (response.redirected) { return null; }
                                if (!response.ok) { failed += 1; return null; }
                                return response.clone().blob().then(function (blob) {
                                    total += blob.size;
                                    return cache.put(file.url, response);
                                });
                            }).catch(function (error) {
                                failed += 1;
                                if (error && error.name === "QuotaExceededError") { throw error; }
                            }).then(function () {
                                done += 1;
                                bar.value = done;
                                state.textContent = fill(text("progress"), {done: done, count: files.length});
                            });
                    });
                }, Promise.resolve());
            }).then(function () {
                var all = saved();
                all[box.getAttribute("data-offline-save")] = {
                    cache: listing.cache, title: listing.course.title, url: listing.course.url,
                    bytes: total, files: files.length - failed, savedAt: new Date().toISOString()
                };
                keep(all);
                show();
                if (failed) { state.textContent += " " + fill(text("someFailed"), {count: failed}); }
            }).catch(function () {
                // Out of space: what was half saved goes, so nothing is left unlisted.
                caches.delete(listing.cache);
                state.textContent = text("full");
            }).then(function () {
                bar.hidden = true;
                buttons.download.disabled = false;
            });
        });
        buttons.remove.addEventListener("click", function () {
            if (!window.confirm(text("confirmRemove"))) { return; }
            var all = saved(), record = all[box.getAttribute("data-offline-save")];
            caches.delete(record.cache).then(function () {
                delete all[box.getAttribute("data-offline-save")];
                keep(all);
                show();
            });
        });
    });

    // "On this phone": what waits to be sent, the saved courses and the space they take.
    var phone = document.getElementById("on-this-phone");
    function renderPhone() {
        if (!phone) { return; }
        phone.hidden = false;
        ask({type: "queue"}).then(function (queue) {
            queue = queue || {items: [], lastSync: null};
            var list = phone.querySelector("[data-queue]");
            list.textContent = "";
            queue.items.forEach(function (item) {
                var row = document.createElement("li");
                row.textContent = (item.label || text("kind_" + item.kind)) + " · " + text("kind_" + item.kind) + " · " + when(item.done_at);
                if (item.files) { row.textContent += " · " + fill(text("files"), {count: item.files}); }
                if (item.error || item.stuck) {
                    var drop = document.createElement("button");
                    drop.type = "button";
                    drop.className = "button button--secondary";
                    drop.textContent = text("drop");
                    drop.addEventListener("click", function () {
                        if (window.confirm(text("confirmDrop"))) { ask({type: "drop", key: item.key}).then(renderPhone); }
                    });
                    row.appendChild(document.createTextNode(" · " + text(item.error ? "unreadable" : "notSentYet") + " "));
                    row.appendChild(drop);
                }
                list.appendChild(row);
            });
            phone.querySelector("[data-queue-empty]").hidden = queue.items.length > 0;
            phone.querySelector("[data-queue-count]").textContent = queue.items.length;
            phone.querySelector("[data-last-sync]").textContent = when(queue.lastSync);
        });
        var courses = phone.querySelector("[data-courses]");
        var all = saved(), names = Object.keys(all), used = 0;
        courses.textContent = "";
        names.forEach(function (key) {
            var record = all[key];
            used += record.bytes;
            var row = document.createElement("li");
            var link = document.createElement("a");
            link.href = record.url;
            link.textContent = record.title;
            row.appendChild(link);
            row.appendChild(document.createTextNode(" · " + size(record.bytes) + " · " + when(record.savedAt) + " "));
            var remove = document.createElement("button");
            remove.type = "button";
            remove.className = "button button--secondary";
            remove.textContent = text("remove");
            remove.addEventListener("click", function () {
                if (!window.confirm(text("confirmRemove"))) { return; }
                caches.delete(record.cache).then(function () {
                    var now = saved();
                    delete now[key];
                    keep(now);
                    renderPhone();
                });
            });
            row.appendChild(remove);
            courses.appendChild(row);
        });
        phone.querySelector("[data-courses-empty]").hidden = names.length > 0;
        phone.querySelector("[data-used]").textContent = size(used);
        if (navigator.storage && navigator.storage.estimate) {
            navigator.storage.estimate().then(function (estimate) {
                phone.querySelector("[data-free]").textContent = size(estimate.quota - estimate.usage);
            });
        }
    }
    if (phone) {
        if (/[?&]queued=1/.test(window.location.search)) {
            document.querySelector("[data-queued]").hidden = false;
        }
        renderPhone();
        phone.querySelector("[data-send]").addEventListener("click", function () {
            ask({type: "flush", force: true}).then(function (result) { report(result); renderPhone(); });
        });
    }
})();
