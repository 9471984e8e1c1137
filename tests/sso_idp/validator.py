from oauth2_provider.oauth2_validators import OAuth2Validator

# The people this identity provider knows, with the claims it sends about them.
PEOPLE = {
    "ann@example.com": {"given_name": "Ann", "family_name": "Jansen", "department": "Sales", "location": "Utrecht"},
    "existing@example.com": {"given_name": "Eva", "family_name": "Bos", "department": "HR", "location": "Zwolle"},
    "unverified@example.com": {"given_name": "Uno", "family_name": "Veri", "email_verified": False},
}


class ClaimsValidator(OAuth2Validator):
    oidc_claim_scope = None  # every claim below, whatever the scope

    def get_additional_claims(self, request):
        email = request.user.email
        claims = {"email": email, "email_verified": True, "name": request.user.get_full_name()}
        claims.update(PEOPLE.get(email, {}))
        return claims
