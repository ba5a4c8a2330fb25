"""Names shown for the codes of defence work (the domain keeps codes; the catalogs translate)."""

from flask_babel import lazy_gettext as _l

KIND_NAMES = {"lawsuit": _l("Lawsuits"), "respondent": _l("Cases as respondent")}
STATE_NAMES = {"pending": _l("Pending"), "concluded": _l("Concluded")}
INSTANCE_NAMES = {"first": _l("First instance"), "second": _l("Second instance"), "retrial": _l("Retrial")}
DEFENDANT_ROLE_NAMES = {"agency": _l("Original agency"), "organ": _l("Reconsideration organ")}
JUDGMENT_KIND_NAMES = {"judgment": _l("Judgment"), "ruling": _l("Ruling"), "mediation": _l("Mediation")}
APPEALED_BY_NAMES = {"none": _l("Nobody appealed"), "plaintiff": _l("The plaintiff"),
                     "defendant": _l("The defendant (we appealed)"), "both": _l("Both sides")}
OUTCOME_NAMES = {
    "upheld": _l("Claim dismissed (act upheld)"), "revoked": _l("Revoked"), "varied": _l("Varied"),
    "confirmed_illegal": _l("Confirmed illegal"), "confirmed_invalid": _l("Confirmed invalid"),
    "ordered_to_perform": _l("Ordered to perform"), "withdrawn": _l("Withdrawn"),
    "dismissed": _l("Suit dismissed (ruling)"), "mediated": _l("Mediated"), "other": _l("Other"),
}
# DEFENDANT_EXPLANATIONS of domain.litigation, for the reader's language.
DEFENDANT_RULE_TEXTS = {
    "direct_suit": _l("No reconsideration: the agency that made the act is the defendant (ALL 26(1))."),
    "co_defendants_upheld": _l("The reconsideration organ upheld the act: the original agency and the organ "
                               "are co-defendants (ALL 26(2))."),
    "co_defendants_rejected": _l("The organ rejected the request, which counts as upholding the act: the "
                                 "original agency and the organ are co-defendants (Interp. 133)."),
    "co_defendants_mixed": _l("The decision revoked part of the act and upheld the rest: the original agency "
                              "and the organ are co-defendants (Interp. 134(2)); if the plaintiff sues only "
                              "the revoked part, the organ alone is the defendant."),
    "co_defendants_result_unchanged": _l("The organ changed only the facts, evidence or legal basis, not the "
                                         "result: this counts as upholding, so both are co-defendants "
                                         "(Interp. 22(1))."),
    "co_defendants_procedural_illegality": _l("The act was confirmed illegal for breach of procedure only: "
                                              "this is not a change, so both are co-defendants "
                                              "(Interp. 22(3))."),
    "organ_changed_act": _l("The reconsideration decision changed the result of the act: the organ alone is "
                            "the defendant (ALL 26(2))."),
    "organ_inaction_choice": _l("The organ did not decide within the period: suing the original act makes "
                                "the agency the defendant, suing the inaction makes the organ the defendant; "
                                "the plaintiff chooses (ALL 26(3))."),
    "dismissal_plaintiff_choice": _l("The organ dismissed the application: suing the original act makes "
                                     "the agency the defendant, suing the dismissal makes the organ the "
                                     "defendant (Interp. 133)."),
    "terminated_agency": _l("The reconsideration was terminated without a decision on the act: the original "
                            "agency is the defendant (ALL 26(1))."),
    "mediated_agency": _l("The case ended with a mediation agreement: a suit over the original act has the "
                          "agency as defendant."),
}
AUDIT_NAMES = {
    "registered": _l("Registered"), "defence_filed": _l("Defence filed"), "hearing": _l("Hearing"),
    "judgment": _l("Judgment or ruling"), "appeal": _l("Appeal"),
    "recommendation": _l("Judicial recommendation"),
    "recommendation_answered": _l("Recommendation answered"), "decided": _l("Decision of the higher organ"),
    "assigned": _l("Officer assigned"),
}
FIGURE_NAMES = {
    "loss_rate": _l("Loss rate (cases)"), "loss_rate_agency": _l("Loss rate of original agencies"),
    "loss_rate_organ": _l("Loss rate of the reconsideration organ"),
    "head_appearance_rate": _l("Agency-head appearance rate"),
    "sued_share": _l("Reconsideration decisions sued"),
}
