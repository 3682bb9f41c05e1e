from django import template

from articles.editorial import review

register = template.Library()


@register.simple_tag(takes_context=True)
def your_work(context):
    """The signed-in user's own work for the admin's front page (editorial/review.py)."""
    return review.work_for(context["request"].user)
