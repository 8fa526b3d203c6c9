"""The desk's inbox: each person's notifications (`core.notifications`), newest first."""

from django.contrib import admin
from django.contrib.admin.utils import unquote
from django.http import Http404
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.http import url_has_allowed_host_and_scheme

from .models import DraftChange, Notification
from .notifications import notifications_read
from .numbers import whole_number


class UnreadFilter(admin.SimpleListFilter):
    title = "read"
    parameter_name = "unread"

    def lookups(self, request, model_admin):
        return [("yes", "Unread")]

    def queryset(self, request, queryset):
        if self.value() == "yes":
            return queryset.filter(read_at__isnull=True)
        return queryset


class ChosenRecordFilter(admin.SimpleListFilter):
    """A list's rows that point at one record (`?<parameter_name>=<id>`), offered only once
    chosen: a menu of every film or tag was thousands of links beside the list, and "Show
    counts" asked for a count of each in one statement (past PostgreSQL's 1,664 columns, a
    503). Pages link here instead (a film's form: "Quotes about this film"). A subclass names
    the `model` chosen from and the `field` that points at it."""

    model = None
    field = ""

    def chosen(self) -> int | None:
        return whole_number(self.value())

    def lookups(self, request, model_admin):
        chosen = self.chosen()
        if chosen is None:
            return []
        return [(str(record.pk), str(record)) for record in self.model.objects.filter(pk=chosen)]

    def queryset(self, request, queryset):
        if self.chosen() is not None:
            return queryset.filter(**{self.field: self.chosen()})
        return queryset


class DeskListAdmin(admin.ModelAdmin):
    """A list every desk user may read, and nobody adds to or edits by hand."""

    def has_module_permission(self, request):
        return request.user.is_active and request.user.is_staff

    def has_view_permission(self, request, obj=None):
        return self.has_module_permission(request)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(Notification)
class NotificationAdmin(DeskListAdmin):
    """Everyone on the desk sees their own notifications and nobody else's; opening one marks
    it read and leads to what it is about."""

    list_display = ["opened", "comment", "created_at", "read_at"]
    list_filter = [UnreadFilter]
    actions = ["mark_read"]
    ordering = ["-created_at", "-id"]

    def get_queryset(self, request):
        return super().get_queryset(request).filter(recipient=request.user)

    def has_delete_permission(self, request, obj=None):
        return self.has_module_permission(request)

    @admin.display(description="Notification")
    def opened(self, obj):
        url = reverse("admin:core_notification_open", args=[obj.pk])
        weight = "normal" if obj.read_at else "bold"
        return format_html('<a href="{}" style="font-weight:{}">{}</a>', url, weight, obj.message)

    @admin.action(description="Mark selected as read", permissions=["view"])
    def mark_read(self, request, queryset):
        count = notifications_read(user=request.user, ids=queryset.values_list("pk", flat=True))
        self.message_user(request, f"{count} notification(s) marked read.")

    def get_urls(self):
        return [
            path(
                "<path:object_id>/open/",
                self.admin_site.admin_view(self.open_view),
                name="core_notification_open",
            ),
            *super().get_urls(),
        ]

    def open_view(self, request, object_id):
        notification = self.get_queryset(request).filter(pk=unquote(object_id)).first()
        if notification is None:
            raise Http404("No such notification.")
        notifications_read(user=request.user, ids=[notification.pk])
        target = notification.url
        if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
            target = reverse("admin:core_notification_changelist")
        return redirect(target or reverse("admin:core_notification_changelist"))


@admin.register(DraftChange)
class DraftChangeAdmin(DeskListAdmin):
    """Every change waiting for an editor, whatever the record: each links to its record's
    form, where it is approved (published) or discarded."""

    list_display = ["record_link", "is_submitted", "updated_by", "updated_at"]
    list_select_related = ["content_type", "updated_by"]
    list_filter = ["content_type", "is_submitted"]
    ordering = ["-updated_at", "-id"]

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.display(description="Changes to")
    def record_link(self, obj):
        kind = obj.content_type
        url = reverse(f"admin:{kind.app_label}_{kind.model}_change", args=[obj.object_id])
        return format_html('<a href="{}">{} #{}</a>', url, kind.name, obj.object_id)
