"""The safety plan's part of a member's data download and of account deletion (members.registry)."""

from .models import SafetyPlan


def safety_plan_for(member):
    plan = SafetyPlan.objects.filter(member=member).first()
    if plan is None:
        return None
    return {
        "naloxone_location": plan.naloxone_location,
        "people_to_call": plan.contacts,
        "local_services": plan.services,
        "notes": plan.notes,
        "last_saved_at": plan.updated_at.isoformat(),
    }


def delete_safety_plan(member, keep_comments=False):
    """The plan is private to the member: always deleted, whatever happens to their comments."""
    SafetyPlan.objects.filter(member=member).delete()
