"""The signed Open Badges 3.0 credential, the admin's live PDF preview, names the fonts
cannot print, and the participant's email."""

import pytest
from django.core import mail
from django.test import RequestFactory
from wagtail.models import Locale

from certificates import badges, services
from certificates.models import CertificateNotice
from people.models import User
from tests.cert_fixtures import certificate_setup

pytestmark = pytest.mark.django_db


@pytest.fixture
def issued(plan_set, h5p_storage, django_capture_on_commit_callbacks):
    setup = certificate_setup(plan_set.cohort)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        certificate = services.issue(
            cohort=plan_set.cohort, user=plan_set.enrolled[0], by=plan_set.officer
        ).certificate
    plan_set.certificate = certificate
    plan_set.cert_template = setup.template
    return plan_set


def test_the_credential_is_an_open_badge_signed_by_a_did_key(client, issued):
    cert = issued.certificate
    response = client.get(f"/verify/{cert.code}/credential.json")
    assert response.status_code == 200
    signed = response.json()
    assert signed["type"] == ["VerifiableCredential", "OpenBadgeCredential"]
    assert signed["issuer"]["id"].startswith("did:key:z6Mk")
    assert signed["credentialSubject"]["name"] == cert.full_name
    assert signed["proof"]["cryptosuite"] == "eddsa-jcs-2022"
    assert badges.verify(signed)
    forged = {
        **signed,
        "credentialSubject": {**signed["credentialSubject"], "name": "Someone else"},
    }
    assert not badges.verify(forged)
    # The same key signs the next one (kept in the private storage).
    again = client.get(f"/verify/{cert.code}/credential.json").json()
    assert again["issuer"]["id"] == signed["issuer"]["id"]


def test_a_revoked_certificate_has_no_credential(client, issued):
    services.revoke(
        certificate=issued.certificate, by=issued.officer, reason="Wrong cohort"
    )
    assert (
        client.get(f"/verify/{issued.certificate.code}/credential.json").status_code
        == 404
    )


def test_the_participant_is_told_once_per_version(
    issued, django_capture_on_commit_callbacks
):
    person = issued.certificate.user
    assert [m.to for m in mail.outbox] == [[person.email]]
    assert issued.certificate.number not in mail.outbox[0].subject
    with django_capture_on_commit_callbacks(execute=True):
        services.reissue(
            certificate=issued.certificate, full_name="Corrected", by=issued.officer
        )
    assert CertificateNotice.objects.filter(user=person).count() == 2
    from certificates.notices import issued_notice

    issued_notice(issued.certificate.pk)  # a resend: nothing new
    assert len(mail.outbox) == 2


def test_the_admin_preview_is_the_pdf(issued):
    request = RequestFactory().get("/")
    response = issued.cert_template.serve_preview(request, "")
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF-")


def test_a_name_the_fonts_cannot_print_is_refused_with_the_characters(issued):
    person = issued.enrolled[1]
    User.objects.filter(pk=person.pk).update(full_name="Nimal 𓀀 Perera")
    person.refresh_from_db()
    with pytest.raises(services.CertificateError) as refused:
        services.issue(cohort=issued.cohort, user=person, by=issued.officer)
    assert "𓀀" in refused.value.message
    with pytest.raises(services.CertificateError):
        services.reissue(
            certificate=issued.certificate, full_name="Kumari 😀", by=issued.officer
        )


def test_a_missing_background_file_still_prints(issued, h5p_storage):
    from wagtail.images.models import Image
    from wagtail.images.tests.utils import get_test_image_file

    image = Image.objects.create(title="Background", file=get_test_image_file())
    template = issued.cert_template
    template.background = image
    template.signatories = [("signatory", {"name": "", "title": "", "signature": None})]
    template.save()
    image.file.storage.delete(image.file.name)  # the file is gone
    cert = services.issue(
        cohort=issued.cohort, user=issued.enrolled[1], by=issued.officer
    ).certificate
    assert cert.pdf.open("rb").read(5) == b"%PDF-"


def test_a_bilingual_certificate_prints_both_languages(issued, tmp_path):
    import shutil
    import subprocess

    template = issued.cert_template
    template.second_language = "rw"
    template.bilingual_layout = "side"
    template.save()
    kinyarwanda = template.copy_for_translation(Locale.objects.get(language_code="rw"))
    kinyarwanda.heading = "Icyemezo cyo kurangiza amahugurwa"
    kinyarwanda.save()
    person = issued.enrolled[1]
    User.objects.filter(pk=person.pk).update(preferred_language="rw")
    cert = services.issue(
        cohort=issued.cohort, user=person, by=issued.officer
    ).certificate
    assert cert.language == "en"  # its own language first, then the second one
    data = cert.pdf.open("rb").read()
    from io import BytesIO

    from pypdf import PdfReader

    metadata = PdfReader(BytesIO(data)).trailer["/Root"]["/Metadata"].get_object()
    assert b"pdfaid:part" in metadata.get_data()  # identified as PDF/A
    pdftotext = shutil.which("pdftotext")
    if pdftotext is None:
        pytest.skip("pdftotext is not installed")
    path = tmp_path / "c.pdf"
    path.write_bytes(data)
    text = subprocess.run(  # noqa: S603 - our own arguments
        [pdftotext, str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert "Certificate of completion" in text and "Icyemezo cyo kurangiza" in text


def test_starting_issue_all_twice_makes_one_job(issued):
    from certificates.models import IssueJob

    first = services.start_issue_all(cohort=issued.cohort, by=issued.officer)
    second = services.start_issue_all(cohort=issued.cohort, by=issued.trainer)
    assert first.pk == second.pk and IssueJob.objects.count() == 1
