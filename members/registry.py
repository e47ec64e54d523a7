"""Where other apps plug into a member's profile, data export and account deletion.

Each app registers its providers in its AppConfig.ready(), so `members` never imports them:

    from members.registry import activity, data_export, account_deletion

    activity.register("blog_posts", posts_written_for)          # fn(member, viewer) -> dict | None
    data_export.register("questions", questions_as_json)        # fn(member) -> JSON-serialisable
    account_deletion.register("comments", scrub_comments)       # fn(member, keep_comments: bool)
    resume_points.register("learning", next_segment_for)        # fn(member) -> dict | None
"""


class Registry:
    """An ordered set of named callables; registering a name twice replaces the first."""

    def __init__(self, purpose):
        self.purpose = purpose
        self._providers = {}

    def register(self, name, provider):
        self._providers[name] = provider
        return provider

    def items(self):
        return list(self._providers.items())


# fn(member, viewer) -> {"title": str, "template": str, "items": list} or None: a profile section.
activity = Registry("activity shown on a member's profile page")
# fn(member) -> JSON-serialisable data: one key of the member's data download.
data_export = Registry("data included in a member's download of their data")
# fn(member, keep_comments) -> None: removes or anonymises what the app holds about the member.
account_deletion = Registry("cleanup when a member deletes their account")
# fn(member) -> {"title": str, "url": str, "label": str} or None: where the member left off (the
# home page and the members' area offer to take them back there).
resume_points = Registry("where a member left off, offered on the home page and in the members' area")
