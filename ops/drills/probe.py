# ruff: noqa: S603, S607, T201 - a drill runs local programs and reports on stdout
"""Look inside the drill's database: `python -m ops.drills.probe COMMAND '{"json": "arguments"}'`.

Each command prints one JSON line. Run by ops/drills/harness.probe in a fresh process, with the
drill's environment, so the drill itself never imports Django.
"""

import hashlib
import io
import json
import sys
from pathlib import Path

import django

COMMANDS = {}


def command(function):
    COMMANDS[function.__name__] = function
    return function


@command
def counts():
    """Rows in every table of the database, and the totals the drills talk about."""
    from django.db import connection

    tables = {}
    with connection.cursor() as cursor:
        for table in sorted(connection.introspection.table_names()):
            cursor.execute(f'SELECT count(*) FROM "{table}"')  # noqa: S608 - names from the catalogue
            tables[table] = cursor.fetchone()[0]
    return {"tables": tables}


@command
def summary():
    from django.contrib.auth import get_user_model
    from django_comments_xtd.models import XtdComment
    from wagtail.models import Page

    from blog.models import QuestionSubmission
    from learning.models import JournalEntry

    pages = {
        language: Page.objects.filter(depth__gt=1, locale__language_code=language).count() for language in ("en", "es")
    }
    return {
        "pages": pages,
        "translated_pages": Page.objects.filter(locale__language_code="es", depth__gt=2).count(),
        "comments": XtdComment.norel_objects.count(),
        "journals": JournalEntry.objects.count(),
        "questions": QuestionSubmission.objects.count(),
        "users": get_user_model().objects.count(),
    }


def _commentable_pair():
    """An English page with demo comments, and its Spanish translation."""
    from django.db.models import Count
    from django_comments_xtd.models import XtdComment
    from wagtail.models import Page

    from comments.access import commentable_page

    busiest = XtdComment.norel_objects.values("content_type_id", "object_pk").annotate(n=Count("pk")).order_by("-n")
    for row in busiest:
        from django.contrib.contenttypes.models import ContentType

        content_type = ContentType.objects.get_for_id(row["content_type_id"])
        page = commentable_page(content_type, row["object_pk"])
        if page is None or page.locale.language_code != "en" or page.get_view_restrictions().exists():
            continue
        spanish = Page.objects.filter(translation_key=page.translation_key, locale__language_code="es").live().first()
        if spanish is not None and commentable_page(content_type, spanish.pk) is not None:
            return page.specific, spanish.specific
    raise RuntimeError("no public English page with comments and a Spanish translation")


def _form_data(page):
    from comments.forms import MemberCommentForm

    data = MemberCommentForm(page).generate_security_data()
    return {key: str(value) for key, value in data.items()}


@command
def comment_target(open_to_new_members=False):
    """A page to comment on (English and Spanish), the posting form's hidden fields, its comments."""
    from comments.access import settings_for
    from comments.services import comments_on

    english, spanish = _commentable_pair()
    if open_to_new_members:
        comment_settings = settings_for(english)
        comment_settings.hold_first_comments = 0
        comment_settings.save()
    visible = comments_on(english).filter(is_public=True, is_removed=False)
    return {
        "en": {"id": english.pk, "url": english.url, "form": _form_data(english)},
        "es": {"id": spanish.pk, "url": spanish.url, "form": _form_data(spanish)},
        "visible_comment_ids": list(visible.values_list("pk", flat=True)),
    }


@command
def make_members(count, prefix, password=None):
    """`count` verified members, each with a signed-in session; returns their names and session keys."""
    from allauth.account.models import EmailAddress
    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY, get_user_model
    from django.contrib.sessions.backends.db import SessionStore

    from cms.security import stamp_sign_in
    from members.services import grant_membership

    User = get_user_model()
    made = []
    for number in range(count):
        username = f"{prefix}{number:03d}"
        user = User.objects.create_user(username, f"{username}@drill.invalid", password)
        EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
        grant_membership(user)
        session = SessionStore()
        session[SESSION_KEY] = str(user.pk)
        session[BACKEND_SESSION_KEY] = settings.AUTHENTICATION_BACKENDS[0]
        session[HASH_SESSION_KEY] = user.get_session_auth_hash()

        stamp_sign_in(request=type("Request", (), {"session": session})())
        session.save()
        made.append({"id": user.pk, "username": username, "email": user.email, "session": session.session_key})
    return {"members": made}


@command
def follow_page(username, page_id):
    """The member follows every new comment on the page (so a comment there sends an email)."""
    from django.contrib.auth import get_user_model
    from wagtail.models import Page

    from comments.models import FollowUp
    from comments.services import comments_on

    page = Page.objects.get(pk=page_id).specific
    user = get_user_model().objects.get(username=username)
    comment = comments_on(page).filter(is_public=True).first()
    FollowUp.objects.get_or_create(user=user, comment=comment, scope=FollowUp.Scope.PAGE)
    profile = getattr(user, "member_profile", None)
    if profile is not None and hasattr(profile, "notify_replies"):
        profile.notify_replies = True
        profile.save()
    return {"ok": True}


@command
def rows(model, filters):
    from django.apps import apps

    queryset = apps.get_model(model)._default_manager.filter(**filters)
    if model == "django_comments_xtd.XtdComment":
        queryset = apps.get_model(model).norel_objects.filter(**filters)
    return {"count": queryset.count()}


@command
def tree(page_id, marker):
    """Check the comment tree of a page: thread ids, parents, levels and the display order."""
    from django_comments_xtd.models import XtdComment
    from wagtail.models import Page

    from comments.services import comments_on

    page = Page.objects.get(pk=page_id).specific
    comments = list(comments_on(page).values("pk", "parent_id", "thread_id", "level", "order", "comment"))
    by_pk = {comment["pk"]: comment for comment in comments}
    problems = []
    for comment in comments:
        if comment["parent_id"] == comment["pk"]:
            if comment["level"] != 0 or comment["thread_id"] != comment["pk"]:
                problems.append(f"root {comment['pk']}: level {comment['level']}, thread {comment['thread_id']}")
            continue
        parent = by_pk.get(comment["parent_id"])
        if parent is None:
            problems.append(f"{comment['pk']}: parent {comment['parent_id']} missing")
            continue
        if comment["thread_id"] != parent["thread_id"]:
            problems.append(f"{comment['pk']}: thread {comment['thread_id']} != parent's {parent['thread_id']}")
        if comment["level"] != parent["level"] + 1:
            problems.append(f"{comment['pk']}: level {comment['level']} under level {parent['level']}")
    threads = {}
    for comment in comments:
        threads.setdefault(comment["thread_id"], []).append(comment)
    for thread_id, members in threads.items():
        orders = sorted(comment["order"] for comment in members)
        if orders != list(range(1, len(members) + 1)):
            problems.append(f"thread {thread_id}: orders {orders[:12]}... not 1..{len(members)}")
            continue
        # In display order, every comment must come right under its parent's subtree (pre-order).
        stack = []
        for comment in sorted(members, key=lambda item: item["order"]):
            if comment["pk"] == thread_id:
                stack = [comment["pk"]]
                continue
            while stack and stack[-1] != comment["parent_id"]:
                stack.pop()
            if not stack:
                problems.append(f"thread {thread_id}: {comment['pk']} shown outside its parent's replies")
                break
            stack.append(comment["pk"])
    marked = [comment for comment in comments if marker in comment["comment"]]
    return {
        "total": len(comments),
        "marked": len(marked),
        "marked_replies": sum(1 for comment in marked if comment["parent_id"] != comment["pk"]),
        "problems": problems[:20],
        "all_comments": XtdComment.norel_objects.count(),
    }


@command
def seed_backup_content(username):
    """Content a backup must carry: an image file, a journal, and a member with things of their own."""
    from django.contrib.auth import get_user_model
    from django.core.files.images import ImageFile
    from django.utils import timezone
    from PIL import Image

    from cms.models import CreditedImage
    from learning.models import JournalEntry

    buffer = io.BytesIO()
    Image.new("RGB", (64, 48), (200, 120, 40)).save(buffer, "PNG")
    image = CreditedImage(title="Drill image")
    image.file.save("drill.png", ImageFile(buffer, name="drill.png"), save=False)
    image.save()
    image.get_rendition("fill-32x32")
    import uuid

    member = get_user_model().objects.get(username=username)
    JournalEntry.objects.create(
        member=member, exercise_key=uuid.uuid4(), answers={"q": "drill answer"}, finished_at=timezone.now()
    )
    return {"image": image.pk, "image_url": image.file.url, "member": member.pk}


@command
def delete_member(username):
    from django.contrib.auth import get_user_model

    from members.privacy import delete_member_account

    member = get_user_model().objects.get(username=username)
    delete_member_account(member, keep_comments=False)
    return {"deleted": member.pk}


@command
def user_exists(username):
    from django.contrib.auth import get_user_model

    return {"exists": get_user_model().objects.filter(username=username).exists()}


@command
def publish_title(page_id, title):
    """Publish a new revision of a page with a new title, the way the editor's Publish button does."""
    from wagtail.models import Page

    page = Page.objects.get(pk=page_id).specific
    page.title = title
    page.save_revision().publish()
    return {"url": page.url}


@command
def upload_image(title):
    """An image uploaded through Wagtail's model (as the admin's upload form saves it)."""
    from django.core.files.images import ImageFile
    from PIL import Image

    from cms.models import CreditedImage

    buffer = io.BytesIO()
    Image.new("RGB", (40, 30), (10, 140, 90)).save(buffer, "PNG")
    image = CreditedImage(title=title)
    image.file.save("upload.png", ImageFile(buffer, name="upload.png"), save=False)
    image.save()
    rendition = image.get_rendition("fill-20x20")
    path = Path(image.file.path)
    return {
        "url": image.file.url,
        "rendition_url": rendition.url,
        "sha256": hashlib.sha256(path.read_bytes()).hexdigest(),
    }


@command
def private_media():
    """A members-only document, audio file, segment video and course image, with every address of each.

    The first address of each is the app's own; the others are paths nginx must refuse.
    """
    from django.core.files.base import ContentFile
    from django.core.files.images import ImageFile
    from PIL import Image
    from wagtail.documents import get_document_model

    from cms.models import CreditedImage, SiteMedia
    from demo.loader import MEMBERS_ONLY_COLLECTION
    from demo.media import tone_wav
    from learning.models import SegmentPage, ensure_members_only_collection

    collection = ensure_members_only_collection(MEMBERS_ONLY_COLLECTION)
    document = get_document_model().objects.create(
        title="Drill safety plan", collection=collection, file=ContentFile(b"A family's safety plan.", "plan.txt")
    )
    # About 1.3 MB: long enough that a slow listener is still reading while the page is measured.
    audio = SiteMedia(title="Drill members' talk", type="audio", collection=collection)
    audio.file.save("talk.wav", ContentFile(tone_wav(30.0)), save=False)
    audio.save()
    video = SiteMedia(title="Drill role play", type="video", collection=collection)
    video.file.save("role-play.wav", ContentFile(tone_wav(2.0)), save=False)
    video.save()
    segment = SegmentPage.objects.live().filter(locale__language_code="en").first()
    segment.video = video
    segment.save_revision().publish()
    buffer = io.BytesIO()
    Image.new("RGB", (400, 200), (10, 140, 90)).save(buffer, "PNG")
    image = CreditedImage(title="Drill course image", collection=collection)
    image.file.save("course.png", ImageFile(buffer, name="course.png"), save=False)
    image.save()
    rendition = image.get_rendition("max-165x165")
    return {
        "segment_url": segment.url,
        "files": {
            "document": {
                "urls": [document.url, f"/media/{document.file.name}"],
                "size": document.file.size,
            },
            "audio": {
                "urls": [audio.url, f"/podcast-audio/{audio.pk}/{audio.filename}", f"/media/{audio.file.name}"],
                "size": audio.file.size,
            },
            "video": {
                "urls": [f"/learning/videos/{video.pk}/", video.url, f"/media/{video.file.name}"],
                "size": video.file.size,
            },
            "image": {
                "urls": [
                    rendition.url,
                    f"/learning/images/{image.pk}/segment/",
                    f"/media/{rendition.file.name}",
                    f"/media/images/{Path(rendition.file.name).name}",
                    f"/media/{image.file.name}",
                ],
                "size": rendition.file.size,
            },
        },
    }


@command
def send_test_mail(address):
    """Send one email through the configured backend; a refused one waits in the queue with its error."""
    from django.core.mail import send_mail

    from cms.models import QueuedEmail

    try:
        sent = send_mail("Drill", "Drill message", None, [address])
    except Exception as error:  # noqa: BLE001 - the drill wants to know which error
        return {"sent": False, "error": type(error).__name__}
    queued = QueuedEmail.objects.order_by("-pk").first()
    return {"sent": bool(sent), "error": f"queued after {queued.last_error}" if queued else None}


def main():
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
    django.setup()
    name, arguments = sys.argv[1], json.loads(sys.argv[2] if len(sys.argv) > 2 else "{}")
    print(json.dumps(COMMANDS[name](**arguments), default=str))


if __name__ == "__main__":
    main()
