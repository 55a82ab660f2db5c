"""The admin form every page type of the site is edited with."""

from wagtail.admin.forms import WagtailAdminPageForm


class PageForm(WagtailAdminPageForm):
    """Wagtail's page form, saving with a title only.

    The address (slug) sits on the Promote tab, which a new editor never opens. In the browser
    Wagtail's TitleFieldPanel fills it from the title as it is typed; without JavaScript, or
    when it was emptied, a blank one is made from the title when the page is saved (Wagtail's
    own ``Page._set_core_field_defaults``, unique among the page's siblings), instead of an
    error on a tab the editor does not see.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "slug" in self.fields:
            self.fields["slug"].required = False
