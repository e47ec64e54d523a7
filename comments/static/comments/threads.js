// Long discussions load in parts (comments.tree.shown_threads). The links work as plain links; with
// JavaScript the next part is fetched and put in place, and focus moves to the first new comment.
(function () {
  "use strict";
  var section = document.getElementById("comments");
  if (!section || !window.fetch || !window.DOMParser) {
    return;
  }

  // An old link to a comment that is not on this part of the page: ask for its conversation.
  var wanted = /^#c(\d+)$/.exec(window.location.hash);
  var asked = window.location.search.indexOf("comment=") !== -1;
  if (wanted && !asked && !document.getElementById("c" + wanted[1])) {
    window.location.replace("?comment=" + wanted[1] + "#c" + wanted[1]);
    return;
  }

  function fetchPage(url) {
    return fetch(url, { credentials: "same-origin" })
      .then(function (response) {
        if (!response.ok) {
          throw new Error(String(response.status));
        }
        return response.text();
      })
      .then(function (html) {
        return new DOMParser().parseFromString(html, "text/html");
      });
  }

  function focusOn(element) {
    element.setAttribute("tabindex", "-1");
    element.focus();
  }

  function showConversation(link, doc) {
    var id = link.getAttribute("data-conversation");
    var whole = doc.getElementById(id);
    var current = document.getElementById(id);
    if (!whole || !current) {
      throw new Error("conversation not found");
    }
    current.replaceWith(document.importNode(whole, true));
    focusOn(document.getElementById(id));
  }

  function showMore(link, doc) {
    var list = section.querySelector(":scope > ol.comment-list");
    var fetched = doc.querySelector("#comments > ol.comment-list");
    if (!list || !fetched) {
      throw new Error("comments not found");
    }
    var first = null;
    Array.prototype.forEach.call(fetched.children, function (item) {
      if (item.id && !document.getElementById(item.id)) {
        var added = document.importNode(item, true);
        list.appendChild(added);
        first = first || added;
      }
    });
    var next = doc.querySelector("#comments a[data-more-comments]");
    if (next) {
      link.setAttribute("href", next.getAttribute("href"));
      link.removeAttribute("aria-busy");
    } else {
      link.parentNode.remove();
    }
    if (first) {
      focusOn(first);
    }
  }

  section.addEventListener("click", function (event) {
    var link = event.target.closest("a[data-more-comments], a[data-conversation]");
    if (!link) {
      return;
    }
    event.preventDefault();
    link.setAttribute("aria-busy", "true");
    fetchPage(link.href)
      .then(function (doc) {
        if (link.hasAttribute("data-conversation")) {
          showConversation(link, doc);
        } else {
          showMore(link, doc);
        }
      })
      .catch(function () {
        window.location.href = link.href;
      });
  });
})();
