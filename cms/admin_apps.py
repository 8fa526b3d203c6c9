"""Django's admin app with the project's site as the default one (`admin.site`); apart from
`cms.admin_site` because an app config module may not import models."""

from django.contrib.admin.apps import AdminConfig


class QuoteDeskAdminConfig(AdminConfig):
    default_site = "cms.admin_site.QuoteDeskAdminSite"
