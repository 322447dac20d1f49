from django import template
from django.utils.formats import number_format

register = template.Library()


@register.filter
def pct(value):
    """A percentage, whole: "45%"; a dash when there is nothing to divide by."""
    if value is None:
        return "–"
    return f"{number_format(round(value), 0)}%"


@register.filter
def num(value, places=0):
    if value is None:
        return "–"
    return number_format(round(value, int(places)), int(places), force_grouping=True)


@register.filter
def get(mapping, key):
    return mapping.get(key) if mapping else None


@register.simple_tag(takes_context=True)
def drill(context, measure, group=""):
    """The participants behind a figure (`group` "" for the total row)."""
    return context["scope"].link(measure, group or None)


@register.simple_tag(takes_context=True)
def table_url(context, name, file_format):
    scope = context["scope"]
    query = scope.query(format=file_format)
    return f"{scope.base}tables/{name}/?{query}"


@register.inclusion_tag("reports/_bars.html")
def chart(bars, title, percent=False):
    return {"bars": bars, "title": title, "percent": percent}


@register.filter
def split(text):
    return text.split()


@register.filter
def compliance(row):
    from reports.selectors import compliance_rate

    return compliance_rate(row)


@register.filter
def outcome_rate(row, kind):
    from reports.selectors import outcome_rate as rate

    return rate(kind, row)


@register.simple_tag(takes_context=True)
def drill_follow_up(context, offset, what, group=""):
    return context["scope"].link(f"follow_up:{offset}:{what}", group or None)


@register.simple_tag(takes_context=True)
def drill_outcome(context, indicator_id, group=""):
    return context["scope"].link(f"outcome:{indicator_id}", group or None)
