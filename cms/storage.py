"""File storage that names uploads itself."""

import os
import secrets

from django.core.files.storage import FileSystemStorage


def server_generated_name(filename):
    """Keep the folder chosen by the model and a lower-case extension; replace the rest.

    An uploader controls the original name: it may carry a member's real name, look like another
    file, or end in ".html". Nobody can guess or choose the stored name.
    """
    dirname, basename = os.path.split(str(filename).replace("\\", "/"))
    extension = os.path.splitext(basename)[1].lower()
    if not extension[1:].isalnum():
        extension = ""
    return os.path.join(dirname, f"{secrets.token_hex(12)}{extension}")


class ServerNamedFileSystemStorage(FileSystemStorage):
    """The default storage for media: every file saved through a model field gets a random name."""

    def generate_filename(self, filename):
        return super().generate_filename(server_generated_name(filename))
