"""Media on S3-compatible object storage (django-storages), used only when a bucket is configured.

cms.settings.base picks this backend when MEDIA_STORAGE_BUCKET is set; otherwise media stay on the
filesystem (cms.storage.ServerNamedFileSystemStorage). Uploads keep their server-generated names
either way, so nobody can choose or guess an object's key.
"""

from storages.backends.s3 import S3Storage

from cms.storage import server_generated_name


class ServerNamedS3Storage(S3Storage):
    def generate_filename(self, filename):
        return super().generate_filename(server_generated_name(filename))
