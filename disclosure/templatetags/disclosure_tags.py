from django import template

register = template.Library()


@register.filter
def in_list(value: str, options: str) -> bool:
    """`status|in_list:"received in_progress"`: membership in a space-separated list."""
    return str(value) in (options or "").split()
