"""A public post plays its media from the file's own address, so members-only media is refused there."""

import pytest
from django.core.files.base import ContentFile
from wagtail.blocks import StructBlockValidationError
from wagtail.models import Collection

from blog.blocks import MediaItemBlock
from cms.models import SiteMedia
from learning.models.pages import ensure_members_only_collection

from .factories import tone_wav

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def media_in(collection):
    return SiteMedia.objects.create(
        title="A recording", type="audio", collection=collection, file=ContentFile(tone_wav(1.0), name="tone.wav")
    )


def test_a_post_refuses_a_recording_from_the_members_only_collection(make_user):
    make_user("someone", "Members")
    block = MediaItemBlock()
    private = media_in(ensure_members_only_collection("Members-only learning media"))
    with pytest.raises(StructBlockValidationError) as refused:
        block.clean(block.to_python({"item": private.pk, "transcript": ""}))
    assert "members-only collection" in str(refused.value.block_errors["item"])


def test_a_post_accepts_a_recording_from_a_public_collection():
    block = MediaItemBlock()
    public = media_in(Collection.get_first_root_node())
    assert block.clean(block.to_python({"item": public.pk, "transcript": ""}))["item"] == public
