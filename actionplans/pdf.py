"""The plan as a printable PDF (WeasyPrint), in the plan's language, with the Noto font for
each script named explicitly (fontconfig would otherwise mix Serif and Sans)."""

from __future__ import annotations

from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import get_language

from actionplans import answers


def render_plan(plan, version=None) -> bytes:
    from weasyprint import HTML

    content = version.content if version else plan.content
    template = plan.template
    html = render_to_string(
        "actionplans/pdf.html",
        {
            "plan": plan,
            "template": template,
            "version": version,
            "sections": answers.layout(template, content),
            "printed": timezone.localtime(),
            "language": get_language(),
            "item_fields": answers.ITEM_FIELDS,
        },
    )
    return HTML(string=html).write_pdf()
