/* Runs inside the sandboxed player frame (opaque origin): starts h5p-standalone, passes the
   activity's own results and its height to the lesson page by postMessage. */
(function () {
  "use strict";
  var PREFIX = "cluster-academy:h5p:";
  var COUNTED = /\/(answered|completed|passed|failed)$/;
  var SUB_CONTENT = "http://h5p.org/x-api/h5p-subContentId";
  var element = document.getElementById("h5p-player");

  // The sandbox (no allow-same-origin) denies web storage, which H5P's core reads at start.
  // It gets storage that lasts as long as the page: nothing is kept between visits.
  function memoryStorage() {
    var items = {};
    return {
      getItem: function (key) { return Object.prototype.hasOwnProperty.call(items, key) ? items[key] : null; },
      setItem: function (key, value) { items[key] = String(value); },
      removeItem: function (key) { delete items[key]; },
      clear: function () { items = {}; },
      key: function (index) { return Object.keys(items)[index] || null; },
      get length() { return Object.keys(items).length; }
    };
  }
  ["localStorage", "sessionStorage"].forEach(function (name) {
    try {
      window[name].getItem("probe");
    } catch (denied) {
      try {
        Object.defineProperty(window, name, { value: memoryStorage(), configurable: true });
      } catch (e) { /* the player copes without */ }
    }
  });
  var options = JSON.parse(document.getElementById("h5p-options").textContent);

  function tell(type, data) {
    if (window.parent !== window) {
      window.parent.postMessage({ type: PREFIX + type, data: data }, "*");
    }
  }

  function counts(statement) {
    var verb = statement && statement.verb && statement.verb.id;
    var ext = statement.object && statement.object.definition &&
      statement.object.definition.extensions;
    return verb && COUNTED.test(verb) && !(ext && ext[SUB_CONTENT]);
  }

  var lastHeight = 0;
  function sendHeight() {
    // The content's own height: the document's scrollHeight never drops below the frame's,
    // so a frame measured by it could grow but never shrink.
    var height = Math.ceil(element.getBoundingClientRect().bottom + window.scrollY);
    if (Math.abs(height - lastHeight) > 2) {
      lastHeight = height;
      tell("height", height);
    }
  }

  function failed(error) {
    if (window.console && error) { console.error("H5P player:", error, error && error.stack); }
    element.className = "h5p-failed";
    element.textContent = element.getAttribute("data-failed");
    tell("failed", null);
    sendHeight();
  }

  try {
    new H5PStandalone.H5P(element, options).then(function () {
      H5P.externalDispatcher.on("xAPI", function (event) {
        var statement = event.data && event.data.statement;
        if (counts(statement)) {
          tell("xapi", JSON.parse(JSON.stringify(statement)));
        }
      });
      tell("ready", null);
      sendHeight();
    }, failed);
  } catch (error) {
    failed(error);
  }
  if (window.ResizeObserver) {
    new ResizeObserver(sendHeight).observe(element);
  }
  window.addEventListener("load", sendHeight);
  if (!window.ResizeObserver) {
    setInterval(sendHeight, 1000);
  }
})();
