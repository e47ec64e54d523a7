// Meeting times arrive as the organiser's wall clock (readable without JavaScript) with the instant
// in `datetime`; here each one is rewritten in the reader's own time zone and language.
(function () {
    "use strict";
    // The site writes US English and US Spanish: 12-hour times with "p.m." / "p. m.".
    var language = document.documentElement.lang === "es" ? "es-US" : "en-US";
    var format = new Intl.DateTimeFormat(language, {
        weekday: "long",
        month: "long",
        day: "numeric",
        hour: "numeric",
        minute: "2-digit",
        timeZoneName: "short",
    });
    document.querySelectorAll("time[data-local-time]").forEach(function (element) {
        var instant = new Date(element.getAttribute("datetime"));
        if (isNaN(instant.getTime())) {
            return;
        }
        element.textContent = format.format(instant);
        element.setAttribute("data-converted", "true");
    });
})();
