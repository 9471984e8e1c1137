from community import spam


def _model():
    return spam.train(
        [
            ("Lening nodig? Snelle lening zonder BKR, bel nu", True),
            ("Need a loan fast without credit check, contact us", True),
            ("Geld lenen zonder BKR lage rente", True),
            ("Tips voor je LinkedIn profiel en kop", False),
            ("Great session about LinkedIn banners today", False),
            ("Ik heb de vacature gedeeld met mijn netwerk", False),
        ]
    )


def test_loan_spam_scores_high_and_normal_posts_low():
    model = _model()
    assert spam.score(model, "Snelle lening zonder BKR nodig? Bel ons") > 0.9
    assert spam.score(model, "Wie heeft tips voor mijn LinkedIn kop?") < 0.5


def test_untrained_model_scores_zero():
    assert spam.score({}, "Lening zonder BKR") == 0.0
