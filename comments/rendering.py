"""The comment threads of a page as HTML, built in Python in one pass.

A Q&A post can carry 500 comments. Rendered through the template engine (an inclusion tag per
level, a dozen tags and filters per comment) that took a quarter of a second; here every
translated string, address and the CSRF field are looked up once per page, and what never changes
for a comment (its text as HTML, its date in words) is kept in small per-process caches.

The markup is what comments/comment_thread.html used to produce: nested <ol class="comment-list">
for threads, one <li> per comment in reading order.

Measured again for issue 15 (2026-12-05, a thread of 500 on PostgreSQL, median of 10 renders, in one
process on a busy 2-core machine): this function 50 ms; the same markup as one recursive Django
template with the text and initials prepared beforehand, 1,216 ms. The issue allowed templates
only within 10% of this, so the markup stays here; the rows it reads are named (comments/tree.py).
"""

import datetime
import re
from functools import lru_cache

from django.template.defaulttags import CsrfTokenNode
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import avoid_wrapping, escape, linebreaks, urlize
from django.utils.safestring import mark_safe
from django.utils.timesince import MONTHS_DAYS, TIME_CHUNKS, TIME_STRINGS, TIME_STRINGS_KEYS
from django.utils.translation import get_language, gettext, ngettext

from cms.blocks import expands_content_notes

from .models import EDIT_WINDOW

# urlize() only turns a word into a link when it has one of these; text without any is only escaped.
_MAYBE_LINK = re.compile(r"https?://|www\.|@|\.(?:com|edu|gov|int|mil|net|org)", re.IGNORECASE)


@lru_cache(maxsize=4096)
def comment_text_html(text):
    """Plain text to HTML: escaped, links clickable but not endorsed, line breaks kept.

    A pure function of the text, so it is cached: a page view shows the same comments again and again.
    """
    if _MAYBE_LINK.search(text):
        linked = urlize(text, nofollow=True, autoescape=True).replace(' rel="nofollow"', ' rel="nofollow ugc"')
    else:
        linked = escape(text)  # what urlize(autoescape=True) makes of text with nothing to link
    return mark_safe(linebreaks(linked, autoescape=False))  # noqa: S308 (escaped above)


def initials(name):
    """Up to two letters for the avatar circle: "Maria Luisa" → "ML"."""
    letters = [word[0] for word in str(name).split() if word and word[0].isalnum()]
    return "".join(letters[:2]).upper() or "·"


# --- Dates ------------------------------------------------------------------------------------------


@lru_cache(maxsize=8192)
def _full_date(language, zone, value):
    """`{{ value|date:"DATETIME_FORMAT" }}` in the language and time zone given."""
    return escape(date_format(timezone.localtime(value, zone), "DATETIME_FORMAT"))


@lru_cache(maxsize=512)
def _unit(language, name, number):
    """ "3 days" in `language` (the active one), from Django's own catalog, kept from wrapping."""
    return avoid_wrapping(TIME_STRINGS[name] % {"num": number})


def timesince(value, now, language):
    """What `{{ value|timesince }}` says ("2 weeks, 3 days"), with the translations looked up once.

    The same algorithm as django.utils.timesince.timesince (calendar months and years, up to two
    adjacent units), against a `now` fixed for the whole page.
    """
    delta = now - value
    since = delta.days * 86400 + delta.seconds
    if since <= 0:
        return _unit(language, "minute", 0)
    total_months = (now.year - value.year) * 12 + (now.month - value.month)
    if value.day > now.day or (value.day == now.day and value.time() > now.time()):
        total_months -= 1
    years, months = divmod(total_months, 12)
    if years or months:
        pivot_year = value.year + years
        pivot_month = value.month + months
        if pivot_month > 12:
            pivot_month -= 12
            pivot_year += 1
        pivot = datetime.datetime(
            pivot_year,
            pivot_month,
            min(MONTHS_DAYS[pivot_month - 1], value.day),
            value.hour,
            value.minute,
            value.second,
            tzinfo=value.tzinfo,
        )
    else:
        pivot = value
    remaining = (now - pivot).total_seconds()
    partials = [years, months]
    for chunk in TIME_CHUNKS:
        count = int(remaining // chunk)
        partials.append(count)
        remaining -= chunk * count
    first = next((index for index, number in enumerate(partials) if number), None)
    if first is None:
        return _unit(language, "minute", 0)
    parts = [_unit(language, TIME_STRINGS_KEYS[first], partials[first])]
    if first + 1 < len(partials) and partials[first + 1]:
        parts.append(_unit(language, TIME_STRINGS_KEYS[first + 1], partials[first + 1]))
    return _separator(language).join(parts)


@lru_cache(maxsize=8)
def _separator(language):
    return gettext(", ")


# --- The threads ------------------------------------------------------------------------------------

_URL_MARK = 987654321  # stands for a comment's id in addresses reversed once per page


def _url_for_pk(name):
    prefix, _, suffix = reverse(name, args=[_URL_MARK]).rpartition(str(_URL_MARK))
    return lambda pk: f"{escape(prefix)}{pk}{escape(suffix)}"


def render_threads(context, threads):
    """The page's threads (CommentNode trees) as nested lists, for the viewer in `context`.

    `context` is the comment section's: user, form (None when the viewer may not post),
    reply_target, and the CSRF token; the reply form is rendered from it, inside the comment replied to.
    """
    user = context["user"]
    form = context.get("form")
    reply_target = context.get("reply_target")
    language = get_language()
    zone = timezone.get_current_timezone()
    now = timezone.now()
    viewer_pk = user.pk if user.is_authenticated else None
    ago = gettext("%(time)s ago")
    former_member = escape(gettext("Former member"))
    # Each string is bound to a name before its f-string: xgettext cannot see a gettext() inside one.
    staff = escape(gettext("Staff"))
    staff_badge = f'<span class="comment__badge">{staff}</span>'
    pending = escape(gettext("Only you can see this comment until a moderator has read it."))
    pending_note = f'<p class="comment__pending">{pending}</p>'
    placeholders = {
        "deleted": escape(gettext("Comment deleted by its author.")),
        "removed": escape(gettext("Comment removed by a moderator.")),
        "hidden": escape(gettext("This comment is hidden while a moderator reviews it.")),
    }
    if form:
        reply_label = escape(gettext("Reply"))
        reported = escape(gettext("You reported this comment"))
        reported_note = f'<span class="comment__reported">{reported}</span>'
        report_label = escape(gettext("Report"))
        report_url = _url_for_pk("comments:report")
    if viewer_pk is not None:
        delete_label = escape(gettext("Delete"))
        delete_url = _url_for_pk("comments:delete")
        edit_label = escape(gettext("Edit"))
        edit_url = _url_for_pk("comments:edit")
        editable_since = now - EDIT_WINDOW
    edited = escape(gettext("edited"))
    edited_mark = f' <span class="comment__edited">({edited})</span>'
    reply_login_url = context.get("reply_login_url")
    if reply_login_url:
        members_reply = escape(gettext("Members can reply to this comment."))
        log_in_to_reply = escape(gettext("Log in to reply"))
        reply_login = (
            f'<p class="comment__login-to-reply" id="reply-form">{members_reply} '
            f'<a class="button" href="{escape(reply_login_url)}">{log_in_to_reply}</a></p>'
        )
    can_mute = context.get("can_mute", False)
    if can_mute:
        mute = _MuteMarkup(context)
    reply_target_pk = reply_target.comment.pk if reply_target else None
    # A moderator's content note: the text behind a <details>, open only for members who chose so.
    note_label = escape(gettext("Content note"))
    note_open = " open" if expands_content_notes(user) else ""

    out = []
    append = out.append

    def level(nodes):
        append('<ol class="comment-list">')
        for node in nodes:
            comment = node.comment
            pk = comment.pk
            state = node.state
            append(f'<li class="comment comment--{state}{" comment--staff" if node.is_staff else ""}" id="c{pk}">')
            if state == "visible" or state == "pending":
                if node.picture_url:
                    avatar = (
                        f'<img class="comment__avatar" src="{escape(node.picture_url)}" alt="" width="40" height="40"'
                        ' loading="lazy">'
                    )
                else:
                    avatar = (
                        '<span class="comment__avatar comment__avatar--initials" aria-hidden="true">'
                        f"{escape(initials(comment.user_name))}</span>"
                    )
                date = comment.submit_date
                when = ago % {"time": escape(timesince(date, now, language))}
                muted = can_mute and node.muted_by_viewer
                if muted:
                    append(mute.collapsed)
                append(
                    f'<article class="comment__body" aria-labelledby="c{pk}-author"><header class="comment__header">'
                    f'{avatar} <span class="comment__author" id="c{pk}-author"><bdi>'
                    f"{escape(comment.user_name) if comment.user_id else former_member}</bdi></span>"
                    f" {staff_badge + ' ' if node.is_staff else ''}"
                    f'<time class="comment__date" datetime="{timezone.localtime(date, zone).isoformat()}"'
                    f' title="{_full_date(language, zone, date)}">'
                    f"{when}</time>{edited_mark if node.edited else ''}</header>"
                )
                if state == "pending":
                    append(pending_note)
                text = f'<div class="comment__text" dir="auto">{comment_text_html(comment.comment)}</div>'
                if node.content_note:
                    text = (
                        f'<details class="content-note"{note_open}><summary class="content-note__summary">'
                        f'<span class="content-note__label">{note_label}:</span> {escape(node.content_note)}'
                        f"</summary>{text}</details>"
                    )
                append(text)
                if state == "visible":
                    append('<footer class="comment__actions">')
                    if form:
                        append(
                            f'<a class="comment__reply" href="?reply_to={pk}#reply-form"'
                            f' aria-describedby="c{pk}-author">{reply_label}</a> '
                        )
                    if viewer_pk is not None and comment.user_id == viewer_pk:
                        if date >= editable_since:
                            append(f'<a class="comment__edit" href="{edit_url(pk)}">{edit_label}</a> ')
                        append(f'<a class="comment__delete" href="{delete_url(pk)}">{delete_label}</a>')
                    elif form:
                        if node.reported_by_viewer:
                            append(reported_note)
                        else:
                            # A page that asks why, then confirms and offers an undo (views.report_comment).
                            append(f'<a class="comment__report" href="{report_url(pk)}">{report_label}</a>')
                    if muted:
                        append(mute.unmute_button(pk))
                    elif can_mute and comment.user_id and comment.user_id != viewer_pk and not node.is_staff:
                        append(mute.button(pk))
                    append("</footer>")
                append("</article>")
                if muted:
                    append("</details>")
            else:
                append(f'<p class="comment__placeholder">{placeholders[state]}</p>')
            if pk == reply_target_pk:
                # A visitor who is not signed in gets the way in, never a form that cannot post.
                append(_reply_form(context) if form else reply_login if reply_login_url else "")
            if node.children:
                level(node.children)
            if node.hidden_replies:
                # A conversation shown in part (comments.tree.shown_threads) ends with the way to the rest.
                label = ngettext(
                    "Show the other %(count)s reply", "Show the other %(count)s replies", node.hidden_replies
                ) % {"count": node.hidden_replies}
                append(
                    f'<p class="comment__more"><a href="?thread={pk}#c{pk}" data-conversation="c{pk}">'
                    f"{escape(label)}</a></p>"
                )
            append("</li>")
        append("</ol>")

    if threads:
        level(threads)
        if can_mute:
            append(mute.form)
    return mark_safe("".join(out))  # noqa: S308 (every value above is escaped or our own markup)


class _MuteMarkup:
    """What member-side muting adds to a thread: the collapsed summary and the mute and unmute controls.

    Only the viewer's own mutes collapse anything (CommentNode.muted_by_viewer); the comment stays
    whole inside a <details>, so showing it needs no JavaScript and no request. Every control is a
    button of the one form after the thread (`form` and `formaction`), which carries the CSRF token
    and the explanation once: a form per comment cost about 330 bytes each, and put the member's
    view of a long conversation over the 60 KB page budget (issue 18).
    """

    FORM = "mute-form"
    WHY = "mute-why"

    def __init__(self, context):
        summary = escape(gettext("Comment from a member you muted"))
        self.collapsed = f'<details class="comment__muted"><summary>{summary}</summary>'
        why = escape(gettext("Collapse this member’s comments for you only. Nobody is told."))
        self.form = (
            f'<form id="{self.FORM}" method="post">{CsrfTokenNode().render(context)}</form>'
            f'<p id="{self.WHY}" hidden>{why}</p>'
        )
        self._mute_url = _url_for_pk("comments:mute")
        self._mute = escape(gettext("Mute"))
        self._unmute_url = _url_for_pk("comments:unmute")
        self._unmute = escape(gettext("Unmute"))

    def button(self, pk):
        return (
            f'<button form="{self.FORM}" formaction="{self._mute_url(pk)}" class="link-button comment__mute"'
            f' aria-describedby="{self.WHY}">{self._mute}</button>'
        )

    def unmute_button(self, pk):
        return (
            f'<button form="{self.FORM}" formaction="{self._unmute_url(pk)}" class="link-button comment__unmute">'
            f"{self._unmute}</button>"
        )


def _reply_form(context):
    """comments/includes/comment_form.html, as {% include %} would render it here."""
    template = context.template.engine.get_template("comments/includes/comment_form.html")
    return template.render(context)
