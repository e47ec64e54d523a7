"""Comments for any app's tests: `CommentFactory(content_object=page, user=member)` saves a published
comment through the engine's model, posted two hours ago (so a test's own posts are not slowed by the
rate limit); `form_data` is what the comment form posts; `bulk_comments` grows long threads fast."""

import datetime

import factory
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.utils import timezone
from django_comments.models import Comment
from django_comments_xtd.models import XtdComment

from comments.forms import MemberCommentForm

LONG_AGO = datetime.timedelta(hours=2)


def form_data(page, text, **extra):
    """What the comment form on `page` posts: its signed hidden fields, the text and any extras."""
    form = MemberCommentForm(page)
    data = {name: form.initial.get(name, field.initial) for name, field in form.fields.items()}
    data = {name: value for name, value in data.items() if value is not None}
    data.update(comment=text, honeypot="", follow="", reply_to=0, post="1")
    data.update(extra)
    return data


class CommentFactory(factory.django.DjangoModelFactory):
    """A published comment on `content_object` (a Q&A post unless given), by `user` (a new member)."""

    content_object = factory.SubFactory("tests.blog.factories.QAPostPageFactory")
    site_id = 1
    user = factory.SubFactory("tests.members.factories.MemberFactory")
    user_name = factory.LazyAttribute(lambda comment: comment.user.username if comment.user else "")
    comment = "A kind word."
    parent_id = 0
    is_public = True
    submit_date = factory.LazyFunction(lambda: timezone.now() - LONG_AGO)

    class Meta:
        model = XtdComment


def add_comment(page, user, text="A kind word.", parent=None, **fields):
    """A comment on `page` by `user`, published, posted two hours ago (a reply when `parent` is given)."""
    return CommentFactory(content_object=page, user=user, comment=text, parent_id=parent.pk if parent else 0, **fields)


def bulk_comments(page, authors, count, depth=4, start=0):
    """`count` published comments on `page` in threads `depth` replies deep, in three bulk inserts.

    XtdComment extends Comment through a one-to-one table, which Django cannot bulk-create; the
    parent rows go in with bulk_create and the thread columns with one executemany.
    """
    content_type = ContentType.objects.get_for_model(page)
    now = timezone.now() - LONG_AGO
    base = Comment.objects.bulk_create(
        Comment(
            content_type=content_type,
            object_pk=str(page.pk),
            site_id=1,
            user=authors[number % len(authors)],
            user_name=authors[number % len(authors)].username,
            comment=f"Bulk comment {start + number}",
            submit_date=now + datetime.timedelta(seconds=number),
            is_public=True,
            is_removed=False,
        )
        for number in range(count)
    )
    rows = []
    per_thread = depth + 1
    for number, comment in enumerate(base):
        level = number % per_thread
        thread = base[number - level].pk
        parent = base[number - 1].pk if level else comment.pk
        rows.append((comment.pk, thread, parent, level, level + 1, False, 0))
    with connection.cursor() as cursor:
        cursor.executemany(
            f"INSERT INTO {XtdComment._meta.db_table} "  # noqa: S608 (our own table name, no input)
            '(comment_ptr_id, thread_id, parent_id, level, "order", followup, nested_count) '
            "VALUES (%s, %s, %s, %s, %s, %s, %s)",
            rows,
        )
    return XtdComment.norel_objects.filter(pk__in=[comment.pk for comment in base])
