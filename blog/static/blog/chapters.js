// Chapter buttons of a podcast episode move the player to their start and play from there.
// A static file rather than an inline script: the page then needs no CSP nonce, so the
// anonymous page cache may keep it (cms.page_cache refuses pages that carry a nonce).
document.querySelectorAll("[data-seek]").forEach(function (button) {
    button.addEventListener("click", function () {
        var audio = document.getElementById("episode-audio");
        if (!audio) {
            return;
        }
        audio.currentTime = Number(button.dataset.seek);
        audio.play();
    });
});
