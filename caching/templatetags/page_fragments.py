"""``{% fragment name vary... %}…{% endfragment %}``: a part of a page rendered once per
generation, language and the values it varies on (caching.generation.cached_fragment).

For parts that depend on nothing but the page's published content and the site's shared
content (a menu, the footer, an article's text): never on the visitor, the query string or
the session. Previews (``request.is_preview``) are always rendered: they show a draft.
"""

import hashlib

from django import template
from django.utils.translation import get_language

from caching.generation import cached_fragment

register = template.Library()


class FragmentNode(template.Node):
    def __init__(self, nodelist, name, vary_on):
        self.nodelist = nodelist
        self.name = name
        self.vary_on = vary_on

    def render(self, context):
        request = context.get("request")
        if request is None or getattr(request, "is_preview", False):
            return self.nodelist.render(context)
        values = ":".join(str(value.resolve(context)) for value in self.vary_on)
        digest = hashlib.sha256(values.encode()).hexdigest()[:32]
        name = f"{self.name.resolve(context)}:{get_language()}:{digest}"
        return cached_fragment(name, lambda: self.nodelist.render(context))


@register.tag
def fragment(parser, token):
    bits = token.split_contents()
    if len(bits) < 2:
        raise template.TemplateSyntaxError("{% fragment %} needs a name: {% fragment 'footer' value... %}")
    nodelist = parser.parse(("endfragment",))
    parser.delete_first_token()
    name, *vary_on = (parser.compile_filter(bit) for bit in bits[1:])
    return FragmentNode(nodelist, name, vary_on)
