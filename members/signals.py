"""Account events that change membership: every new account gets a profile, a verified one joins."""

from allauth.account.signals import email_confirmed
from django.conf import settings
from django.db.models.signals import post_save
from django.dispatch import receiver

from .services import grant_membership, profile_for


@receiver(post_save, sender=settings.AUTH_USER_MODEL, dispatch_uid="members_profile_for_new_account")
def create_profile(sender, instance, created, raw=False, **kwargs):
    # A profile created here takes the language of the page the person signed up on.
    if created and not raw:
        profile_for(instance)


@receiver(email_confirmed, dispatch_uid="members_grant_membership_on_verification")
def join_members_on_verification(sender, request, email_address, **kwargs):
    grant_membership(email_address.user)
