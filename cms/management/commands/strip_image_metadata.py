"""Clean the images stored before uploads lost their metadata on arrival (cms.uploads).

Run once after upgrading, and after restoring a backup taken before then: each image that still
carries EXIF, XMP or IPTC is stored again upright from its pixels alone, under a new name, and its
renditions are deleted (Wagtail makes them again from the clean original on the next request).
Images with nothing to remove are left as they are, so running it again changes nothing.
"""

import io

from django.core.files.base import ContentFile
from django.core.management.base import BaseCommand
from django.db import transaction
from PIL import Image
from wagtail.images import get_image_model

from cms.uploads import without_metadata


class Command(BaseCommand):
    help = "Remove GPS, camera and other metadata from stored images and drop their renditions."

    def handle(self, *args, **options):
        images = get_image_model().objects.order_by("pk")
        total, cleaned = images.count(), 0
        for number, image in enumerate(images.iterator(), start=1):
            if self.clean(image):
                cleaned += 1
            if number % 100 == 0:
                self.stdout.write(f"{number} of {total} images checked")
        self.stdout.write(self.style.SUCCESS(f"{cleaned} of {total} images cleaned."))

    @transaction.atomic
    def clean(self, image):
        with image.open_file() as stored:
            data = without_metadata(stored)
        if data is None:
            return False
        old_name, storage = image.file.name, image.file.storage
        with Image.open(io.BytesIO(data)) as upright:
            size = upright.size
        if size != (image.width, image.height):
            # Turned upright: the focal point was drawn on the picture lying on its side.
            image.set_focal_point(None)
        image.file.save(old_name, ContentFile(data), save=False)
        image.width, image.height = size
        image.file_size = len(data)
        image._set_file_hash()
        image.save()
        image.renditions.all().delete()
        transaction.on_commit(lambda: storage.delete(old_name))
        return True
