from django.apps import AppConfig


class MeetingsConfig(AppConfig):
    name = "meetings"
    verbose_name = "Support meetings"

    def ready(self):
        # The home page lists its child types itself; home may not import this app (imports point
        # from the ground up), so the meetings index adds itself to the types a home page accepts.
        from home.models import HomePage

        if "meetings.MeetingIndexPage" not in HomePage.subpage_types:
            HomePage.subpage_types = [*HomePage.subpage_types, "meetings.MeetingIndexPage"]
