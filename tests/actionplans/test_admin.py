"""The admin: plan templates (translatable, with their sections), outcome indicators with a
name per language, and the default template in every configured language."""

import pytest
from django.conf import settings

from actionplans.default_template import TRANSLATION_KEY, translate_default
from actionplans.models import Indicator, PlanTemplate

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "url",
    [
        "/admin/snippets/actionplans/plantemplate/",
        "/admin/snippets/actionplans/plantemplate/add/",
        "/admin/action-plans/indicators/",
        "/admin/action-plans/indicators/new/",
    ],
)
def test_admin_screens_render(client, plan_set, url):
    client.force_login(plan_set.officer if "indicators" in url else plan_set.trainer)
    assert client.get(url).status_code == 200


def test_a_trainer_adds_a_template_with_sections(client, plan_set):
    client.force_login(plan_set.trainer)
    data = {
        "title": "Export readiness plan",
        "intro": "",
        "sections-count": "2",
        "sections-0-type": "text",
        "sections-0-deleted": "",
        "sections-0-order": "0",
        "sections-0-id": "",
        "sections-0-value-title": "Products to export",
        "sections-0-value-help": "",
        "sections-0-value-required": "on",
        "sections-1-type": "action_items",
        "sections-1-deleted": "",
        "sections-1-order": "1",
        "sections-1-id": "",
        "sections-1-value-title": "Steps",
        "sections-1-value-help": "",
        "sections-1-value-required": "on",
        "sections-1-value-min_items": "2",
        "locale": "1",
    }
    response = client.post("/admin/snippets/actionplans/plantemplate/add/", data)
    assert response.status_code == 302, response.content.decode()[:2000]
    template = PlanTemplate.objects.get(title="Export readiness plan")
    assert [s.block_type for s in template.sections] == ["text", "action_items"]
    assert all(s.id for s in template.sections)


def test_an_officer_adds_an_indicator_named_in_two_languages(client, plan_set):
    client.force_login(plan_set.officer)
    data = {
        "programme": str(plan_set.programme.pk),
        "code": "kg_sold",
        "name": "Mushrooms sold per month (kg)",
        "help_text": "",
        "kind": "choices",
        "unit": "",
        "position": "100",
        "active": "on",
        "name_si": "මාසිකව විකුණූ හතු (kg)",
        "choices_text": "",
    }
    refused = client.post("/admin/action-plans/indicators/new/", data)
    assert (
        refused.status_code == 200
        and "Give at least one option" in refused.content.decode()
    )
    data["kind"] = "number"
    done = client.post("/admin/action-plans/indicators/new/", data)
    assert done.status_code == 302
    indicator = Indicator.objects.get(code="kg_sold")
    assert indicator.names == {"si": "මාසිකව විකුණූ හතු (kg)"}
    assert indicator.label("si").startswith("මාසිකව")


def test_a_participant_never_reaches_the_admin(client, plan_set):
    client.force_login(plan_set.enrolled[0])
    assert client.get("/admin/action-plans/indicators/").status_code in (302, 403)


def test_the_default_template_exists_in_every_configured_language():
    """Made after `migrate` from the catalogues: no English template in a Khmer page."""
    translate_default()
    languages = set(
        PlanTemplate.objects.filter(translation_key=TRANSLATION_KEY).values_list(
            "locale__language_code", flat=True
        )
    )
    assert languages == {code for code, _name in settings.LANGUAGES}
    khmer = PlanTemplate.objects.get(
        translation_key=TRANSLATION_KEY, locale__language_code="km"
    )
    english = PlanTemplate.objects.get(
        translation_key=TRANSLATION_KEY, locale__language_code="en"
    )
    assert khmer.title != english.title
    assert [s.id for s in khmer.sections] == [s.id for s in english.sections]
    assert [block["value"]["required"] for block in khmer.sections.raw_data] == [
        True
    ] * 4


def test_standard_indicators_read_in_the_readers_language():
    from django.utils import translation

    sales = Indicator.objects.get(code="sales_change", programme=None)
    with translation.override("km"):
        assert sales.label() != "Change in sales"
