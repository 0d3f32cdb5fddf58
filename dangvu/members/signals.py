"""What the register tells the apps above it when it writes without saving row by row.

A set-based write (members.services.register_members) calls no save(), so no post_save handler runs:
it sends `register_written` once, with the organizations whose members, events or state intervals it
wrote, for what would have listened to the saves (dangvu.statistics.invalidation marks those summaries stale).
"""

from django.dispatch import Signal

register_written = Signal()  # sender=Member, organization_ids: set of organization ids
