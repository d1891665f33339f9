from django import template

from core.timezones import local_time
from secretariat.workspace import current_meeting_tools, meeting_tools

register = template.Library()


@register.simple_tag
def current_workspace():
    """(meeting, tools) of the current meeting, for the admin's home page."""
    return current_meeting_tools()


@register.simple_tag
def workspace_tools(meeting):
    return meeting_tools(meeting)


@register.filter
def meeting_time(value, meeting):
    """“2024-07-22 10:00 (Asia/Almaty, UTC+05:00)”: the back office's one way of showing a time."""
    return local_time(value, meeting.tzinfo)
