from django import template

from articles import review

register = template.Library()


@register.simple_tag
def review_counts():
    return review.queue().counts()
