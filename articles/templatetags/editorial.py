from django import template

from articles.editorial import review

register = template.Library()


@register.simple_tag
def review_rows():
    return review.rows()
