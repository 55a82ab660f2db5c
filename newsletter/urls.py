"""Public URLs of the newsletter app (mounted under /<language>/newsletter/)."""

app_name = "newsletter"

urlpatterns = []
