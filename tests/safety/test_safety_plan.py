"""The member's private safety plan: who may see it, what it shows, export, deletion, offline worker."""

import json
import re

import pytest
from django.contrib import admin
from django.templatetags.static import static

from members.privacy import erase_account, member_data
from safety.models import SafetyPlan

pytestmark = pytest.mark.django_db

PLAN_URL = "/members/me/safety-plan/"
PLAN_URL_ES = "/es/miembros/mi-perfil/plan-de-seguridad/"
NALOXONE = "Top drawer of the bathroom cabinet"


def plan_form(**overrides):
    data = {
        "naloxone_location": NALOXONE,
        "contacts-0-name": "Ana (my sister)",
        "contacts-0-phone": "(555) 010-0199",
        "contacts-1-name": "",
        "contacts-1-phone": "",
        "services-0-name": "County crisis team",
        "services-0-phone": "+1 555-010-0142",
        "notes": "Spare key with the neighbour.",
    }
    data.update(overrides)
    return data


@pytest.fixture
def a_saved_plan(a_member):
    return SafetyPlan.objects.create(
        member=a_member,
        naloxone_location=NALOXONE,
        contacts=[{"name": "Ana (my sister)", "phone": "(555) 010-0199"}],
        services=[],
        notes="Spare key with the neighbour.",
    )


@pytest.mark.parametrize(("url", "login"), [(PLAN_URL, "/accounts/login/"), (PLAN_URL_ES, "/es/cuentas/login/")])
def test_anonymous_visitor_is_sent_to_log_in(client, url, login):
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith(login)
    assert "no-store" in response["Cache-Control"]


def test_an_account_without_membership_is_refused(client, an_editor):
    client.force_login(an_editor)
    assert client.get(PLAN_URL).status_code == 403


def test_another_member_sees_only_their_own_empty_plan(client, a_saved_plan, another_member):
    client.force_login(another_member)
    response = client.get(PLAN_URL)
    assert response.status_code == 200
    assert NALOXONE not in response.content.decode()
    assert "555" not in response.content.decode()


def test_staff_have_no_screen_that_shows_members_plans(client, a_saved_plan, make_user):
    staff = make_user("site-admin", is_staff=True, is_superuser=True)
    client.force_login(staff)
    assert SafetyPlan not in admin.site._registry
    assert client.get("/django-admin/safety/safetyplan/").status_code == 404
    assert client.get("/admin/snippets/safety/safetyplan/").status_code == 404
    # Staff who are members too see their own plan at the one address, never anyone else's.
    assert NALOXONE not in client.get(PLAN_URL).content.decode()


def test_a_member_saves_the_plan_and_sees_tap_to_call_links(client, a_member):
    client.force_login(a_member)
    response = client.post(PLAN_URL, plan_form())
    assert response.status_code == 302
    assert response["Location"] == PLAN_URL
    plan = SafetyPlan.objects.get(member=a_member)
    assert plan.contacts == [{"name": "Ana (my sister)", "phone": "(555) 010-0199"}]
    assert plan.services == [{"name": "County crisis team", "phone": "+1 555-010-0142"}]

    response = client.get(PLAN_URL)
    html = response.content.decode()
    assert NALOXONE in html
    assert 'href="tel:5550100199"' in html
    assert 'href="tel:+15550100142"' in html
    cache_control = response["Cache-Control"]
    assert "private" in cache_control
    assert "no-store" in cache_control


def test_a_number_with_letters_is_refused_and_nothing_is_saved(client, a_member):
    client.force_login(a_member)
    response = client.post(PLAN_URL, plan_form(**{"contacts-0-phone": "call Ana"}))
    assert response.status_code == 400
    assert "digits only" in response.content.decode()
    assert not SafetyPlan.objects.filter(member=a_member).exists()


def test_a_refused_change_keeps_the_saved_plan_on_show(client, a_member, a_saved_plan):
    client.force_login(a_member)
    response = client.post(PLAN_URL, plan_form(naloxone_location="In the car", **{"contacts-0-phone": "call Ana"}))
    assert response.status_code == 400
    html = response.content.decode()
    assert f'<p class="safety-plan__naloxone">{NALOXONE}</p>' in html
    assert "In the car</textarea>" in html, "the member's new words wait in the form"


def test_the_plan_page_says_so_in_spanish(client, a_member):
    client.force_login(a_member)
    response = client.post(PLAN_URL_ES, plan_form(**{"contacts-0-phone": "llame a Ana"}))
    html = response.content.decode()
    assert '<html lang="es">' in html
    assert "Su plan de seguridad" in html
    assert "Escriba el número solo con dígitos" in html
    assert "Este plan se guarda en este dispositivo" in html
    assert "Eliminar la copia sin conexión de este dispositivo" in html


def test_the_staff_steps_appear_in_english_with_a_call_link_to_911(client, a_member, a_plan_template):
    client.force_login(a_member)
    html = client.get(PLAN_URL).content.decode()
    assert "Check whether the person is breathing" in html
    assert "Give naloxone" in html
    assert "recovery position" in html
    assert "Stay with the person until help arrives" in html
    assert 'href="tel:911"' in html
    assert 'href="tel:988"' in html
    assert 'href="sms:988"' in html


def test_the_staff_steps_appear_in_spanish_with_988_by_text_with_ayuda(client, a_member, a_plan_template):
    client.force_login(a_member)
    html = client.get(PLAN_URL_ES).content.decode()
    assert "Revise si la persona respira" in html
    assert "Administre la naloxona" in html
    assert "posición de recuperación" in html
    assert "Llamar al 911" in html
    assert 'href="tel:911"' in html
    assert 'href="sms:988?body=AYUDA"' in html
    assert "marque 2 para español" in html
    assert "Check whether the person is breathing" not in html


def test_the_data_download_holds_the_plan(a_saved_plan, a_member):
    data = member_data(a_member)
    assert data["safety_plan"]["naloxone_location"] == NALOXONE
    assert data["safety_plan"]["people_to_call"] == [{"name": "Ana (my sister)", "phone": "(555) 010-0199"}]
    json.dumps(data, default=str)


def test_deleting_the_account_deletes_the_plan(a_saved_plan, a_member):
    erase_account(a_member, keep_comments=True)
    assert not SafetyPlan.objects.exists()


def test_the_profile_links_to_the_plan_in_both_languages(client, a_member):
    client.force_login(a_member)
    assert f'href="{PLAN_URL}"' in client.get("/members/me/").content.decode()
    html = client.get("/es/miembros/mi-perfil/").content.decode()
    assert f'href="{PLAN_URL_ES}"' in html
    assert "Su plan de seguridad" in html


def worker_urls(response):
    return json.loads(re.search(r"^const URLS = (.*);$", response.content.decode(), re.MULTILINE).group(1))


@pytest.mark.parametrize("plan_url", [PLAN_URL, PLAN_URL_ES])
def test_the_service_worker_caches_only_the_plan_and_its_stylesheets(client, plan_url):
    response = client.get(f"{plan_url}sw.js")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/javascript")
    assert "no-store" in response["Cache-Control"]
    # The worker's default scope is its own folder: the plan page, nothing else of the site.
    assert "Service-Worker-Allowed" not in response
    assert worker_urls(response) == [plan_url, static("css/site.css"), static("safety/safety-plan.css")]
    assert f'const PREFIX = "safety-plan:{plan_url}:";' in response.content.decode()


def test_the_plan_page_registers_its_worker_with_the_pages_nonce(client, a_member):
    client.force_login(a_member)
    response = client.get(PLAN_URL)
    nonce = re.search(r"'nonce-([^']+)'", response["Content-Security-Policy"]).group(1)
    html = response.content.decode()
    assert f'<script nonce="{nonce}">' in html
    assert f'data-worker="{PLAN_URL}sw.js"' in html
    assert f'data-scopes="{PLAN_URL} {PLAN_URL_ES}"' in html


def test_staff_edit_the_steps_template_in_the_admin(client, make_user, a_plan_template):
    client.force_login(make_user("site-admin", is_staff=True, is_superuser=True))
    response = client.get(f"/admin/snippets/safety/safetyplantemplate/edit/{a_plan_template.pk}/")
    assert response.status_code == 200
    assert "Check whether the person is breathing" in response.content.decode()


def test_the_demo_gives_the_member_login_a_plan_with_a_call_link(client, a_plan_template, django_user_model):
    member = django_user_model.objects.get(username="member")
    client.force_login(member)
    html = client.get(PLAN_URL).content.decode()
    assert "Kitchen drawer next to the fridge" in html
    assert 'href="tel:5550100199"' in html
