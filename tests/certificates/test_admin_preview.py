"""The certificate template's live preview in the admin answers with the PDF."""

import pytest

pytestmark = pytest.mark.django_db


def test_the_preview_panel_shows_the_pdf_while_editing(client, plan_set):
    client.force_login(plan_set.trainer)
    url = "/admin/snippets/certificates/certificatetemplate/preview/"
    data = {
        "name": "Draft",
        "issuer": "Chamber",
        "heading": "Certificate of completion",
        "body": "This certifies that {participant_name} completed {cohort}.",
        "orientation": "portrait",
        "second_language": "",
        "bilingual_layout": "stacked",
        "logos-count": "0",
        "signatories-count": "0",
        "locale": "1",
    }
    posted = client.post(url, data)
    assert posted.status_code == 200 and posted.json()["is_valid"], posted.content[:500]
    shown = client.get(url)
    assert shown.status_code == 200
    assert shown["Content-Type"] == "application/pdf"
    assert shown.content.startswith(b"%PDF-")


def test_the_preview_of_an_existing_bilingual_template(client, plan_set):
    from tests.cert_fixtures import certificate_setup

    template = certificate_setup(plan_set.cohort).template
    client.force_login(plan_set.trainer)
    url = f"/admin/snippets/certificates/certificatetemplate/preview/{template.pk}/"
    data = {
        "name": template.name,
        "issuer": template.issuer,
        "heading": "Certificate of completion",
        "body": "{participant_name}",
        "orientation": "landscape",
        "second_language": "rw",
        "bilingual_layout": "side",
        "logos-count": "0",
        "signatories-count": "0",
    }
    assert client.post(url, data).json()["is_valid"]
    shown = client.get(url)
    assert shown["Content-Type"] == "application/pdf"
