from django.core.management.base import BaseCommand, CommandError

from cms.page_restore import RestoreError, dump_file, restore_subtree, scratch_database


class Command(BaseCommand):
    help = (
        "Restore a deleted page and the pages under it from a backup (make backup) into the live "
        "database, as drafts, under its old parent or --parent."
    )

    def add_arguments(self, parser):
        parser.add_argument("backup", help="a backups/<time> folder, or its db.dump")
        parser.add_argument("page_id", type=int, help="the deleted page's id (Reports > Site history shows it)")
        parser.add_argument("--parent", type=int, dest="parent_id", help="restore under this page instead")

    def handle(self, *args, backup, page_id, parent_id=None, **options):
        try:
            dump = dump_file(backup)
            self.stdout.write(f"Reading {dump} into a scratch database...")
            with scratch_database(dump) as alias:
                page = restore_subtree(
                    alias, page_id, parent_id, progress=lambda draft: self.stdout.write(f"  {draft.url_path}")
                )
        except RestoreError as error:
            raise CommandError(str(error)) from error
        count = page.get_descendant_count() + 1
        self.stdout.write(
            self.style.SUCCESS(
                f"Restored {count} page(s) as drafts: check and publish them at /admin/pages/{page.pk}/edit/"
            )
        )
