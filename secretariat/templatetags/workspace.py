from django import template

from secretariat.workspace import current_meeting_tools, meeting_tools

register = template.Library()


@register.simple_tag
def current_workspace():
    """(meeting, tools) of the current meeting, for the admin's home page."""
    return current_meeting_tools()


@register.simple_tag
def workspace_tools(meeting):
    return meeting_tools(meeting)
