"""The newsroom's two roles as auth groups, so that nobody sets permissions by hand.

Writers create and edit their own drafts, attribute quotes and submit articles for review;
Editors may do everything on the desk, including publishing and approving quotes. The data
migration `articles.0003_roles` creates both groups; `manage.py setup_roles` re-syncs them
after a model is added. Both are idempotent: a group ends with exactly the permissions below.
"""

WRITERS = "Writers"
EDITORS = "Editors"

# The apps whose every permission an editor holds.
EDITOR_APPS = ("images", "quotes", "articles")

WRITER_PERMISSIONS = (
    "articles.add_article",
    "articles.change_article",
    "articles.view_article",
    "articles.add_featuredquote",
    "articles.change_featuredquote",
    "articles.delete_featuredquote",
    "articles.view_featuredquote",
    "articles.add_byline",
    "articles.change_byline",
    "articles.delete_byline",
    "articles.view_byline",
    "articles.view_section",
    "articles.view_tag",
    "articles.view_author",
    "articles.view_correction",
    "quotes.add_quote",
    "quotes.change_quote",
    "quotes.view_quote",
    "quotes.add_person",
    "quotes.change_person",
    "quotes.view_person",
    "quotes.add_character",
    "quotes.change_character",
    "quotes.view_character",
    "quotes.add_source",
    "quotes.change_source",
    "quotes.view_source",
    "quotes.add_outlet",
    "quotes.change_outlet",
    "quotes.view_outlet",
    "quotes.add_film",
    "quotes.change_film",
    "quotes.view_film",
    "quotes.view_franchise",
    "quotes.view_credit",
    "quotes.view_boxofficefigure",
    "images.add_image",
    "images.change_image",
    "images.view_image",
)


def sync_roles(apps=None) -> dict[str, int]:
    """Create or update both groups; returns how many permissions each holds.

    `apps` is the migration's app registry when run from a migration, else the live one. A
    migration sees only the models of its time: permissions of models added later are left
    for the migration that adds them (`0012_roles_structure`) to grant, not refused.
    """
    in_migration = apps is not None
    if apps is None:
        from django.apps import apps
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")

    wanted = set()
    for dotted in WRITER_PERMISSIONS:
        app_label, codename = dotted.split(".")
        wanted.add((app_label, codename))
    writer_perms = [
        perm
        for perm in Permission.objects.filter(content_type__app_label__in=EDITOR_APPS)
        .select_related("content_type")
        .order_by("pk")
        if (perm.content_type.app_label, perm.codename) in wanted
    ]
    missing = wanted - {(p.content_type.app_label, p.codename) for p in writer_perms}
    if missing and not in_migration:
        raise LookupError(f"Permissions not found: {sorted(missing)}")
    editor_perms = list(Permission.objects.filter(content_type__app_label__in=EDITOR_APPS))

    counts = {}
    for name, perms in ((WRITERS, writer_perms), (EDITORS, editor_perms)):
        group, _ = Group.objects.get_or_create(name=name)
        group.permissions.set(perms)
        counts[name] = len(perms)
    return counts


def sync_roles_in_migration(apps, schema_editor) -> None:
    """A migration's step that grants the permissions of the models it adds: they are created
    first (Django creates them only after every migration has run)."""
    from django.contrib.auth.management import create_permissions

    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    sync_roles(apps)
