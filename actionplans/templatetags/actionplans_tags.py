from django import template

register = template.Library()


@register.filter
def get(mapping, key):
    return mapping.get(key) if mapping else None


@register.filter
def state_label(state):
    from actionplans.views import state_label as label

    return label(state)
