from django.core.management.base import BaseCommand

from translation_workflow.groups import setup_translation_groups, spanish_home_pages


class Command(BaseCommand):
    help = (
        "Give the Translators and Spanish reviewers groups their permissions on every Spanish home page "
        "and assign the Spanish review workflow. Run again after creating a new Spanish home page."
    )

    def handle(self, *args, **options):
        groups = setup_translation_groups()
        homes = spanish_home_pages().count()
        self.stdout.write(f"Set up {', '.join(groups)} on {homes} Spanish home page(s).")
