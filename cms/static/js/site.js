/* CRAFT Family Support: the little the site does with JavaScript. Everything here also works
   without it: the menu is a <details> disclosure, and "Exit this page" is a plain link. */
(function () {
    "use strict";

    /* "Exit this page", after the GOV.UK Design System's component: the button, or Shift pressed
       three times within five seconds, hides the page at once and replaces it in this tab's history
       with the neutral site (location.replace), so Back does not return here. */
    var exit = document.querySelector("[data-quick-exit]");
    if (exit) {
        var leave = function () {
            document.documentElement.classList.add("quick-exit--leaving");
            window.location.replace(exit.href);
        };
        exit.addEventListener("click", function (event) {
            event.preventDefault();
            leave();
        });
        /* Counted when Shift is released, and only when no other key went with it: typing a
           capital letter starts the count again. */
        var presses = 0;
        var withOtherKey = false;
        var timer = null;
        document.addEventListener("keydown", function (event) {
            if (event.key !== "Shift") {
                presses = 0;
                withOtherKey = event.shiftKey;
            }
        });
        document.addEventListener("keyup", function (event) {
            if (event.key !== "Shift") {
                return;
            }
            if (withOtherKey) {
                withOtherKey = false;
                return;
            }
            presses += 1;
            clearTimeout(timer);
            timer = setTimeout(function () { presses = 0; }, 5000);
            if (presses >= 3) {
                leave();
            }
        });
    }

    /* From tablet width up the menu is simply open (the stylesheet hides its button there). */
    var menu = document.querySelector("[data-menu]");
    if (menu && window.matchMedia) {
        var wide = window.matchMedia("(min-width: 48em)");
        var sync = function () { menu.open = wide.matches; };
        sync();
        if (wide.addEventListener) {
            wide.addEventListener("change", sync);
        }
    }
}());
