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
