from allauth.account import views as allauth_views
from allauth.socialaccount.providers.openid_connect import views as oidc_views
from allauth.socialaccount.providers.saml import views as saml_views
from django.contrib.auth import views as auth_views
from django.urls import include, path, re_path

from . import sso, views
from .api import scim

app_name = "people"

urlpatterns = [
    path("profile/", views.profile, name="profile"),
    path("profile/password/", views.PasswordChangeView.as_view(), name="password-change"),
    path("profile/log-out-everywhere/", views.log_out_everywhere, name="log-out-everywhere"),
    path("notifications/", views.notifications, name="notifications"),
    path("language/", views.set_language, name="language"),
    path("join/<str:token>/", views.join, name="join"),
    path("invitations/", views.invite, name="invite"),
]

auth_urlpatterns = [
    # allauth's login view (people.adapter says why): failed attempts are limited per account
    # and per address. ``account_login`` is the name allauth itself reverses.
    path("login/", allauth_views.login, name="login"),
    path("login/", allauth_views.login, name="account_login"),
    # Wagtail's own login form would be a way in around those limits: it sends to ours.
    path("admin/login/", views.admin_login, name="wagtailadmin_login"),
    path("accounts/inactive/", allauth_views.account_inactive, name="account_inactive"),
    path("accounts/reauthenticate/", allauth_views.reauthenticate, name="account_reauthenticate"),
    # Two-factor authentication (allauth.mfa): set up an authenticator app and recovery codes
    # (``mfa_index``, linked from the profile), and the code asked at login.
    path("accounts/2fa/", include("allauth.mfa.urls")),
    # Single sign-on (people.adapter.SocialAccountAdapter): /accounts/oidc/sso/login/ and its
    # callback, and allauth's pages for a cancelled or failed SSO login.
    # The callbacks are not processed while an address (or account) is past the failed-login
    # limits (people.sso.limited); their failures count there.
    path(
        "accounts/oidc/<str:provider_id>/login/callback/",
        sso.limited(oidc_views.callback),
        name="openid_connect_callback",
    ),
    path("accounts/saml/<str:organization_slug>/acs/", sso.limited(saml_views.acs), name="saml_acs"),
    path(
        "accounts/saml/<str:organization_slug>/acs/finish/",
        sso.limited(saml_views.finish_acs),
        name="saml_finish_acs",
    ),
    path("accounts/", include("allauth.socialaccount.providers.openid_connect.urls")),
    # SAML 2.0: /accounts/saml/sso/login/, acs/, metadata/ (the SP's metadata and entity id).
    path("accounts/", include("allauth.socialaccount.providers.saml.urls")),
    path("accounts/social/", include("allauth.socialaccount.urls")),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("logout/", auth_views.LogoutView.as_view(), name="account_logout"),  # the name allauth's pages use
    path("password-reset/", views.PasswordResetView.as_view(), name="password_reset"),
    path("password-reset/sent/", views.PasswordResetDoneView.as_view(), name="password_reset_done"),
    path("password-reset/<uidb64>/<token>/", views.PasswordResetConfirmView.as_view(), name="password_reset_confirm"),
    path("password-reset/done/", auth_views.PasswordResetCompleteView.as_view(), name="password_reset_complete"),
]

# SCIM 2.0 for the identity provider (people/api/scim.py), under /scim/v2/. The IdP's
# clients call these without a trailing slash; both forms work.
scim_urlpatterns = [
    re_path(r"^ServiceProviderConfig/?$", scim.ServiceProviderConfigView.as_view(), name="scim-config"),
    re_path(r"^ResourceTypes/?$", scim.ResourceTypesView.as_view(), name="scim-resource-types"),
    re_path(r"^ResourceTypes/(?P<name>[^/]+)/?$", scim.ResourceTypesView.as_view(), name="scim-resource-type"),
    re_path(r"^Schemas/?$", scim.SchemasView.as_view(), name="scim-schemas"),
    re_path(r"^Schemas/(?P<schema_id>[^/]+)/?$", scim.SchemasView.as_view(), name="scim-schema"),
    re_path(r"^Users/?$", scim.UsersView.as_view(), name="scim-users"),
    re_path(r"^Users/(?P<member_id>[^/]+)/?$", scim.UserView.as_view(), name="scim-user"),
    re_path(r"^Groups/?$", scim.GroupsView.as_view(), name="scim-groups"),
    re_path(r"^Groups/(?P<group_id>[^/]+)/?$", scim.GroupView.as_view(), name="scim-group"),
]
