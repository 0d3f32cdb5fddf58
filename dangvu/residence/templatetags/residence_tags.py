"""`{{ contact|shown_address:user }}`: the residence address, masked for whoever may not see it."""

from django import template

from dangvu.residence import selectors

register = template.Library()


@register.filter
def shown_address(contact, user) -> str:
    return selectors.shown_address(user, contact)
