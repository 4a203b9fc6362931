using ClearanceWorkflow.IntegrationTests.Support;

namespace ClearanceWorkflow.IntegrationTests.Privacy;

/// <summary>A subject whose every identifying value is distinctive, so that finding one anywhere is unambiguous.</summary>
public static class PrivacySubject
{
    public const string GivenName = "Zephyrine";
    public const string FamilyName = "Quillfeather";
    public const string Email = "zephyrine.quillfeather@mailbox.example";
    public const string NationalId = "QZ-73519864";
    public const string NormalizedNationalId = "QZ73519864";
    public const string Address = "77 Wombat Crescent, Bramblewick";
    public const string InterviewNote = "Subject described the Bramblewick orchard dispute";
    public const string FindingSummary = "Unpaid Fennimore gambling debts";

    /// <summary>The whole-person factors of the finding: the age at the time is personal data.</summary>
    public static readonly object WholePerson = new { recency = "OneToFiveYears", frequency = "Repeated", ageAtConduct = 27, rehabilitation = "Partial", recurrenceLikelihood = "Low" };

    public static readonly string[] Secrets = [GivenName, FamilyName, Email, NationalId, NormalizedNationalId, Address, InterviewNote, FindingSummary];

    public static object Subject() => CaseDriver.Subject(familyName: FamilyName, nationalId: NationalId, email: Email, givenName: GivenName);

    /// <summary>Applies, fills the questionnaire with the address, submits, completes the checks, records a finding, interviews and grants.</summary>
    public static async Task<Guid> DriveFullCaseAsync(ApiFactory factory, string applicantId)
    {
        var driver = new CaseDriver(factory);
        using var applicant = factory.ClientFor(applicantId, "applicant");
        using var investigator = factory.ClientFor("ivy-investigator", "investigator");
        using var adjudicator = factory.ClientFor("ada-adjudicator", "adjudicator");
        var created = await driver.ApplyAsync(applicant, "Secret", Subject());
        var id = created.GetProperty("id").GetGuid();
        await driver.FillQuestionnaireAsync(applicant, id, CaseDriver.Questionnaire(6, address: Address));
        await driver.ActOkAsync(applicant, id, "submit", new { attestation = true });
        await driver.CompleteChecksAsync(investigator, id);
        await driver.ActOkAsync(adjudicator, id, "claim");
        await CaseDriver.Expect(
            await adjudicator.PostAsync($"/api/v1/cases/{id}/findings", System.Net.Http.Json.JsonContent.Create(new { guideline = "F", severity = "Moderate", summary = FindingSummary, mitigated = false, wholePerson = WholePerson })),
            System.Net.HttpStatusCode.Created);
        await driver.ActOkAsync(adjudicator, id, "schedule-interview", new { scheduledAt = TimeProvider.System.GetUtcNow().AddDays(3), location = "Room 4, " + Address });
        await driver.ActOkAsync(adjudicator, id, "complete-interview", new { summary = InterviewNote });
        await driver.ActOkAsync(adjudicator, id, "grant", new { level = "Secret", rationale = "mitigated by repayment plan", exception = new { type = "Condition", details = "quarterly financial review" } });
        await driver.GetCaseAsync(adjudicator, id);
        return id;
    }
}
