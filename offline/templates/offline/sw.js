/* Cluster Academy's service worker (offline app; docs/architecture.md, "Offline").
   - Pages: from the network, kept per signed-in person as they are read (the last 60),
     and from the phone's saved courses when there is no connection.
   - Static files: kept by version. Images and recordings: from saved courses only.
   - A form marked with `_offline_kind` that cannot be sent is queued here (IndexedDB) with
     a fresh idempotency key, and sent to /<lang>/offline/sync/ when the connection
     returns: by Background Sync where the browser has it, else when a page next loads or
     the phone comes back online. Each item is recorded once on the server. */
"use strict";
var VERSION = {{ version|safe }};
var SHELL = {{ shell|safe }};
var TEXT = {{ text|safe }};
var STATIC = "ca-static-" + VERSION;
var PAGES_KEPT = 60;

self.addEventListener("install", function (event) {
    event.waitUntil(caches.open(STATIC).then(function (cache) {
        return cache.addAll(SHELL);
    }).then(function () { return self.skipWaiting(); }));
});

self.addEventListener("activate", function (event) {
    event.waitUntil(caches.keys().then(function (names) {
        return Promise.all(names.filter(function (name) {
            return name.indexOf("ca-static-") === 0 && name !== STATIC;
        }).map(function (name) { return caches.delete(name); }));
    }).then(function () { return self.clients.claim(); }));
});

/* --- IndexedDB: the queue and a few settings ------------------------------------ */
var connection = null;
function db() {
    if (!connection) {
        connection = new Promise(function (resolve, reject) {
            var open = indexedDB.open("cluster-academy", 1);
            open.onupgradeneeded = function () {
                open.result.createObjectStore("queue", {keyPath: "key"});
                open.result.createObjectStore("meta");
            };
            open.onsuccess = function () {
                // A newer worker upgrading the database, or the browser closing it (site
                // data cleared): open it again next time.
                open.result.onversionchange = function () { open.result.close(); connection = null; };
                open.result.onclose = function () { connection = null; };
                resolve(open.result);
            };
            open.onerror = function () { connection = null; reject(open.error); };
            open.onblocked = function () { connection = null; reject(new Error("blocked")); };
        });
    }
    return connection;
}
function store(name, mode, work) {
    return db().then(function (database) {
        return new Promise(function (resolve, reject) {
            // The queue holds work done offline: write it to disk before saying it is kept.
            var tx = database.transaction(name, mode, {durability: "strict"});
            var request = work(tx.objectStore(name));
            tx.oncomplete = function () { resolve(request && request.result); };
            tx.onerror = function () { reject(tx.error); };
            tx.onabort = function () { reject(tx.error); };
        });
    });
}
function meta(key, value) {
    if (value === undefined) {
        return store("meta", "readonly", function (s) { return s.get(key); });
    }
    return store("meta", "readwrite", function (s) { return s.put(value, key); });
}
function queued() { return store("queue", "readonly", function (s) { return s.getAll(); }); }
function enqueue(item) { return store("queue", "readwrite", function (s) { return s.put(item); }); }
function dequeue(key) { return store("queue", "readwrite", function (s) { return s.delete(key); }); }
function device() {
    return meta("device").then(function (id) {
        if (id) { return id; }
        id = self.crypto.randomUUID();
        return meta("device", id).then(function () { return id; });
    });
}

/* --- Fetching -------------------------------------------------------------------- */
function languageOf(url) {
    var first = new URL(url).pathname.split("/")[1] || "";
    return TEXT[first] ? first : "en";
}
function ownCaches() {
    return Promise.all([caches.keys(), meta("user")]).then(function (found) {
        var prefix = "ca-u" + (found[1] || "none") + "-";
        return found[0].filter(function (name) { return name.indexOf(prefix) === 0; });
    });
}
function fromOwnCaches(request, options) {
    return ownCaches().then(function (names) {
        return names.reduce(function (chain, name) {
            return chain.then(function (found) {
                return found || caches.open(name).then(function (c) { return c.match(request, options); });
            });
        }, Promise.resolve(undefined));
    });
}
function offlinePage(url, note) {
    var language = languageOf(url);
    var queued = /[?&]queued=1/.test(url);
    return fromOwnCaches("/" + language + "/offline/").then(function (page) {
        if (page && queued) { return page; }
        if (queued) { note = TEXT[language].queued; }
        var text = TEXT[language];
        var body = "<!DOCTYPE html><html lang=\"" + language + "\"><meta charset=\"utf-8\">" +
            "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">" +
            "<title>" + text.title + "</title><link rel=\"stylesheet\" href=\"" + SHELL[0] + "\">" +
            "<main class=\"page\"><h1>" + text.title + "</h1><p>" + (note || text.offline) + "</p>" +
            "<p><a class=\"button\" href=\"/" + language + "/offline/\">" + text.phone + "</a></p></main></html>";
        return new Response(body, {status: 503, headers: {"Content-Type": "text/html; charset=utf-8"}});
    });
}
function keepPage(request, response) {
    // Only participants' pages carry X-CA-User (staff pages list other people); never a
    // page the server says not to store.
    var user = response.headers.get("X-CA-User");
    var rules = response.headers.get("Cache-Control") || "";
    if (!user || !response.ok || response.redirected || /no-store/.test(rules)) { return; }
    var name = "ca-u" + user + "-pages";
    caches.open(name).then(function (cache) {
        return cache.put(request, response).then(function () { return cache.keys(); }).then(function (keys) {
            return Promise.all(keys.slice(0, Math.max(0, keys.length - PAGES_KEPT)).map(function (k) {
                return cache.delete(k);
            }));
        });
    }).catch(function () { /* storage full: the page still shows */ });
}
function kept(request) {
    // The exact address; "On this phone" also under ?queued=1 (a form just queued).
    return fromOwnCaches(request).then(function (found) {
        var url = new URL(request.url);
        if (found || url.search !== "?queued=1") { return found; }
        return fromOwnCaches(url.pathname);
    });
}
function page(request) {
    var network = fetch(request).then(function (response) {
        if (response.status >= 502 && response.status <= 504) { throw new Error("gateway"); }
        keepPage(request, response.clone());
        return response;
    });
    // A connection that is up but carries nothing: after 8 s a kept copy is shown (the
    // network answer, when it comes, still refreshes the copy).
    var slow = new Promise(function (resolve) {
        setTimeout(function () { kept(request).then(function (found) { if (found) { resolve(found); } }); }, 8000);
    });
    return Promise.race([network, slow]).catch(function () {
        return kept(request).then(function (found) { return found || offlinePage(request.url); });
    });
}
function staticFile(request) {
    return caches.match(request).then(function (found) {
        return found || fetch(request).then(function (response) {
            if (response.ok) {
                var copy = response.clone();
                caches.open(STATIC).then(function (cache) { cache.put(request, copy); });
            }
            return response;
        });
    });
}
function mediaFile(request) {
    // Saved images are kept at phone width: a wider rendition of one is answered with it.
    var narrow = request.url.replace(/\.width-\d+\./, ".width-400.");
    return fromOwnCaches(request).then(function (found) {
        return found || fetch(request).catch(function () {
            return fromOwnCaches(narrow).then(function (kept) {
                return kept || new Response("", {status: 503});
            });
        });
    });
}
var SIGN_OUT = /^\/[\w-]+\/accounts\/sign-out\/$/;
function sendOrQueue(request) {
    var copy = request.clone();
    var path = new URL(request.url).pathname;
    // Signing out: this phone stops showing the person's kept pages at once, even if the
    // answer never arrives.
    var before = SIGN_OUT.test(path)
        ? meta("user", "").catch(function () { return null; })  // signing out goes on regardless
        : Promise.resolve();
    return before.then(function () { return fetch(request); }).then(function (response) {
        // A form that may wait is kept rather than lost when the server cannot take it
        // now (its gateway is down) or refuses a page's old token.
        if ([403, 502, 503, 504].indexOf(response.status) === -1) { return response; }
        return queue(copy.clone(), request.url, true).then(function (queued) { return queued || response; });
    }, function () {
        return queue(copy, request.url, false).then(function (queued) {
            return queued || offlinePage(request.url, TEXT[languageOf(request.url)].unsent);
        });
    });
}
function queue(copy, url, optional) {
    return copy.formData().then(function (form) {
        var kind = form.get("_offline_kind");
        if (!kind) { return null; }
        return meta("user").then(function (signedIn) {
            // The form says whose it is: on a shared phone, an old tab of someone who
            // signed out queues their work, never the next person's.
            var user = form.get("_offline_user") || signedIn;
            if (optional && !user) { return null; }
            var item = {
                key: self.crypto.randomUUID(), user: String(user || ""), lang: languageOf(url),
                kind: kind, target: form.get("_offline_target") || "", label: form.get("_offline_label") || "",
                done_at: new Date().toISOString(), fields: {}, files: []
            };
            form.forEach(function (value, name) {
                if (typeof value === "string") {
                    (item.fields[name] = item.fields[name] || []).push(value);
                } else if (value.size) {
                    item.files.push({name: name, file: value});
                }
            });
            return enqueue(item).then(function () {
                askForSync();
                return Response.redirect("/" + item.lang + "/offline/?queued=1", 303);
            });
        });
    }).catch(function () { return null; });
}
function askForSync() {
    if (self.registration.sync) {
        self.registration.sync.register("ca-queue").catch(function () { return null; });
    }
}

self.addEventListener("fetch", function (event) {
    var request = event.request;
    var url = new URL(request.url);
    if (url.origin !== self.location.origin || url.pathname === "/sw.js") { return; }
    if (url.pathname.indexOf("/admin/") === 0) {
        return;  // the admin (and its big uploads) never passes through here
    } else if (request.method === "POST" && request.mode === "navigate") {
        event.respondWith(sendOrQueue(request));
    } else if (request.method !== "GET") {
        return;
    } else if (url.pathname.indexOf("/static/") === 0) {
        event.respondWith(staticFile(request));
    } else if (request.mode === "navigate") {
        event.respondWith(page(request));
    } else if (url.pathname.indexOf("/media/") === 0) {
        event.respondWith(mediaFile(request));
    }
});

/* --- Sending the queue ------------------------------------------------------------ */
var flushing = null;
function flush(force) {
    if (!flushing) {
        flushing = sendAll(force).then(function (result) { flushing = null; return result; },
            function (error) { flushing = null; throw error; });
    }
    return flushing;
}
function sendAll(force) {
    var result = {sent: 0, attention: 0, refused: 0, failed: 0, left: 0, error: null};
    return Promise.all([meta("user"), device(), queued(), meta("lastSync"), meta("lang")]).then(function (found) {
        var user = String(found[0] || ""), id = found[1], last = found[3], language = found[4] || "en";
        var mine = found[2].filter(function (item) { return item.user === user && user; });
        result.left = mine.length;
        var stale = !last || Date.now() - Date.parse(last) > 3600 * 1000;
        if (!user || (!mine.length && !stale)) { return result; }
        var tokens = {};
        var token = function (language) {
            if (tokens[language]) { return Promise.resolve(tokens[language]); }
            return fetch("/" + language + "/offline/sync/", {credentials: "same-origin", headers: {"X-Device": id}})
                .then(function (response) {
                    if (!response.ok) { throw new Error(String(response.status)); }
                    return response.json();
                }).then(function (answer) {
                    if (String(answer.user) !== user) { throw new Error("user"); }
                    tokens[language] = answer.csrf;
                    return answer.csrf;
                });
        };
        var one = function (item) {
            return token(item.lang).then(function (csrf) {
                var body = new FormData();
                ["key", "kind", "target", "label", "done_at"].forEach(function (name) { body.append(name, item[name]); });
                body.append("fields", JSON.stringify(item.fields));
                item.files.forEach(function (entry) { body.append(entry.name, entry.file, entry.file.name); });
                return fetch("/" + item.lang + "/offline/sync/", {
                    method: "POST", body: body, credentials: "same-origin",
                    headers: {"X-CSRFToken": csrf, "X-Device": id}
                });
            }).then(function (response) {
                if (response.status === 401) { throw new Error("401"); }  // signed out: later
                var json = (response.headers.get("Content-Type") || "").indexOf("json") !== -1;
                if (response.status === 400 && json) {  // never readable: kept, shown, removable
                    item.error = true;
                    return enqueue(item);
                }
                if (!response.ok) {
                    // This item failed (the server, a proxy's size limit…): the others
                    // still go. Failing five times over more than an hour, it waits for
                    // "Send now" and is shown as not sent yet, with Delete.
                    item.tries = (item.tries || 0) + 1;
                    item.firstFail = item.firstFail || Date.now();
                    item.stuck = item.tries >= 5 && Date.now() - item.firstFail > 3600 * 1000;
                    result.failed += 1;
                    return enqueue(item);
                }
                return response.json().then(function (answer) {
                    // Later items written on the same page start from the revision this
                    // one made, so the phone does not conflict with itself.
                    var base = (item.fields.revision || [])[0];
                    if (answer.revision !== null && answer.revision !== undefined && base !== undefined) {
                        mine.forEach(function (later) {
                            if (later !== item && later.kind === item.kind && later.target === item.target &&
                                    (later.fields.revision || [])[0] === base) {
                                later.fields.revision = [String(answer.revision)];
                                enqueue(later);
                            }
                        });
                    }
                    result.sent += 1;
                    result.left -= 1;
                    if (answer.state === "attention") { result.attention += 1; }
                    if (answer.state === "refused") { result.refused += 1; }
                    return dequeue(item.key);
                });
            });
        };
        if (force) { mine.forEach(function (item) { item.stuck = false; item.tries = 0; item.firstFail = null; }); }
        var chain = mine.filter(function (item) { return !item.error && !item.stuck; }).reduce(function (previous, item) {
            return previous.then(function () { return one(item); });
        }, stale || !mine.length ? token(language) : Promise.resolve());
        return chain.then(function () {
            return meta("lastSync", new Date().toISOString());
        }).then(function () { return result; }, function (error) {
            result.error = error.message;
            return result;
        });
    }).then(function (outcome) {
        return self.clients.matchAll().then(function (clients) {
            clients.forEach(function (client) { client.postMessage({type: "synced", result: outcome}); });
            return outcome;
        });
    });
}

self.addEventListener("sync", function (event) {
    if (event.tag !== "ca-queue") { return; }
    // Rejecting tells the browser to try again later, as long as work is left.
    event.waitUntil(flush().then(function (result) {
        if (result.error || result.failed) { throw new Error("left: " + result.left); }
    }));
});

self.addEventListener("message", function (event) {
    var data = event.data || {}, reply = event.ports[0];
    var answer = function (value) { if (reply) { reply.postMessage(value); } };
    var done;
    if (data.type === "user") {
        done = meta("user", String(data.user || "")).then(function () {
            return meta("lang", TEXT[data.lang] ? data.lang : "en");
        });
    } else if (data.type === "add") {
        data.item.key = self.crypto.randomUUID();
        data.item.done_at = new Date().toISOString();
        data.item.fields = data.item.fields || {};
        data.item.files = [];
        done = enqueue(data.item).then(askForSync);
    } else if (data.type === "flush") {
        done = flush(data.force);
    } else if (data.type === "drop") {
        done = dequeue(data.key);
    } else if (data.type === "queue") {
        done = Promise.all([queued(), meta("lastSync"), meta("user")]).then(function (found) {
            return {
                lastSync: found[1] || null,
                items: found[0].filter(function (item) { return item.user === String(found[2] || ""); })
                    .map(function (item) {
                        return {key: item.key, kind: item.kind, label: item.label, done_at: item.done_at,
                                files: item.files.length, error: !!item.error, stuck: !!item.stuck};
                    })
            };
        });
    }
    event.waitUntil(Promise.resolve(done).then(answer, function () { answer(null); }));
});
