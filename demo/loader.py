"""Build the bilingual demo from demo/data: English objects from JSON, Spanish through wagtail-localize.

Each section has `data/<section>.json` (its pages and snippets as `objects`, plus the people,
pictures and conversations that are not translated) and `data/es/<section>.po` (the Spanish, as a
translator's PO upload: `msgctxt` is the object's key and wagtail-localize's own context path).

Objects are found again by their translation key, so running the loader twice changes nothing; a
reference is `{"$ref": key}` (a page's key is its path under the home page). The English pass
saves every object, then the Spanish pass imports each object's PO entries with
`Translation.import_po` and publishes with `save_target`, as the translation editor does.
"""

import html
import json
from datetime import timedelta
from pathlib import Path

import polib
from allauth.account.models import EmailAddress
from django.apps import apps
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import CommandError
from django.db import models, transaction
from django.utils import timezone
from modelcluster.models import get_all_child_relations
from wagtail.fields import StreamField
from wagtail.models import DraftStateMixin, Locale, Page, RevisionMixin, Site, TranslatableMixin
from wagtail_localize.models import OverridableSegment, SegmentOverride, Translation, TranslationSource

from .media import demo_audio, demo_image

DATA = Path(__file__).resolve().parent / "data"
# In the order they load: people first, pages before the pages and comments that refer to them.
SECTIONS = ["site", "members", "home", "learning", "blog", "podcast", "comments", "safety", "meetings"]
MEMBERS_ONLY_COLLECTION = "Members-only learning media"


class Missing(Exception):
    """A reference to something no loaded section makes (say, the learning modules when only the blog loads)."""


class Later(Exception):
    """A reference to an object a later entry makes: the field is set on the second pass."""


def read_section(section):
    return json.loads((DATA / f"{section}.json").read_text(encoding="utf-8"))


def read_spanish(section):
    """PO entries by object key: `msgctxt` is "<key> <wagtail-localize context path>"."""
    path = DATA / "es" / f"{section}.po"
    entries = {}
    if path.exists():
        for entry in polib.pofile(str(path)):
            key, context = entry.msgctxt.split(" ", 1)
            entries.setdefault(key, []).append(polib.POEntry(msgctxt=context, msgid=entry.msgid, msgstr=entry.msgstr))
    return entries


def rows_in_both_languages(section, model_label):
    """(language, fields) for each object of `model_label` in a section, its Spanish read from the PO file.

    For tests that need a word list as the demo has it without running wagtail-localize. Only
    plain-text fields: wagtail-localize stores them as escaped HTML, unescaped here.
    """
    spanish = read_spanish(section)
    for entry in read_section(section)["objects"]:
        if entry["model"] != model_label:
            continue
        yield entry.get("locale", "en"), entry["fields"]
        if entry["key"] in spanish:
            translated = {item.msgctxt: html.unescape(item.msgstr) for item in spanish[entry["key"]]}
            yield "es", {name: translated.get(name, value) for name, value in entry["fields"].items()}


class DemoLoader:
    def __init__(self, password, stdout, sections=None):
        self.password = password
        self.stdout = stdout
        self.sections = [section for section in SECTIONS if sections is None or section in sections]
        self.data = {section: read_section(section) for section in self.sections}
        self.spanish = {}
        for section in self.sections:
            self.spanish.update(read_spanish(section))
        self.english = Locale.get_default()
        self.spanish_locale = Locale.objects.get(language_code="es")
        self.objects = {}
        self.planned = {entry["key"] for data in self.data.values() for entry in data.get("objects", [])}
        self.users = {}

    def section(self, name):
        return self.data.get(name, {})

    # The whole load ---------------------------------------------------------------------------

    def load(self):
        self.load_people()
        self.load_media()
        entries = [entry for data in self.data.values() for entry in data.get("objects", [])]
        later = [entry for entry in entries if not self.save(entry)]
        for entry in later:
            self.save(entry, final=True)
        for entry in entries:
            if entry["key"] in self.spanish:
                self.translate(entry)
        # Links to pages translated after them (the home page's cards) now point at the Spanish pages.
        for entry in later:
            if entry["key"] in self.spanish:
                self.translate(entry)
        self.load_questions()
        count = self.load_threads()
        self.load_moderation_queue()
        self.load_safety_plans()
        self.apply_roles()
        english_pages = sum(1 for entry in entries if "parent" in entry or entry["model"] == "home.HomePage")
        self.stdout.write(
            f"  {len(entries)} pages and snippets ({english_pages} pages) in English and Spanish, "
            f"{count} demo comments, sections: {', '.join(self.sections)}"
        )

    # References -------------------------------------------------------------------------------

    def lookup(self, key):
        if key.startswith("user:"):
            user = self.user(key.removeprefix("user:"))
            if user is None:
                raise Missing(key)
            return user
        if key in self.objects:
            return self.objects[key]
        if key in self.planned:
            raise Later(key)
        raise Missing(key)

    def resolve(self, value, owner=None):
        """`value` with every {"$ref": key} replaced by its object's id (Missing/Later when not made)."""
        if isinstance(value, dict):
            if "$ref" in value:
                return self.lookup(value["$ref"]).pk
            if "$occurrence" in value:
                # A date a few weeks ahead of whenever the demo is loaded, so the listing always shows one.
                which = value["$occurrence"]
                return owner.next_occurrences(count=which + 1, now=timezone.now())[which].date
            return {name: self.resolve(item, owner) for name, item in value.items()}
        if isinstance(value, list):
            items = []
            for item in value:
                try:
                    items.append(self.resolve(item, owner))
                except Missing:
                    # A block (say, a card for a section not loaded) whose target is absent is left out.
                    if not (isinstance(item, dict) and "type" in item):
                        raise
            return items
        return value

    # English ----------------------------------------------------------------------------------

    def save(self, entry, final=False):
        """Create or update one object; False when a field waits for a later entry."""
        model = apps.get_model(entry["model"])
        locale = self.spanish_locale if entry.get("locale") == "es" else self.english
        if "translation_key" in entry:
            obj = model.objects.filter(translation_key=entry["translation_key"], locale=locale).first()
            if obj is None:
                obj = model(translation_key=entry["translation_key"], locale=locale)
        else:
            match = {name: entry["fields"][name] for name in entry["lookup"]}
            obj = model.objects.filter(**match).first() or model(**match)
        complete = True
        for name, value in entry["fields"].items():
            field = model._meta.get_field(name)
            try:
                resolved = self.resolve(value)
            except Later:
                if final:
                    raise
                complete = False
                continue
            except Missing:
                resolved = None
            if isinstance(field, models.ForeignKey):
                setattr(obj, field.attname, resolved)
            elif isinstance(field, StreamField):
                setattr(obj, name, resolved)
            else:
                setattr(obj, name, field.to_python(resolved))
        for relation in get_all_child_relations(model):
            name = relation.get_accessor_name()
            if name not in entry.get("children", {}):
                continue
            try:
                setattr(obj, name, self.children(obj, relation, entry["children"][name]))
            except Later:
                if final:
                    raise
                complete = False
        self.store(entry, obj)
        self.objects[entry["key"]] = obj
        return complete

    def children(self, obj, relation, rows):
        child_model = relation.related_model
        existing = {}
        if obj.pk and issubclass(child_model, TranslatableMixin):
            existing = {
                str(child.translation_key): child.pk for child in getattr(obj, relation.get_accessor_name()).all()
            }
        instances = []
        for row in rows:
            try:
                values = {}
                for name, value in row.items():
                    field = child_model._meta.get_field(name)
                    resolved = self.resolve(value, owner=obj)
                    values[field.attname if isinstance(field, models.ForeignKey) else name] = resolved
            except Missing:
                continue
            if issubclass(child_model, TranslatableMixin):
                values["locale_id"] = obj.locale_id
            instances.append(child_model(pk=existing.get(row.get("translation_key")), **values))
        return instances

    def store(self, entry, obj):
        if isinstance(obj, Page):
            if obj.pk is None:
                if "parent" in entry:
                    self.lookup(entry["parent"]).add_child(instance=obj)
                else:
                    self.add_home(obj)
            obj.save_revision().publish()
            if "parent" not in entry:
                # The address `make run` serves on (WAGTAILADMIN_BASE_URL), so feeds and emails reach it.
                from cms.public_url import site_address

                Site.objects.update_or_create(
                    is_default_site=True,
                    defaults={"root_page": obj, **site_address(), "site_name": self.section("home")["site_name"]},
                )
        elif isinstance(obj, DraftStateMixin):
            obj.live = True
            obj.save()
            obj.save_revision().publish()
        elif isinstance(obj, RevisionMixin):
            obj.save()
            obj.save_revision()
        else:
            obj.save()

    def add_home(self, home):
        root = Page.get_first_root_node()
        # Wagtail's migrations leave a "Welcome to your new Wagtail site!" page; ours replaces it.
        for welcome in root.get_children().filter(content_type__model="page"):
            welcome.delete()
        root.add_child(instance=home)

    # Spanish ----------------------------------------------------------------------------------

    def translate(self, entry):
        """Import the object's Spanish PO entries and publish the translation, as a translator's upload does."""
        obj = self.objects[entry["key"]]
        with transaction.atomic():
            source, _ = TranslationSource.update_or_create_from_instance(obj)
            translation, _ = Translation.objects.get_or_create(source=source, target_locale=self.spanish_locale)
            po = polib.POFile()
            po.extend(self.spanish[entry["key"]])
            translation.import_po(po, tool_name="demo data")
            total, translated = translation.get_progress()
            if translated < total:
                raise CommandError(
                    f"{entry['key']}: {total - translated} of {total} strings have no Spanish in "
                    f"demo/data/es/*.po (English text changed without its translation?)"
                )
            for path, value in entry.get("spanish_overrides", {}).items():
                # wagtail-localize keeps a translation's own choice (the Spanish recording) as an override.
                segment = OverridableSegment.objects.select_related("context").get(source=source, context__path=path)
                SegmentOverride.objects.update_or_create(
                    locale=self.spanish_locale,
                    context=segment.context,
                    defaults={"data_json": json.dumps(self.resolve(value))},
                )
            translation.save_target(publish=True)
        if "spanish_fields" in entry:
            spanish = obj.get_translation(self.spanish_locale)
            for name, value in entry["spanish_fields"].items():
                setattr(spanish, name, value)
            if isinstance(spanish, DraftStateMixin):
                # wagtail-localize publishes the translation when the transaction commits: these fields
                # go in a revision published after that one, or that publication would put the row back.
                transaction.on_commit(spanish.save_revision().publish)
            else:
                spanish.save()

    # People, pictures and conversations -------------------------------------------------------

    def user(self, username):
        if username not in self.users:
            self.users[username] = get_user_model().objects.filter(username=username).first()
        return self.users[username]

    def load_people(self):
        site = self.section("site")
        User = get_user_model()
        for spec in site.get("users", []):
            user, _ = User.objects.get_or_create(
                username=spec["username"], defaults={"email": f"{spec['username']}@example.org"}
            )
            user.is_superuser = user.is_staff = spec["superuser"]
            user.set_password(self.password)
            user.save()
            if spec["group"]:
                # One login per role: the groups and their permissions are cms.roles', made by migrate
                # (a misspelt group here fails instead of making an empty one).
                user.groups.add(Group.objects.get(name=spec["group"]))
            # Staff confirmed their address when invited, as members do on joining: without it the site's
            # login would ask them to, and the admin login (cms.security) would then refuse them.
            self.confirm_address(user)
        members = self.section("members")
        for spec in members.get("staff_profiles", []):
            user = self.user(spec["username"])
            if user is not None:
                self.make_member(user, spec, join_members=spec["username"] == "member")
        for spec in members.get("members", []):
            user, _ = User.objects.get_or_create(
                username=spec["username"], defaults={"email": f"{spec['username']}@example.org"}
            )
            # Every run, so a changed DEMO_PASSWORD reaches the demo members as it does the staff logins.
            user.set_password(self.password)
            user.save(update_fields=["password"])
            self.users[user.username] = user
            self.make_member(user, spec, join_members=True)
        from members.models import Mute

        for spec in members.get("mutes", []):
            muter, muted = self.user(spec["muter"]), self.user(spec["muted"])
            if muter is not None and muted is not None:
                Mute.objects.get_or_create(muter=muter, muted=muted)

    def confirm_address(self, user):
        """Verify the email the way confirming the emailed link would."""
        EmailAddress.objects.update_or_create(user=user, email=user.email, defaults={"verified": True, "primary": True})

    def make_member(self, user, spec, *, join_members):
        """Confirm the account's address, fill in its profile, and let it into the members' area if `join_members`.

        Also for staff whose login the site section made earlier, or another run (`--section members`).
        """
        from members.services import grant_membership, profile_for

        self.confirm_address(user)
        if join_members:
            grant_membership(user)
        profile = profile_for(user)
        profile.display_name = spec["display_name"]
        profile.relationship = spec["relationship"]
        profile.preferred_language = spec["language"]
        profile.show_in_directory = spec["listed"]
        profile.bio = spec["bio"]
        profile.save()

    def load_media(self):
        for data in self.data.values():
            for spec in data.get("images", []):
                collection = None
                if spec.get("members_only"):
                    # Course images are members-only files: their renditions are never public (cms.protected_media).
                    from learning.models import ensure_members_only_collection

                    collection = ensure_members_only_collection(MEMBERS_ONLY_COLLECTION)
                self.objects[f"image:{spec['title']}"] = demo_image(spec, collection)
            for spec in data.get("audio", []):
                self.objects[f"media:{spec['title']}"] = demo_audio(spec)

    def load_questions(self):
        from blog.inbox import default_decline_message, draft_answer
        from blog.models import QuestionSubmission

        for spec in self.section("blog").get("questions", []):
            member = self.user(spec["member"])
            if member is None:
                continue
            private = spec.get("private", False)
            question, created = QuestionSubmission.objects.get_or_create(
                member=member,
                subject=spec["subject"],
                defaults={
                    "question": spec["question"],
                    "relationship": spec["relationship"],
                    "language": spec["language"],
                    # A private question is answered by email, never published.
                    "private": private,
                    "consent_to_publish": not private,
                },
            )
            if not created:
                continue
            status = spec["status"]
            editor = self.user(spec["assigned_to"]) if "assigned_to" in spec else None
            if status == QuestionSubmission.Status.IN_PROGRESS and editor is not None:
                draft_answer(question, editor)
                QuestionSubmission.objects.filter(pk=question.pk).update(assigned_to=editor)
            elif status == QuestionSubmission.Status.ANSWERED:
                question.status, question.answered_at = status, timezone.now()
                question.answer_post_id = self.resolve(spec["answer_post"])
                question.save()
            elif status == QuestionSubmission.Status.DECLINED:
                question.status, question.declined_at = status, timezone.now()
                question.decline_message = default_decline_message(question)
                question.save()
            # Sent `days_ago`: only the new ones fall in the last day, so the demo member still has
            # room under the daily limit (QuestionSubmission.MAX_PER_DAY) on a fresh install.
            sent = timezone.now() - timedelta(days=spec["days_ago"])
            QuestionSubmission.objects.filter(pk=question.pk).update(created_at=sent)

    def load_threads(self):
        start = timezone.now() - timedelta(days=20)
        count = 0
        for spec in self.section("comments").get("threads", []):
            page = self.page_in(spec["page"], spec["language"])
            if page is None:
                continue
            for number, node in enumerate(spec["comments"]):
                count += self.add_comment(page, node, None, start + timedelta(days=number, hours=1))
        return count

    def page_in(self, key, language):
        """The page `key` in `language`, or None when its section is not loaded."""
        page = self.objects.get(key)
        if page is None or page.locale.language_code == language:
            return page
        # Not only live pages: wagtail-localize publishes a translation when its transaction
        # commits, which inside one outer transaction (tests) comes after this runs.
        return type(page).objects.filter(translation_key=page.translation_key, locale__language_code=language).first()

    def load_moderation_queue(self):
        """A few comments waiting in the queue, so a moderator's first login has work on every filter:
        held for a new member, held by the safety hold, and published but reported by a member."""
        from django_comments.models import CommentFlag
        from django_comments_xtd.models import XtdComment

        from comments.models import CommentReview, HoldReason
        from comments.services import member_comment

        queue = self.section("comments").get("moderation_queue", {})
        reporter = self.user(queue.get("reporter", ""))
        for spec in queue.get("comments", []):
            page, user = self.page_in(spec["page"], spec["language"]), self.user(spec["by"])
            if page is None or user is None:
                continue
            comments = XtdComment.norel_objects.filter(content_type_id=page.content_type_id, object_pk=str(page.pk))
            if comments.filter(user=user, comment=spec["text"]).exists():
                continue
            reported = spec["waits"] == "reported"
            comment = member_comment(
                page, user, spec["text"], submit_date=timezone.now() - timedelta(hours=2), is_public=reported
            )
            comment.save()
            if reported:
                if reporter is not None:
                    CommentFlag.objects.create(comment=comment, user=reporter, flag=CommentFlag.SUGGEST_REMOVAL)
            else:
                CommentReview.objects.create(comment=comment, hold_reason=HoldReason(spec["waits"]))

    def add_comment(self, page, node, parent, when):
        """One comment (found again when it exists) and its replies; returns how many there are."""
        from django_comments_xtd.models import XtdComment

        from comments.services import member_comment

        user = self.user(node["by"])
        if user is None:
            return 0
        comments = XtdComment.norel_objects.filter(content_type_id=page.content_type_id, object_pk=str(page.pk))
        comment = comments.filter(user=user, comment=node["text"]).first()
        if comment is None:
            comment = member_comment(page, user, node["text"], parent=parent, submit_date=when, is_public=True)
            comment.save()
        count = 1
        for number, reply in enumerate(node["replies"]):
            count += self.add_comment(page, reply, comment, when + timedelta(hours=3 * (number + 1)))
        return count

    def load_safety_plans(self):
        from safety.models import SafetyPlan

        for spec in self.section("safety").get("member_plans", []):
            member = self.user(spec["member"])
            if member is not None:
                plan = {name: value for name, value in spec.items() if name != "member"}
                SafetyPlan.objects.get_or_create(member=member, defaults=plan)

    def apply_roles(self):
        """cms.roles once more over the finished demo tree: its page permissions and workflows hang on
        home pages and sections, the Spanish ones made by wagtail-localize."""
        from cms.roles import apply_roles

        apply_roles()
