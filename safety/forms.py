import re

from django import forms
from django.core.exceptions import ValidationError
from django.forms.models import model_to_dict
from django.utils.translation import gettext_lazy as _

from .models import SafetyPlan

CONTACT_ROWS = 4
SERVICE_ROWS = 3
PHONE = re.compile(r"^\+?[0-9(][0-9 ().\-]{1,28}$")


def tel_href(phone):
    """A `tel:` link from a number as the member typed it ("(555) 010-0199" dials 5550100199)."""
    digits = re.sub(r"[^0-9]", "", phone)
    return f"tel:{'+' if phone.strip().startswith('+') else ''}{digits}" if digits else ""


def validate_phone(value):
    if not PHONE.match(value) or len(re.sub(r"[^0-9]", "", value)) < 3:
        raise ValidationError(
            _("Write the number with digits only (spaces, dashes and brackets are fine)."), code="phone"
        )


class SafetyPlanForm(forms.ModelForm):
    """The member's own words; people and services are rows of a name and a number to call."""

    class Meta:
        model = SafetyPlan
        fields = ["naloxone_location", "notes"]
        help_texts = {
            "naloxone_location": _("For example: kitchen drawer by the fridge; a second kit in the car's glove box."),
            "notes": _("Anything else that helps in the moment: medicines, allergies, who has a spare key."),
        }
        widgets = {"naloxone_location": forms.Textarea(attrs={"rows": 2}), "notes": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, plan=None, **kwargs):
        # The saved plan is only read: a refused form must not show its words in the plan above it.
        initial = model_to_dict(plan, fields=self._meta.fields) if plan is not None else None
        super().__init__(*args, initial=initial, **kwargs)
        self.rows = {"contacts": [], "services": []}
        for kind, count, label in (
            ("contacts", CONTACT_ROWS, _("Person to call %(number)s")),
            ("services", SERVICE_ROWS, _("Local service %(number)s")),
        ):
            saved = getattr(plan, kind, None) or []
            for i in range(count):
                row = saved[i] if i < len(saved) else {}
                name_field, phone_field = f"{kind}-{i}-name", f"{kind}-{i}-phone"
                self.fields[name_field] = forms.CharField(
                    label=_("Name"), required=False, max_length=100, initial=row.get("name", "")
                )
                self.fields[phone_field] = forms.CharField(
                    label=_("Phone number"),
                    required=False,
                    max_length=30,
                    initial=row.get("phone", ""),
                    validators=[validate_phone],
                    widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "off"}),
                )
                self.rows[kind].append(
                    {"legend": label % {"number": i + 1}, "name": self[name_field], "phone": self[phone_field]}
                )

    def rows_of(self, kind):
        """The filled rows of `kind`, empty ones dropped; a number without a name is kept (it can be dialled)."""
        rows = []
        for row in self.rows[kind]:
            name = self.cleaned_data[row["name"].name].strip()
            phone = self.cleaned_data[row["phone"].name].strip()
            if name or phone:
                rows.append({"name": name, "phone": phone})
        return rows
