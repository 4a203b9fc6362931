namespace ClearanceWorkflow.Api.Hosting;

/// <summary>Tag descriptions and request examples for the OpenAPI document; the lint in the tests checks the examples against the schemas.</summary>
internal static class ApiExamples
{
    public static readonly IReadOnlyDictionary<string, string> Tags = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["Applicant"] = "The applicant's own applications, cases and clearance.",
        ["Cases"] = "A case as the caller may see it, its workflow actions, investigation and findings.",
        ["Adjudication"] = "The adjudicators' work queue.",
        ["Workflows"] = "The workflow definitions the service runs.",
        ["Audit"] = "The tamper-evident audit trail.",
        ["Reciprocity"] = "Partner agencies ask whether a subject holds a clearance.",
        ["Partners"] = "Partner agencies and their data-sharing agreements.",
        ["Clearances"] = "Clearances held: status, history, incidents and certificates, for security staff.",
        ["Certificates"] = "The public check of a certificate's verification code.",
        ["Reports"] = "Timeliness and outcome figures.",
        ["Notifications"] = "Notifications the webhook could not deliver, and their redrive.",
        ["Sessions"] = "Workspace sign-in sessions, and ending them.",
    };

    /// <summary>By operation id.</summary>
    public static readonly IReadOnlyDictionary<string, string> RequestBodies = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["createApplication"] = """
            { "requestedLevel": "Secret", "sponsor": "Ministry of Defence",
              "subject": { "givenName": "Jane", "familyName": "Doe", "dateOfBirth": "1988-02-14", "citizenship": "GB",
                           "nationalId": "AB-123456", "email": "jane.doe@example.org" } }
            """,
        ["updateQuestionnaire"] = """
            { "residences": [ { "from": "2018-01-01", "to": null, "address": "12 Acacia Avenue, Springfield", "country": "GB" } ],
              "employment": [ { "from": "2018-01-01", "to": null, "employer": "Acme Ltd", "position": "Engineer" } ],
              "education": [ { "institution": "University of Springfield", "degree": "BSc", "from": null, "to": null } ],
              "references": [ { "name": "Ref One", "relationship": "colleague", "contact": "ref.one@example.org" } ],
              "foreignContacts": [], "foreignTravel": [],
              "financial": { "bankruptcy": false, "delinquentDebt": false, "details": null },
              "criminalRecord": [], "drugUse": { "illegalUseInScope": false, "details": null } }
            """,
        ["recordCheckResult"] = """{ "outcome": "Clear", "summary": "Identity confirmed against the passport register." }""",
        ["recordFinding"] = """{ "guideline": "F", "severity": "Minor", "summary": "Late payments in 2021, since settled.", "mitigated": true, "mitigation": "Debts repaid in full." }""",
        ["queryReciprocity"] = """{ "subject": { "nationalId": "AB-123456", "familyName": "Doe", "dateOfBirth": "1988-02-14" }, "purpose": "employment", "requiredLevel": "Secret" }""",
        ["queryReciprocityBatch"] = """
            { "purpose": "employment", "requiredLevel": "Secret",
              "subjects": [ { "correlationId": "row-1", "nationalId": "AB-123456", "familyName": "Doe", "dateOfBirth": "1988-02-14" } ] }
            """,
        ["createPartner"] = """
            { "partnerId": "fr-dgsi", "name": "Partner agency", "country": "FR", "purposes": ["employment", "site-access"],
              "maxLevel": "Secret", "agreementExpiresOn": "2030-12-31", "active": true }
            """,
        ["updatePartner"] = """
            { "name": "Partner agency", "country": "FR", "purposes": ["employment"], "maxLevel": "Confidential",
              "agreementExpiresOn": "2030-12-31", "active": true, "version": 1 }
            """,
    };

    /// <summary>By workflow action name; actions without a body have none.</summary>
    public static readonly IReadOnlyDictionary<string, string> ActionBodies = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["submit"] = """{ "attestation": true }""",
        ["withdraw"] = """{ "reason": "I have accepted another offer." }""",
        ["assign"] = """{ "adjudicatorId": "bob" }""",
        ["request-information"] = """{ "questions": ["Please explain the gap in employment in 2020."] }""",
        ["provide-information"] = """{ "answers": ["I was travelling in South America from March to August 2020."] }""",
        ["schedule-interview"] = """{ "scheduledAt": "2030-03-02T10:00:00Z", "location": "Room 101" }""",
        ["complete-interview"] = """{ "summary": "The applicant answered every question openly; nothing of concern." }""",
        ["grant"] = """{ "level": "Secret", "rationale": "No disqualifying information; the whole person favours eligibility.", "exception": null }""",
        ["deny"] = """{ "rationale": "Unmitigated financial concerns under guideline F." }""",
        ["decline-concurrence"] = """{ "rationale": "The debts were settled in 2024: guideline F is mitigated." }""",
        ["answer"] = """{ "response": "The debts were settled in 2024; the statements are attached.", "requestHearing": true }""",
        ["appeal"] = """{ "grounds": "The decision did not weigh the settlement of the debts." }""",
        ["board-vote"] = """{ "vote": "Uphold", "rationale": "The financial concerns are recent and repeated." }""",
    };
}
