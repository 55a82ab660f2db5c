"""Public URLs of the campaigns app (mounted under /<language>/campaigns/)."""

app_name = "campaigns"

urlpatterns = []
