/* Small enhancements; every page works without this file. */
(function () {
    "use strict";
    // A form sent twice on a slow connection: disable its button after the first press.
    document.addEventListener("submit", function (event) {
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
    // Close the language menu with Escape.
    document.addEventListener("keydown", function (event) {
        if (event.key !== "Escape") { return; }
        document.querySelectorAll("details.lang-switch[open]").forEach(function (d) {
            d.removeAttribute("open");
            d.querySelector("summary").focus();
        });
    });
})();
